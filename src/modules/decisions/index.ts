/** Decisions with receipts: what other modules and the CLI may use. */
export { decisionRoutes } from "./decisions.routes";
export {
  decisionContent,
  explainDecision,
  LOOKBACK_MONTHS as CHANGES_LOOKBACK_MONTHS,
  type LoadedMonth,
  lawbookOf,
  replayDecision,
  storeLawVersion,
} from "./decisions.service";
