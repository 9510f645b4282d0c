-- Two changes, both for reads that stay fast as the records grow (docs/performance.md).
--
-- 1. Search by name without walking the municipality. The name keys within a municipality
-- ("GM0363:ALKSNDR") in a GIN index without a pending list, and the first letters of the
-- family name (Latin and Cyrillic) in a btree each; registry.repository searchPersons
-- asks each of them its own question. Replaces the national GIN index on name_keys, whose
-- common keys fetched the whole nation's matches and whose pending list every search
-- scanned. person_search_keys is immutable: an index expression, and the query's
-- constant side folds to the same form.
CREATE FUNCTION "person_search_keys"("gemeente" text, "keys" text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select array(select "gemeente" || ':' || k from unnest("keys") as k) $$;--> statement-breakpoint
DROP INDEX "person_name_keys_idx";--> statement-breakpoint
CREATE INDEX "person_search_keys_idx" ON "person" USING gin (person_search_keys("gemeente_code", "name_keys")) WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "person_family_name_prefix_idx" ON "person" USING btree ("gemeente_code",lower("family_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "person_family_name_cyrillic_prefix_idx" ON "person" USING btree ("gemeente_code",lower("family_name_cyrillic") text_pattern_ops);--> statement-breakpoint
--
-- 2. The audit log partitioned by month on "at" (declarative partitioning; drizzle-kit
-- cannot express it, so this part is written by hand and schema.ts describes the parent
-- table). A partition per calendar month in UTC, named audit_record_yYYYYmMM, and a
-- default partition as a safety net for a record of a month without one; the
-- application creates the months ahead at start-up and with `opvang audit partitions`,
-- and `opvang audit prune` drops whole months past the retention
-- (modules/audit/audit-partitions.ts, docs/operations.md). The key must hold the
-- partition column: (id, at). Nothing references audit_record by foreign key.
--
-- The records are copied into the new table; ids are kept and the identity continues
-- after the highest id the old sequence gave. The indexes are built after the copy.
ALTER TABLE "audit_record" RENAME TO "audit_record_unpartitioned";--> statement-breakpoint
ALTER SEQUENCE "audit_record_id_seq" RENAME TO "audit_record_unpartitioned_id_seq";--> statement-breakpoint
DROP INDEX "audit_person_idx";--> statement-breakpoint
DROP INDEX "audit_person_ids_idx";--> statement-breakpoint
DROP INDEX "audit_user_idx";--> statement-breakpoint
DROP INDEX "audit_gemeente_at_idx";--> statement-breakpoint
DROP INDEX "audit_entity_changes_idx";--> statement-breakpoint
DROP INDEX "audit_person_changes_idx";--> statement-breakpoint
DROP INDEX "audit_person_ids_changes_idx";--> statement-breakpoint
CREATE TABLE "audit_record" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"person_id" integer,
	"person_ids" integer[],
	"gemeente_code" text,
	"fields" jsonb,
	"reason" text
) PARTITION BY RANGE ("at");--> statement-breakpoint
CREATE TABLE "audit_record_default" PARTITION OF "audit_record" DEFAULT;--> statement-breakpoint
-- A month for every month of the records there are, through three months ahead.
DO $$
DECLARE
  m timestamp;
  last timestamp := date_trunc('month', now() at time zone 'UTC') + interval '3 months';
BEGIN
  m := coalesce(
    (SELECT date_trunc('month', min("at") at time zone 'UTC') FROM "audit_record_unpartitioned"),
    date_trunc('month', now() at time zone 'UTC'));
  m := least(m, date_trunc('month', now() at time zone 'UTC'));
  WHILE m <= last LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF "audit_record" FOR VALUES FROM (%L) TO (%L)',
      'audit_record_y' || to_char(m, 'YYYY') || 'm' || to_char(m, 'MM'),
      to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(m + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    m := m + interval '1 month';
  END LOOP;
END
$$;--> statement-breakpoint
INSERT INTO "audit_record" ("id", "at", "user_id", "username", "role", "action", "entity_type", "entity_id", "person_id", "person_ids", "gemeente_code", "fields", "reason")
  OVERRIDING SYSTEM VALUE
  SELECT "id", "at", "user_id", "username", "role", "action", "entity_type", "entity_id", "person_id", "person_ids", "gemeente_code", "fields", "reason"
  FROM "audit_record_unpartitioned";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"audit_record"', 'id'), greatest(
    coalesce((SELECT max("id") FROM "audit_record"), 0),
    (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "audit_record_unpartitioned_id_seq")
  ) + 1, false);--> statement-breakpoint
DROP TABLE "audit_record_unpartitioned";--> statement-breakpoint
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_id_at_pk" PRIMARY KEY("id","at");--> statement-breakpoint
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_person_idx" ON "audit_record" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_person_ids_idx" ON "audit_record" USING gin ("person_ids") WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_record" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "audit_gemeente_at_idx" ON "audit_record" USING btree ("gemeente_code","at","id");--> statement-breakpoint
CREATE INDEX "audit_entity_changes_idx" ON "audit_record" USING btree ("entity_type","entity_id","id") WHERE action not in ('read', 'search');--> statement-breakpoint
CREATE INDEX "audit_person_changes_idx" ON "audit_record" USING btree ("person_id","id") WHERE action not in ('read', 'search');--> statement-breakpoint
CREATE INDEX "audit_person_ids_changes_idx" ON "audit_record" USING gin ("person_ids") WITH (fastupdate=off) WHERE action not in ('read', 'search');--> statement-breakpoint
-- A household's history asks the three questions of every month (nothing bounds it in
-- time). Planned anew on each read, that cost about 0.2 ms per month kept: 1.3 ms with 8
-- months, 19 ms with 92 (docs/performance.md, "Audit log"). In a PL/pgSQL function the plan
-- is made once per connection and kept (generic: the parameters do not change it; a new
-- or dropped month makes it again); registry.repository historyOfHousehold calls it. The
-- page's records, newest first, each with the members it lists (of those asked for).
CREATE FUNCTION "audit_household_history"("p_household" text, "p_persons" int[], "p_before" bigint, "p_limit" int)
  RETURNS TABLE ("id" bigint, "at" timestamptz, "username" text, "role" text, "action" text, "entity_type" text, "entity_id" text, "person_id" integer, "fields" jsonb, "reason" text, "shared" int[])
  LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan
  AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH hits AS (
    (SELECT a.id, a.at FROM audit_record a
      WHERE a.entity_type = 'household' AND a.entity_id = p_household
        AND a.action NOT IN ('read', 'search') AND (p_before IS NULL OR a.id < p_before)
      ORDER BY a.id DESC LIMIT p_limit)
    UNION
    (SELECT a.id, a.at FROM audit_record a
      WHERE a.person_id = ANY(p_persons)
        AND a.action NOT IN ('read', 'search') AND (p_before IS NULL OR a.id < p_before)
      ORDER BY a.id DESC LIMIT p_limit)
    UNION
    (SELECT a.id, a.at FROM audit_record a
      WHERE a.person_ids && p_persons
        AND a.action NOT IN ('read', 'search') AND (p_before IS NULL OR a.id < p_before)
      ORDER BY a.id DESC LIMIT p_limit)
  ),
  top AS (SELECT h.id, h.at FROM hits h ORDER BY h.id DESC LIMIT p_limit)
  SELECT a.id, a.at, a.username, a.role, a.action, a.entity_type, a.entity_id, a.person_id,
    a.fields, a.reason,
    -- The members the record lists (not the whole list: an import names 150,000).
    ARRAY(SELECT m FROM unnest(p_persons) AS m WHERE m = ANY(a.person_ids))
  FROM top JOIN audit_record a ON a.id = top.id AND a.at = top.at
  ORDER BY a.id DESC;
END
$$;
