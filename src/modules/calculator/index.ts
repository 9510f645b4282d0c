/** The public calculator. */
export { calculatorRoutes } from "./calculator.routes";
