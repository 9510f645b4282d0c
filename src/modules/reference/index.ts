/** Reference data (municipalities, safety regions): what the CLI may use. */
export {
  type ImportSummary,
  importReference,
  parseReferenceFiles,
  readReferenceFiles,
} from "./gemeenten-import";
