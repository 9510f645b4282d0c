/** The audit feature's page: the municipal admin's access log per person. */
export { AuditPage } from "./AuditPage";
