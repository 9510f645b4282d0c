-- The GIN index over audit_record.person_ids kept new entries in a pending list (the
-- default fastupdate). One income import of 150,000 persons filled it past its limit of
-- 4 MB, and the insert that next crossed the limit moved the whole list into the index
-- inline: 0.4-0.5 s on whatever request came next. Without the pending list every insert
-- pays for its own entries: about 150 ms for such an import, well under 1 ms for a household
-- read (docs/decisions.md). Altered, not rebuilt: no rewrite of a large audit table; the
-- entries already pending are moved into the index here.
ALTER INDEX "audit_person_ids_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('audit_person_ids_idx'::regclass);
