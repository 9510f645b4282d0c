/** Decisions with receipts: what other modules and the CLI may use. */
export { decisionRoutes } from "./decisions.routes";
export { explainDecision, replayDecision } from "./decisions.service";
