-- A person's or a household's periods with a municipality go with the record when it is deleted
-- (the database refuses that while other facts hold it: incomes, memberships, decisions).
ALTER TABLE "household_gemeente" DROP CONSTRAINT "household_gemeente_household_id_household_id_fk";
--> statement-breakpoint
ALTER TABLE "person_gemeente" DROP CONSTRAINT "person_gemeente_person_id_person_id_fk";
--> statement-breakpoint
ALTER TABLE "household_gemeente" ADD CONSTRAINT "household_gemeente_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_gemeente" ADD CONSTRAINT "person_gemeente_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE cascade ON UPDATE no action;