CREATE TABLE "national_flow_week" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "national_flow_week_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"week" date NOT NULL,
	"gemeente_code" text NOT NULL,
	"from_gemeente_code" text,
	"measure" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "national_flow_week_measure_valid" CHECK ("national_flow_week"."measure" in ('arrivals','departures','moves','registrations','deregistrations','returns'))
);
--> statement-breakpoint
ALTER TABLE "national_flow_week" ADD CONSTRAINT "national_flow_week_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "national_flow_week" ADD CONSTRAINT "national_flow_week_from_gemeente_code_gemeente_code_fk" FOREIGN KEY ("from_gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_flow_week_week_idx" ON "national_flow_week" USING btree ("week");--> statement-breakpoint
CREATE INDEX "national_flow_week_gemeente_idx" ON "national_flow_week" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "national_flow_week_from_idx" ON "national_flow_week" USING btree ("from_gemeente_code");--> statement-breakpoint
-- A placement's start or end changes whether the same person's placement before or after
-- it counts as a move or an arrival, a departure or a move: every municipality of the
-- person's placements and periods is marked (the flows kept per week, migration 0031).
CREATE OR REPLACE FUNCTION national_facts_placement_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM national_facts_changed(array(
      SELECT r.gemeente_code FROM new_rows r
      UNION SELECT l.gemeente_code FROM new_rows r JOIN location l ON l.id = r.location_id)
      || national_facts_person_gemeenten(array(SELECT DISTINCT person_id FROM new_rows)));
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM national_facts_changed(array(
      SELECT r.gemeente_code FROM old_rows r
      UNION SELECT l.gemeente_code FROM old_rows r JOIN location l ON l.id = r.location_id)
      || national_facts_person_gemeenten(array(SELECT DISTINCT person_id FROM old_rows)));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('household_membership', 'national_facts_person_part_changed'),
    ('return_case', 'national_facts_location_changed')
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
END $$;--> statement-breakpoint
-- Flows are kept from this migration on: the next refresh builds everything.
DELETE FROM national_fact_meta;
