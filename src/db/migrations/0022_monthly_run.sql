CREATE TABLE "gemeente_settings" (
	"gemeente_code" text PRIMARY KEY NOT NULL,
	"account_name" text NOT NULL,
	"iban" text NOT NULL,
	"bic" text,
	"sender_block" text NOT NULL,
	"signature_name" text NOT NULL,
	"signature_title" text NOT NULL,
	"objection_address" text NOT NULL,
	"offset_limit_percent" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gemeente_settings_iban_format" CHECK ("gemeente_settings"."iban" ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
	CONSTRAINT "gemeente_settings_offset_limit" CHECK ("gemeente_settings"."offset_limit_percent" is null or "gemeente_settings"."offset_limit_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "household_bank_account" (
	"household_id" integer PRIMARY KEY NOT NULL,
	"payee_person_id" integer NOT NULL,
	"iban" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_bank_account_iban_format" CHECK ("household_bank_account"."iban" ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$')
);
--> statement-breakpoint
CREATE TABLE "monthly_run" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monthly_run_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"month" date NOT NULL,
	"status" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"prepared_by" integer,
	"prepared_at" timestamp with time zone,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"total_households" integer DEFAULT 0 NOT NULL,
	"done_households" integer DEFAULT 0 NOT NULL,
	"cursor_household_id" integer DEFAULT 0 NOT NULL,
	"problem" text,
	"worker" text,
	"heartbeat_at" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "monthly_run_status_valid" CHECK ("monthly_run"."status" in ('preparing','prepared','approved','failed')),
	CONSTRAINT "monthly_run_month_first_day" CHECK (extract(day from "monthly_run"."month") = 1),
	CONSTRAINT "monthly_run_approved_complete" CHECK (("monthly_run"."status" = 'approved') = ("monthly_run"."approved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "monthly_run_item" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monthly_run_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"trace" jsonb NOT NULL,
	"law_hash" text NOT NULL,
	"engine_version" text NOT NULL,
	"leefgeld_cents" integer NOT NULL,
	"eigen_bijdrage_cents" integer NOT NULL,
	"previous_decision_id" integer,
	"previous_leefgeld_cents" integer,
	"previous_eigen_bijdrage_cents" integer,
	"change_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"decision_id" integer,
	CONSTRAINT "monthly_run_item_kind_valid" CHECK ("monthly_run_item"."kind" in ('month','correction')),
	CONSTRAINT "monthly_run_item_month_first_day" CHECK (extract(day from "monthly_run_item"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "monthly_run_payment" (
	"run_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"method" text NOT NULL,
	"payee_person_id" integer,
	"iban" text,
	"persons" integer NOT NULL,
	"leefgeld_cents" integer NOT NULL,
	"eigen_bijdrage_cents" integer NOT NULL,
	"back_pay_cents" integer NOT NULL,
	"recovery_cents" integer NOT NULL,
	"offset_cents" integer NOT NULL,
	"transfer_cents" integer NOT NULL,
	"collect_cents" integer NOT NULL,
	"anomalies" text[] DEFAULT '{}'::text[] NOT NULL,
	"problem" text,
	"end_to_end_id" text NOT NULL,
	CONSTRAINT "monthly_run_payment_run_id_household_id_pk" PRIMARY KEY("run_id","household_id"),
	CONSTRAINT "monthly_run_payment_end_to_end_unique" UNIQUE("end_to_end_id"),
	CONSTRAINT "monthly_run_payment_method_valid" CHECK ("monthly_run_payment"."method" in ('sepa','card_or_cash')),
	CONSTRAINT "monthly_run_payment_sepa_account" CHECK ("monthly_run_payment"."method" <> 'sepa' or ("monthly_run_payment"."iban" is not null and "monthly_run_payment"."payee_person_id" is not null)),
	CONSTRAINT "monthly_run_payment_amounts" CHECK ("monthly_run_payment"."transfer_cents" >= 0 and "monthly_run_payment"."offset_cents" >= 0 and "monthly_run_payment"."offset_cents" <= "monthly_run_payment"."recovery_cents")
);
--> statement-breakpoint
ALTER TABLE "decision" ADD COLUMN "run_id" integer;--> statement-breakpoint
ALTER TABLE "gemeente_settings" ADD CONSTRAINT "gemeente_settings_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gemeente_settings" ADD CONSTRAINT "gemeente_settings_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bank_account" ADD CONSTRAINT "household_bank_account_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bank_account" ADD CONSTRAINT "household_bank_account_payee_person_id_person_id_fk" FOREIGN KEY ("payee_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_bank_account" ADD CONSTRAINT "household_bank_account_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run" ADD CONSTRAINT "monthly_run_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run" ADD CONSTRAINT "monthly_run_prepared_by_app_user_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run" ADD CONSTRAINT "monthly_run_approved_by_app_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_item" ADD CONSTRAINT "monthly_run_item_run_id_monthly_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."monthly_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_item" ADD CONSTRAINT "monthly_run_item_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_item" ADD CONSTRAINT "monthly_run_item_law_hash_law_version_hash_fk" FOREIGN KEY ("law_hash") REFERENCES "public"."law_version"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_item" ADD CONSTRAINT "monthly_run_item_previous_decision_id_decision_id_fk" FOREIGN KEY ("previous_decision_id") REFERENCES "public"."decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_item" ADD CONSTRAINT "monthly_run_item_decision_id_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_payment" ADD CONSTRAINT "monthly_run_payment_run_id_monthly_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."monthly_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_payment" ADD CONSTRAINT "monthly_run_payment_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_run_payment" ADD CONSTRAINT "monthly_run_payment_payee_person_id_person_id_fk" FOREIGN KEY ("payee_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_run_gemeente_month_unique" ON "monthly_run" USING btree ("gemeente_code","month");--> statement-breakpoint
CREATE UNIQUE INDEX "monthly_run_item_unique" ON "monthly_run_item" USING btree ("run_id","household_id","month");--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_run_id_monthly_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."monthly_run"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_run_once" ON "decision" USING btree ("household_id","month") WHERE kind = 'run';--> statement-breakpoint
CREATE UNIQUE INDEX "decision_run_item_once" ON "decision" USING btree ("run_id","household_id","month");--> statement-breakpoint
-- A closed run never changes: its row, its items and its payments refuse every write once
-- the run is approved (the services never try; this is the backstop).
CREATE FUNCTION refuse_closed_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'monthly_run' THEN
    IF OLD.status = 'approved' THEN
      RAISE EXCEPTION 'monthly run % is approved and closed', OLD.id USING ERRCODE = 'P0001';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM monthly_run r
                WHERE r.id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.run_id ELSE OLD.run_id END)
                  AND r.status = 'approved') THEN
    RAISE EXCEPTION 'monthly run is approved and closed' USING ERRCODE = 'P0001';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;--> statement-breakpoint
CREATE TRIGGER monthly_run_closed BEFORE UPDATE OR DELETE ON monthly_run
  FOR EACH ROW EXECUTE FUNCTION refuse_closed_run();--> statement-breakpoint
CREATE TRIGGER monthly_run_item_closed BEFORE INSERT OR UPDATE OR DELETE ON monthly_run_item
  FOR EACH ROW EXECUTE FUNCTION refuse_closed_run();--> statement-breakpoint
CREATE TRIGGER monthly_run_payment_closed BEFORE INSERT OR UPDATE OR DELETE ON monthly_run_payment
  FOR EACH ROW EXECUTE FUNCTION refuse_closed_run();--> statement-breakpoint
CREATE INDEX "decision_run_idx" ON "decision" USING btree ("run_id") WHERE run_id IS NOT NULL;
