import "./funding.css";

/**
 * The funding claim (texts in the `funding` namespace, the kinds of location in
 * `locations`): the municipality's /funding page.
 */
export { FundingPage } from "./FundingPage";
