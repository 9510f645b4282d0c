-- From a review of migration 0013. Its argument holds at READ COMMITTED only, on both
-- sides: a REPEATABLE READ import takes its snapshot with the statement that waits for the
-- lock, so it could read a person whose deletion committed meanwhile; a REPEATABLE READ
-- deletion (or renumbering, or truncation) does not see incomes committed after its
-- snapshot. Both now refuse to run at another level (docs/decisions.md). And the check is
-- skipped only for the import's own rows (source 'inlichtingenbureau'): any other income a
-- marked transaction writes is checked as before.
CREATE OR REPLACE FUNCTION income_lock_for_import() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'an income import runs at READ COMMITTED, not %',
      current_setting('transaction_isolation') USING ERRCODE = 'invalid_transaction_state';
  END IF;
  LOCK TABLE income IN ROW EXCLUSIVE MODE;
  PERFORM set_config('opvang.income_locked_by', txid_current()::text, true);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_person_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
  found integer;
  missing integer;
BEGIN
  IF current_setting('opvang.income_locked_by', true) = txid_current()::text
     AND NOT EXISTS (SELECT 1 FROM new_rows WHERE source <> 'inlichtingenbureau') THEN
    RETURN NULL;
  END IF;
  -- No join: a lookup of the distinct ids through the primary key, whose plan cannot turn
  -- into a scan per row when the statistics are off.
  ids := ARRAY(SELECT DISTINCT person_id FROM new_rows);
  SELECT count(*) INTO found FROM person WHERE id = ANY(ids);
  IF found < cardinality(ids) THEN
    SELECT x INTO missing FROM unnest(ids) AS x
    WHERE x <> ALL(ARRAY(SELECT id FROM person WHERE id = ANY(ids))) LIMIT 1;
    RAISE EXCEPTION 'income refers to person %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'income',
        CONSTRAINT = 'income_person_exists';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION income_rule_needs_read_committed() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'a person with possible incomes is deleted or renumbered at READ COMMITTED only, not %',
      current_setting('transaction_isolation') USING ERRCODE = 'invalid_transaction_state';
  END IF;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_without_income() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM income_rule_needs_read_committed();
  LOCK TABLE income IN SHARE MODE;
  SELECT i.person_id INTO kept FROM income i
  WHERE i.person_id = ANY(ARRAY(SELECT id FROM old_rows)) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'person % has incomes and cannot be deleted', kept
      USING ERRCODE = 'foreign_key_violation', TABLE = 'person',
        CONSTRAINT = 'income_person_exists';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM income_rule_needs_read_committed();
  LOCK TABLE income IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM income i WHERE i.person_id = OLD.id) THEN
    RAISE EXCEPTION 'person % has incomes and cannot get another id', OLD.id
      USING ERRCODE = 'foreign_key_violation', TABLE = 'person',
        CONSTRAINT = 'income_person_exists';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION person_truncate_without_income() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM income_rule_needs_read_committed();
  LOCK TABLE income IN SHARE MODE;
  IF EXISTS (SELECT 1 FROM income) THEN
    RAISE EXCEPTION 'person cannot be truncated while income has rows'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'person',
        CONSTRAINT = 'income_person_exists';
  END IF;
  RETURN NULL;
END $$;
