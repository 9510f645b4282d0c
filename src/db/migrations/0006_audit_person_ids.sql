ALTER TABLE "audit_record" ADD COLUMN "person_ids" integer[];--> statement-breakpoint
CREATE INDEX "audit_person_ids_idx" ON "audit_record" USING gin ("person_ids");