import "../locations/locations.css";

/** The incomes feature's pages: a person's incomes, manual entry and the import. */
export { IncomesPage } from "./IncomesPage";
