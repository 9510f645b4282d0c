CREATE TABLE "decision" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "decision_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"household_id" integer NOT NULL,
	"gemeente_code" text NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"trace" jsonb NOT NULL,
	"law_hash" text NOT NULL,
	"engine_version" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_kind_valid" CHECK ("decision"."kind" in ('manual','run','correction')),
	CONSTRAINT "decision_month_first_day" CHECK (extract(day from "decision"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "law_version" (
	"hash" text PRIMARY KEY NOT NULL,
	"files" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_law_hash_law_version_hash_fk" FOREIGN KEY ("law_hash") REFERENCES "public"."law_version"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision" ADD CONSTRAINT "decision_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_household_month_idx" ON "decision" USING btree ("household_id","month","id" DESC NULLS LAST);--> statement-breakpoint
DROP TABLE "entitlement_baseline" CASCADE;--> statement-breakpoint
-- Decisions and the law they were made under are never rewritten: a new decision for the
-- same month supersedes the earlier one, and the earlier one stays as it was decided. The
-- database refuses UPDATE, DELETE and TRUNCATE on both tables, whoever asks
-- (docs/decisions.md). Statement triggers: they fire even when no row matches.
CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
END $$;--> statement-breakpoint
CREATE TRIGGER decision_immutable BEFORE UPDATE OR DELETE ON decision
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();--> statement-breakpoint
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();--> statement-breakpoint
CREATE TRIGGER law_version_immutable BEFORE UPDATE OR DELETE ON law_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();--> statement-breakpoint
CREATE TRIGGER law_version_no_truncate BEFORE TRUNCATE ON law_version
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
