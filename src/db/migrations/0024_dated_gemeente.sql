CREATE TABLE "household_gemeente" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "household_gemeente_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"household_id" integer NOT NULL,
	"gemeente_code" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_gemeente_valid_range" CHECK (valid_to is null or valid_from is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "person_gemeente" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_gemeente_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"gemeente_code" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_gemeente_valid_range" CHECK (valid_to is null or valid_from is null or valid_to >= valid_from)
);
--> statement-breakpoint
ALTER TABLE "household_gemeente" ADD CONSTRAINT "household_gemeente_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_gemeente" ADD CONSTRAINT "household_gemeente_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_gemeente" ADD CONSTRAINT "person_gemeente_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_gemeente" ADD CONSTRAINT "person_gemeente_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_gemeente_household_idx" ON "household_gemeente" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "household_gemeente_gemeente_idx" ON "household_gemeente" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "person_gemeente_person_idx" ON "person_gemeente" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_gemeente_gemeente_idx" ON "person_gemeente" USING btree ("gemeente_code");--> statement-breakpoint
-- One municipality at a time; a first period with no start (null) is unbounded below.
ALTER TABLE "person_gemeente" ADD CONSTRAINT "person_gemeente_no_overlap"
  EXCLUDE USING gist ("person_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "household_gemeente" ADD CONSTRAINT "household_gemeente_no_overlap"
  EXCLUDE USING gist ("household_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
-- Everyone recorded so far has been with one municipality since their record began.
INSERT INTO "person_gemeente" ("person_id", "gemeente_code") SELECT "id", "gemeente_code" FROM "person";--> statement-breakpoint
INSERT INTO "household_gemeente" ("household_id", "gemeente_code") SELECT "id", "gemeente_code" FROM "household";--> statement-breakpoint
-- A new person or household gets its first period from the database itself, for every way
-- rows are inserted (the services, the seed's bulk inserts, an import): once per statement.
CREATE FUNCTION person_gemeente_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_gemeente (person_id, gemeente_code) SELECT id, gemeente_code FROM new_rows;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER person_gemeente_first AFTER INSERT ON "person"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION person_gemeente_first();--> statement-breakpoint
CREATE FUNCTION household_gemeente_first() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO household_gemeente (household_id, gemeente_code) SELECT id, gemeente_code FROM new_rows;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER household_gemeente_first AFTER INSERT ON "household"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION household_gemeente_first();--> statement-breakpoint
-- The record's gemeente_code is its open period's municipality: checked at commit, from
-- either side, so a transfer may write the period and the record in either order.
CREATE FUNCTION gemeente_matches_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  is_person boolean := TG_TABLE_NAME IN ('person', 'person_gemeente');
  rec_id integer;
  rec_code text;
  open_code text;
BEGIN
  IF TG_TABLE_NAME = 'person' OR TG_TABLE_NAME = 'household' THEN rec_id := NEW.id;
  ELSIF is_person THEN rec_id := NEW.person_id;
  ELSE rec_id := NEW.household_id;
  END IF;
  IF is_person THEN
    SELECT gemeente_code INTO rec_code FROM person WHERE id = rec_id;
    SELECT gemeente_code INTO open_code FROM person_gemeente WHERE person_id = rec_id AND valid_to IS NULL;
  ELSE
    SELECT gemeente_code INTO rec_code FROM household WHERE id = rec_id;
    SELECT gemeente_code INTO open_code FROM household_gemeente WHERE household_id = rec_id AND valid_to IS NULL;
  END IF;
  IF open_code IS DISTINCT FROM rec_code THEN
    RAISE EXCEPTION '% % is with % but its open period is with %',
      CASE WHEN is_person THEN 'person' ELSE 'household' END, rec_id, rec_code, coalesce(open_code, 'none')
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER person_gemeente_open_period AFTER UPDATE OF gemeente_code ON "person"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gemeente_matches_open_period();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER household_gemeente_open_period AFTER UPDATE OF gemeente_code ON "household"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gemeente_matches_open_period();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER person_gemeente_period_open AFTER UPDATE ON "person_gemeente"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gemeente_matches_open_period();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER household_gemeente_period_open AFTER UPDATE ON "household_gemeente"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gemeente_matches_open_period();--> statement-breakpoint
-- A period after the first is inserted by a transfer only, which also updates the record;
-- the first period (inserted with the record) needs no check, so inserts with a start do.
CREATE CONSTRAINT TRIGGER person_gemeente_period_added AFTER INSERT ON "person_gemeente"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.valid_from IS NOT NULL)
  EXECUTE FUNCTION gemeente_matches_open_period();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER household_gemeente_period_added AFTER INSERT ON "household_gemeente"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.valid_from IS NOT NULL)
  EXECUTE FUNCTION gemeente_matches_open_period();
