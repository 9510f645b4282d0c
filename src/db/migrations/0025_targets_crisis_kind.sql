CREATE TABLE "place_target" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "place_target_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"places" integer NOT NULL,
	"deadline" date NOT NULL,
	"set_on" date NOT NULL,
	"split" text NOT NULL,
	"note" text,
	"set_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_target_places_positive" CHECK ("place_target"."places" > 0),
	CONSTRAINT "place_target_deadline_after" CHECK ("place_target"."deadline" >= "place_target"."set_on"),
	CONSTRAINT "place_target_split_valid" CHECK ("place_target"."split" in ('equal','by_hand'))
);
--> statement-breakpoint
CREATE TABLE "place_target_region" (
	"target_id" integer NOT NULL,
	"veiligheidsregio_code" text NOT NULL,
	"places" integer NOT NULL,
	CONSTRAINT "place_target_region_target_id_veiligheidsregio_code_pk" PRIMARY KEY("target_id","veiligheidsregio_code"),
	CONSTRAINT "place_target_region_places" CHECK ("place_target_region"."places" >= 0)
);
--> statement-breakpoint
ALTER TABLE "location" DROP CONSTRAINT "location_kind_valid";--> statement-breakpoint
ALTER TABLE "place_target" ADD CONSTRAINT "place_target_set_by_app_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_target_region" ADD CONSTRAINT "place_target_region_target_id_place_target_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."place_target"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_target_region" ADD CONSTRAINT "place_target_region_veiligheidsregio_code_veiligheidsregio_code_fk" FOREIGN KEY ("veiligheidsregio_code") REFERENCES "public"."veiligheidsregio"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "place_target_set_on_unique" ON "place_target" USING btree ("set_on");--> statement-breakpoint
ALTER TABLE "location" ADD CONSTRAINT "location_kind_valid" CHECK ("location"."kind" in ('emergency_hall','crisis_emergency','hotel','ship','flex_homes','houses','other'));--> statement-breakpoint
-- A target's regions add up to the target, checked at commit (the regions are written after it).
CREATE FUNCTION place_target_adds_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tid integer;
  total integer;
  split_sum integer;
BEGIN
  -- Each branch names only its own table's column (PL/pgSQL resolves NEW's fields at run time).
  IF TG_TABLE_NAME = 'place_target' THEN tid := NEW.id; ELSE tid := NEW.target_id; END IF;
  SELECT places INTO total FROM place_target WHERE id = tid;
  SELECT coalesce(sum(places), 0) INTO split_sum FROM place_target_region WHERE target_id = tid;
  IF split_sum <> total THEN
    RAISE EXCEPTION 'target % has % places but its regions add up to %', tid, total, split_sum
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER place_target_adds_up AFTER INSERT ON "place_target"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION place_target_adds_up();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER place_target_region_adds_up AFTER INSERT ON "place_target_region"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION place_target_adds_up();--> statement-breakpoint
-- A target is history once set: a new one supersedes it, nothing rewrites it.
CREATE FUNCTION refuse_target_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a target is not changed once set; set a new one' USING ERRCODE = '55000';
END $$;--> statement-breakpoint
CREATE TRIGGER place_target_immutable BEFORE UPDATE OR DELETE ON "place_target"
  FOR EACH ROW EXECUTE FUNCTION refuse_target_change();--> statement-breakpoint
CREATE TRIGGER place_target_region_immutable BEFORE UPDATE OR DELETE ON "place_target_region"
  FOR EACH ROW EXECUTE FUNCTION refuse_target_change();
