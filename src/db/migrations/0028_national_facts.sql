CREATE TABLE "national_fact_dirty" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "national_fact_dirty_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "national_fact_meta" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"law_key" text NOT NULL,
	"work_months_from" date NOT NULL,
	"work_months_to" date NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "national_fact_meta_single_row" CHECK ("national_fact_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "national_fact_run" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "national_fact_run_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"location_id" integer,
	"measure" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"value" integer NOT NULL,
	CONSTRAINT "national_fact_run_measure_valid" CHECK ("national_fact_run"."measure" in ('realised','occupied','poo','ukrainian','other')),
	CONSTRAINT "national_fact_run_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "national_work_month" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "national_work_month_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"month" date NOT NULL,
	"gemeente_code" text NOT NULL,
	"location_id" integer,
	"kind" text NOT NULL,
	"adults" integer NOT NULL,
	"with_work" integer NOT NULL,
	CONSTRAINT "national_work_month_kind_valid" CHECK ("national_work_month"."kind" in ('goo','poo'))
);
--> statement-breakpoint
ALTER TABLE "national_fact_run" ADD CONSTRAINT "national_fact_run_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_fact_run" ADD CONSTRAINT "national_fact_run_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_work_month" ADD CONSTRAINT "national_work_month_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_work_month" ADD CONSTRAINT "national_work_month_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_fact_dirty_gemeente_idx" ON "national_fact_dirty" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "national_fact_run_gemeente_idx" ON "national_fact_run" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "national_work_month_month_idx" ON "national_work_month" USING btree ("month");--> statement-breakpoint
CREATE INDEX "national_work_month_gemeente_idx" ON "national_work_month" USING btree ("gemeente_code");--> statement-breakpoint
-- The runs covering a day, found without reading the others (docs/decisions.md, "National
-- facts kept per municipality").
CREATE INDEX "national_fact_run_days_idx" ON "national_fact_run" USING gist (daterange("valid_from", "valid_to", '[]'));--> statement-breakpoint
-- Every change of a fact the national figures count marks its municipalities as changed,
-- in the changing transaction: their kept facts are not read until rebuilt. Statement
-- triggers with the changed rows (a bulk load marks each municipality once per statement).
CREATE FUNCTION national_facts_changed(codes text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO national_fact_dirty (gemeente_code)
  SELECT DISTINCT c FROM unnest(codes) AS c WHERE c IS NOT NULL
$$;--> statement-breakpoint
CREATE FUNCTION national_facts_placement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(array(
      SELECT r.gemeente_code FROM new_rows r
      UNION SELECT l.gemeente_code FROM new_rows r JOIN location l ON l.id = r.location_id));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(array(
      SELECT r.gemeente_code FROM old_rows r
      UNION SELECT l.gemeente_code FROM old_rows r JOIN location l ON l.id = r.location_id));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION national_facts_location_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(array(SELECT gemeente_code FROM new_rows));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(array(SELECT gemeente_code FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION national_facts_location_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(array(
      SELECT l.gemeente_code FROM new_rows r JOIN location l ON l.id = r.location_id));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(array(
      SELECT l.gemeente_code FROM old_rows r JOIN location l ON l.id = r.location_id));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A person's facts count where the person was responsible (person_gemeente) and where
-- placed (work per placement): every one of those municipalities.
CREATE FUNCTION national_facts_person_gemeenten(ids integer[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT array(
    SELECT pg.gemeente_code FROM person_gemeente pg WHERE pg.person_id = ANY (ids)
    UNION SELECT p.gemeente_code FROM person p WHERE p.id = ANY (ids)
    UNION SELECT pl.gemeente_code FROM placement pl WHERE pl.person_id = ANY (ids))
$$;--> statement-breakpoint
-- An update counts only when it changes what the figures read (a name or a version does
-- not).
CREATE FUNCTION national_facts_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM national_facts_changed(array(SELECT gemeente_code FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM national_facts_changed(national_facts_person_gemeenten(array(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.gemeente_code, n.birth_date, n.nationality_code, n.protection_start, n.brp_registration_date)
        IS DISTINCT FROM (o.gemeente_code, o.birth_date, o.nationality_code, o.protection_start, o.brp_registration_date)))
      || array(SELECT n.gemeente_code FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.gemeente_code IS DISTINCT FROM o.gemeente_code));
  ELSE
    PERFORM national_facts_changed(national_facts_person_gemeenten(array(SELECT id FROM old_rows))
      || array(SELECT gemeente_code FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION national_facts_person_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(national_facts_person_gemeenten(array(SELECT DISTINCT person_id FROM new_rows)));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(national_facts_person_gemeenten(array(SELECT DISTINCT person_id FROM old_rows)));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION national_facts_person_gemeente_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(array(SELECT gemeente_code FROM new_rows));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(array(SELECT gemeente_code FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A truncated source leaves nothing to compare with: the kept facts count as never built.
CREATE FUNCTION national_facts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM national_fact_meta;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('placement', 'national_facts_placement_changed'),
    ('location', 'national_facts_location_changed'),
    ('location_capacity', 'national_facts_location_part_changed'),
    ('location_status', 'national_facts_location_part_changed'),
    ('person', 'national_facts_person_changed'),
    ('person_gemeente', 'national_facts_person_gemeente_changed'),
    ('residence_status', 'national_facts_person_part_changed'),
    ('income', 'national_facts_person_part_changed')
  ) AS v(tab, fn) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.tab || '_national_facts_ins', t.tab, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.tab || '_national_facts_upd', t.tab, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.tab || '_national_facts_del', t.tab, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION national_facts_truncated()', t.tab || '_national_facts_trunc', t.tab);
  END LOOP;
END $$;
