-- The statement-level check of migration 0007 looks up every inserted income's person
-- through the primary key: 28 ms of each 175 ms chunk of an Inlichtingenbureau import,
-- which has itself just read those persons.
-- An import transaction now calls income_lock_for_import() before it reads any person:
-- it takes income's ROW EXCLUSIVE lock, which every deletion or change of id of a person
-- (the triggers of 0007 take SHARE on income) then waits for, and marks the transaction.
-- In that order a person the import reads cannot vanish before the import commits: a
-- removal that came first has committed before the import's reads take their snapshots
-- (READ COMMITTED); one that comes later waits, then finds the new incomes and is refused.
-- The check skips the statements of such a transaction only, which must write incomes of
-- persons read after the lock and nothing else (docs/decisions.md).
CREATE FUNCTION income_lock_for_import() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE income IN ROW EXCLUSIVE MODE;
  PERFORM set_config('opvang.income_locked_by', txid_current()::text, true);
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION income_person_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids integer[];
  found integer;
  missing integer;
BEGIN
  IF current_setting('opvang.income_locked_by', true) = txid_current()::text THEN
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
END $$;
