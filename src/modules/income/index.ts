/** Incomes and the Inlichtingenbureau import: what other modules may use. */
export { incomeRoutes } from "./income.routes";
