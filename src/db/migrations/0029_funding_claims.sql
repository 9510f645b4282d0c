CREATE TABLE "funding_advance" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "funding_advance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"book_year" integer NOT NULL,
	"requested_on" date NOT NULL,
	"proposed_cents" bigint NOT NULL,
	"proposal" jsonb NOT NULL,
	"amount_cents" bigint NOT NULL,
	"reason" text,
	"requested_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone,
	"replaced_by_id" integer,
	"received_cents" bigint,
	"received_on" date,
	"received_by" integer,
	CONSTRAINT "funding_advance_amounts" CHECK ("funding_advance"."amount_cents" >= 0 and "funding_advance"."proposed_cents" >= 0),
	CONSTRAINT "funding_advance_book_year" CHECK ("funding_advance"."book_year" between 2022 and 2100),
	CONSTRAINT "funding_advance_received" CHECK (("funding_advance"."received_cents" is null) = ("funding_advance"."received_on" is null) and ("funding_advance"."received_cents" is null or "funding_advance"."received_cents" >= 0))
);
--> statement-breakpoint
CREATE TABLE "location_target_group_places" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_target_group_places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"location_id" integer NOT NULL,
	"target_group" text NOT NULL,
	"places" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"entered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "location_target_group_places_group" CHECK ("location_target_group_places"."target_group" in ('status_holder','asylum_seeker')),
	CONSTRAINT "location_target_group_places_nonneg" CHECK ("location_target_group_places"."places" >= 0),
	CONSTRAINT "location_target_group_places_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "transition_cost" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transition_cost_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"location_id" integer NOT NULL,
	"incurred_on" date NOT NULL,
	"description" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"corrects_id" integer,
	"entered_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" integer,
	"withdraw_reason" text,
	CONSTRAINT "transition_cost_amount_positive" CHECK ("transition_cost"."amount_cents" > 0),
	CONSTRAINT "transition_cost_withdrawal" CHECK (("transition_cost"."withdrawn_at" is null) = ("transition_cost"."withdraw_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "transition_cost_evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transition_cost_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"transition_cost_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transition_cost_evidence_media_type" CHECK ("transition_cost_evidence"."media_type" in ('application/pdf','image/png','image/jpeg')),
	CONSTRAINT "transition_cost_evidence_size" CHECK ("transition_cost_evidence"."size_bytes" > 0 and "transition_cost_evidence"."size_bytes" <= 10485760 and octet_length("transition_cost_evidence"."content") = "transition_cost_evidence"."size_bytes"),
	CONSTRAINT "transition_cost_evidence_sha256" CHECK ("transition_cost_evidence"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "funding_advance" ADD CONSTRAINT "funding_advance_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_advance" ADD CONSTRAINT "funding_advance_requested_by_app_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_advance" ADD CONSTRAINT "funding_advance_replaced_by_id_funding_advance_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."funding_advance"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_advance" ADD CONSTRAINT "funding_advance_received_by_app_user_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_target_group_places" ADD CONSTRAINT "location_target_group_places_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_target_group_places" ADD CONSTRAINT "location_target_group_places_entered_by_app_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost" ADD CONSTRAINT "transition_cost_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost" ADD CONSTRAINT "transition_cost_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost" ADD CONSTRAINT "transition_cost_corrects_id_transition_cost_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."transition_cost"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost" ADD CONSTRAINT "transition_cost_entered_by_app_user_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost" ADD CONSTRAINT "transition_cost_withdrawn_by_app_user_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_cost_evidence" ADD CONSTRAINT "transition_cost_evidence_transition_cost_id_transition_cost_id_fk" FOREIGN KEY ("transition_cost_id") REFERENCES "public"."transition_cost"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "funding_advance_current_unique" ON "funding_advance" USING btree ("gemeente_code","book_year") WHERE "funding_advance"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "location_target_group_places_location_idx" ON "location_target_group_places" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "transition_cost_gemeente_idx" ON "transition_cost" USING btree ("gemeente_code","incurred_on");--> statement-breakpoint
CREATE INDEX "transition_cost_location_idx" ON "transition_cost" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transition_cost_corrects_unique" ON "transition_cost" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "transition_cost_evidence_cost_idx" ON "transition_cost_evidence" USING btree ("transition_cost_id");--> statement-breakpoint
-- Written by hand (drizzle-kit cannot express them). A location's places of one other
-- target group do not overlap in time, as capacity (migration 0001).
ALTER TABLE "location_target_group_places" ADD CONSTRAINT "location_target_group_places_no_overlap"
  EXCLUDE USING gist ("location_id" WITH =, "target_group" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
-- A transition cost is never rewritten: the only change is its withdrawal, set once
-- (docs/api-funding.md). Its evidence is never changed or deleted.
CREATE FUNCTION transition_cost_only_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.withdrawn_at IS NOT NULL
     OR (to_jsonb(NEW) - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason')
        IS DISTINCT FROM (to_jsonb(OLD) - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason') THEN
    RAISE EXCEPTION 'transition_cost % is never rewritten: % refused (withdraw it and enter a new one)', OLD.id, TG_OP
      USING ERRCODE = 'restrict_violation', TABLE = 'transition_cost';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER transition_cost_immutable BEFORE UPDATE OR DELETE ON transition_cost
  FOR EACH ROW EXECUTE FUNCTION transition_cost_only_withdrawal();--> statement-breakpoint
CREATE TRIGGER transition_cost_evidence_immutable BEFORE UPDATE OR DELETE ON transition_cost_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
