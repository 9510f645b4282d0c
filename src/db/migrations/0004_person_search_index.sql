DROP INDEX "person_gemeente_idx";--> statement-breakpoint
DROP INDEX "person_family_name_idx";--> statement-breakpoint
CREATE INDEX "person_gemeente_name_idx" ON "person" USING btree ("gemeente_code","family_name","given_names","id");