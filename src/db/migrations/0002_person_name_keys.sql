ALTER TABLE "person" ADD COLUMN "name_keys" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "person_name_keys_idx" ON "person" USING gin ("name_keys");