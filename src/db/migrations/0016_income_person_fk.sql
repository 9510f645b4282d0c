-- The foreign key income.person_id → person.id again (docs/decisions.md, "The income
-- import stages the file and merges it in one statement; the foreign key is back").
-- Migrations 0007, 0012, 0013 and 0014 kept the rule with triggers, a lock order and a
-- transaction mark for the import; they are dropped here, with the functions they used.
--
-- An income whose person does not exist would make ADD CONSTRAINT fail with a message
-- that quotes a row; this check fails first and says what to do.
DO $$
DECLARE
  orphans integer;
  sample text;
BEGIN
  SELECT count(*)::int, string_agg(id::text, ', ' ORDER BY id) FILTER (WHERE rn <= 10)
    INTO orphans, sample
  FROM (
    SELECT i.id, row_number() OVER (ORDER BY i.id) AS rn FROM income i
    WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = i.person_id)
  ) o;
  IF orphans > 0 THEN
    RAISE EXCEPTION 'migration 0016: % income row(s) refer to a person that does not exist (the first income ids: %); delete them or give them their person, then migrate again: the foreign key income -> person needs every income to have its person', orphans, sample
      USING ERRCODE = 'foreign_key_violation';
  END IF;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "income_person_exists_insert" ON "income";--> statement-breakpoint
DROP TRIGGER IF EXISTS "income_person_changed" ON "income";--> statement-breakpoint
DROP TRIGGER IF EXISTS "person_without_income" ON "person";--> statement-breakpoint
DROP TRIGGER IF EXISTS "person_truncate_without_income" ON "person";--> statement-breakpoint
DROP TRIGGER IF EXISTS "person_id_kept" ON "person";--> statement-breakpoint
DROP FUNCTION IF EXISTS income_person_exists();--> statement-breakpoint
DROP FUNCTION IF EXISTS income_person_exists_row();--> statement-breakpoint
DROP FUNCTION IF EXISTS person_without_income();--> statement-breakpoint
DROP FUNCTION IF EXISTS person_truncate_without_income();--> statement-breakpoint
DROP FUNCTION IF EXISTS person_id_kept();--> statement-breakpoint
DROP FUNCTION IF EXISTS income_rule_needs_read_committed();--> statement-breakpoint
DROP FUNCTION IF EXISTS income_lock_for_import();--> statement-breakpoint
ALTER TABLE "income" ADD CONSTRAINT "income_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;
