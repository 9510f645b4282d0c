/** Decisions with receipts: what other modules and the CLI may use. */
export { decisionRoutes } from "./decisions.routes";
export {
  explainDecision,
  LOOKBACK_MONTHS as CHANGES_LOOKBACK_MONTHS,
  replayDecision,
} from "./decisions.service";
