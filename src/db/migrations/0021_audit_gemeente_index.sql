-- The municipal admin's audit log of the municipality, newest first, a page at a time
-- (GET /api/v1/audit): served by this index instead of sorting all of the municipality's records.
CREATE INDEX "audit_gemeente_at_idx" ON "audit_record" USING btree ("gemeente_code","at","id");
