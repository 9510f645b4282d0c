/** The monthly run: what other modules, the server and the CLI may use. */
export { monthlyRunRoutes } from "./monthly-run.routes";
export {
  type JobOptions,
  runJob,
  runMonthFromCli,
  startPreparation,
} from "./monthly-run.service";
export { RunJobs } from "./run-jobs";
