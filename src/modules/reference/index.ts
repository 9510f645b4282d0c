/** Reference data (municipalities, safety regions): what the CLI and http may use. */
export {
  type ImportSummary,
  importReference,
  parseReferenceFiles,
  readReferenceFiles,
} from "./gemeenten-import";
export { referenceRoutes } from "./reference.routes";
