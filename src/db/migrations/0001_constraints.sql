-- Overlaps the law forbids are refused by the database itself, behind the services'
-- readable checks: one household and one placement per person at a time, one capacity,
-- one status per location and one safety region per municipality on any date.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "household_membership" ADD CONSTRAINT "membership_no_overlap"
  EXCLUDE USING gist ("person_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_no_overlap"
  EXCLUDE USING gist ("person_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "location_capacity" ADD CONSTRAINT "location_capacity_no_overlap"
  EXCLUDE USING gist ("location_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "location_status" ADD CONSTRAINT "location_status_no_overlap"
  EXCLUDE USING gist ("location_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "gemeente_veiligheidsregio" ADD CONSTRAINT "gemeente_vr_no_overlap"
  EXCLUDE USING gist ("gemeente_code" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);
