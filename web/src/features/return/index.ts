import "./return.css";

/** The return programme's section of the household page (texts in the `return` namespace). */
export { ReturnSection } from "./ReturnSection";
