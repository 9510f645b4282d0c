-- The statement-level check of migration 0007 also ran after every UPDATE of income,
-- looking up the person of every updated row (an import chunk's changed amounts, a hand
-- correction) although only a change of person_id can break the rule; the foreign key it
-- replaced skipped unchanged keys as well. A trigger with a transition table cannot name
-- columns, so updates are now checked per row, and only when person_id changes, which no
-- code path does.
DROP TRIGGER "income_person_exists_update" ON "income";--> statement-breakpoint
CREATE FUNCTION income_person_exists_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id) THEN
    RAISE EXCEPTION 'income refers to person %, which does not exist', NEW.person_id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'income',
        CONSTRAINT = 'income_person_exists';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER income_person_changed AFTER UPDATE OF person_id ON income
  FOR EACH ROW WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id)
  EXECUTE FUNCTION income_person_exists_row();
