CREATE TABLE "forecast_evaluation" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "forecast_evaluation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"evaluated_on" date NOT NULL,
	"forecast" jsonb NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"evaluated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_evaluation_decision_valid" CHECK ("forecast_evaluation"."decision" in ('kept','changed'))
);
--> statement-breakpoint
ALTER TABLE "forecast_evaluation" ADD CONSTRAINT "forecast_evaluation_evaluated_by_app_user_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_evaluation_on_idx" ON "forecast_evaluation" USING btree ("evaluated_on");--> statement-breakpoint
-- An evaluation is a record of what was known and decided that day: never rewritten.
CREATE FUNCTION refuse_evaluation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a forecast evaluation is not changed once recorded; record a new one'
    USING ERRCODE = '55000';
END $$;--> statement-breakpoint
CREATE TRIGGER forecast_evaluation_immutable BEFORE UPDATE OR DELETE ON "forecast_evaluation"
  FOR EACH ROW EXECUTE FUNCTION refuse_evaluation_change();
