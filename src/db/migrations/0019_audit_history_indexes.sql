-- The household history's three questions, each over the changes only (docs/performance.md,
-- "Audit log"): replaces one OR that scanned the whole audit table on every household read.
CREATE INDEX "audit_entity_changes_idx" ON "audit_record" USING btree ("entity_type","entity_id","id") WHERE action not in ('read', 'search');--> statement-breakpoint
CREATE INDEX "audit_person_changes_idx" ON "audit_record" USING btree ("person_id","id") WHERE action not in ('read', 'search');--> statement-breakpoint
CREATE INDEX "audit_person_ids_changes_idx" ON "audit_record" USING gin ("person_ids") WITH (fastupdate=false) WHERE action not in ('read', 'search');