-- Catering becomes dated like capacity and status (docs/decisions.md).
CREATE TABLE "location_catering" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_catering_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"location_id" integer NOT NULL,
	"catering" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "location_catering_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
ALTER TABLE "location_catering" ADD CONSTRAINT "location_catering_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "location_catering_location_idx" ON "location_catering" USING btree ("location_id");--> statement-breakpoint
ALTER TABLE "location_catering" ADD CONSTRAINT "location_catering_no_overlap"
  EXCLUDE USING gist ("location_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
-- Each location's catering so far holds from its earliest capacity, status or placement.
INSERT INTO "location_catering" ("location_id", "catering", "valid_from")
SELECT l.id, l.catering, coalesce(least(
    (SELECT min(valid_from) FROM location_capacity c WHERE c.location_id = l.id),
    (SELECT min(valid_from) FROM location_status s WHERE s.location_id = l.id),
    (SELECT min(valid_from) FROM placement p WHERE p.location_id = l.id)
  ), l.created_at::date)
FROM "location" l;--> statement-breakpoint
ALTER TABLE "location" DROP COLUMN "catering";