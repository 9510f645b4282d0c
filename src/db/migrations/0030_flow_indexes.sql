CREATE INDEX "membership_deregistration_idx" ON "household_membership" USING btree ("valid_to") WHERE "household_membership"."reason" in ('departure', 'return');--> statement-breakpoint
CREATE INDEX "person_brp_registration_idx" ON "person" USING btree ("brp_registration_date");--> statement-breakpoint
CREATE INDEX "placement_valid_from_idx" ON "placement" USING btree ("valid_from");--> statement-breakpoint
CREATE INDEX "placement_valid_to_idx" ON "placement" USING btree ("valid_to");