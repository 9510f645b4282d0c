/** The audit log: what other modules may use. */
export {
  type AuditEntry,
  auditActorValues,
  auditInsertFor,
  auditInsertPrepared,
  listAuditForPerson,
  personAuditCondition,
  recordAudit,
  recordAuditForPersons,
} from "./audit.repository";
export { auditRoutes } from "./audit.routes";
export {
  AUDIT_MONTHS_AHEAD,
  type AuditPartition,
  ensureAuditPartitions,
  listAuditPartitions,
  pruneAuditPartitions,
} from "./audit-partitions";
