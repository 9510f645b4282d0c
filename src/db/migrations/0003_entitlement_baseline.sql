CREATE TABLE "entitlement_baseline" (
	"household_id" integer NOT NULL,
	"month" date NOT NULL,
	"leefgeld_paid_cents" integer NOT NULL,
	"eigen_bijdrage_charged_cents" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" integer,
	CONSTRAINT "entitlement_baseline_household_id_month_pk" PRIMARY KEY("household_id","month")
);
--> statement-breakpoint
ALTER TABLE "entitlement_baseline" ADD CONSTRAINT "entitlement_baseline_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_baseline" ADD CONSTRAINT "entitlement_baseline_acknowledged_by_app_user_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;