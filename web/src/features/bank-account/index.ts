import "./bank-account.css";

/** The household page's bank account section (texts in the `bank-account` namespace). */
export { BankAccountSection } from "./BankAccountSection";
