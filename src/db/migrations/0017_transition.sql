CREATE TABLE "consent" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"recorded_by" integer,
	CONSTRAINT "consent_purpose_valid" CHECK ("consent"."purpose" in ('ukrainian_authorities','unity_hub','partner_municipality','iom')),
	CONSTRAINT "consent_revoked_after" CHECK ("consent"."revoked_at" is null or "consent"."revoked_at" >= "consent"."given_at")
);
--> statement-breakpoint
CREATE TABLE "health_insurance" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "health_insurance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"insurer" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_insurance_kind_valid" CHECK ("health_insurance"."kind" in ('zvw','wlz')),
	CONSTRAINT "health_insurance_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "household_transition" (
	"household_id" integer PRIMARY KEY NOT NULL,
	"participatiewet_filed_on" date,
	"participatiewet_decided_on" date,
	"participatiewet_outcome" text,
	"housing_plan" text,
	"housing_from" date,
	"rent_cents" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_transition_outcome_valid" CHECK ("household_transition"."participatiewet_outcome" is null or "household_transition"."participatiewet_outcome" in ('granted','refused')),
	CONSTRAINT "household_transition_housing_valid" CHECK ("household_transition"."housing_plan" is null or "household_transition"."housing_plan" in ('stay_converted','regular_rental','own_arrangement')),
	CONSTRAINT "household_transition_decision" CHECK (("household_transition"."participatiewet_decided_on" is null) = ("household_transition"."participatiewet_outcome" is null)
        and ("household_transition"."participatiewet_decided_on" is null or "household_transition"."participatiewet_filed_on" is not null)
        and ("household_transition"."participatiewet_decided_on" is null or "household_transition"."participatiewet_decided_on" >= "household_transition"."participatiewet_filed_on")),
	CONSTRAINT "household_transition_rent" CHECK ("household_transition"."rent_cents" is null or "household_transition"."rent_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "law_scenario" (
	"parameter" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"note" text,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "location_transformation" (
	"location_id" integer PRIMARY KEY NOT NULL,
	"transformable" boolean NOT NULL,
	"transform_from" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_transition" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"public_order" text,
	"public_order_on" date,
	"asylum_withdrawn" boolean,
	"asylum_withdrawn_on" date,
	"ind_decision" text,
	"ind_decision_on" date,
	"ind_reference" text,
	"education_level" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_transition_public_order_valid" CHECK ("person_transition"."public_order" is null or "person_transition"."public_order" in ('pending','passed','failed')),
	CONSTRAINT "person_transition_ind_decision_valid" CHECK ("person_transition"."ind_decision" is null or "person_transition"."ind_decision" in ('granted','refused')),
	CONSTRAINT "person_transition_education_valid" CHECK ("person_transition"."education_level" is null or "person_transition"."education_level" in ('mbo','hbo','wo')),
	CONSTRAINT "person_transition_withdrawn_date" CHECK ("person_transition"."asylum_withdrawn_on" is null or "person_transition"."asylum_withdrawn" is true),
	CONSTRAINT "person_transition_decision_date" CHECK (("person_transition"."ind_decision" is null) = ("person_transition"."ind_decision_on" is null))
);
--> statement-breakpoint
CREATE TABLE "residence_status" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residence_status_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"end_reason" text,
	"source" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residence_status_kind_valid" CHECK ("residence_status"."kind" in ('temporary_protection','transitiedocument','permit_work','permit_study','permit_humanitarian','permit_other')),
	CONSTRAINT "residence_status_end_reason_valid" CHECK ("residence_status"."end_reason" is null or "residence_status"."end_reason" in ('rtb_end','departure','other_status','third_country_national','ind_refused','permit_expired')),
	CONSTRAINT "residence_status_source_valid" CHECK ("residence_status"."source" in ('ind','brp','caseworker')),
	CONSTRAINT "residence_status_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "return_case" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "return_case_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"household_id" integer NOT NULL,
	"gemeente_code" text NOT NULL,
	"status" text NOT NULL,
	"planned_departure" date,
	"departed_on" date,
	"travel_support" boolean DEFAULT false NOT NULL,
	"financial_support_cents" integer,
	"partner_municipality" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_case_status_valid" CHECK ("return_case"."status" in ('interest','counselling','planned','departed','withdrawn')),
	CONSTRAINT "return_case_departed" CHECK (("return_case"."status" = 'departed') = ("return_case"."departed_on" is not null)),
	CONSTRAINT "return_case_support" CHECK ("return_case"."financial_support_cents" is null or "return_case"."financial_support_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "return_case_event" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "return_case_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"return_case_id" integer NOT NULL,
	"status" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"by" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_case_event_status_valid" CHECK ("return_case_event"."status" in ('interest','counselling','planned','departed','withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_insurance" ADD CONSTRAINT "health_insurance_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transition" ADD CONSTRAINT "household_transition_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_transition" ADD CONSTRAINT "household_transition_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "law_scenario" ADD CONSTRAINT "law_scenario_set_by_app_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_transformation" ADD CONSTRAINT "location_transformation_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_transition" ADD CONSTRAINT "person_transition_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_transition" ADD CONSTRAINT "person_transition_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_status" ADD CONSTRAINT "residence_status_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_status" ADD CONSTRAINT "residence_status_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case" ADD CONSTRAINT "return_case_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case" ADD CONSTRAINT "return_case_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_event" ADD CONSTRAINT "return_case_event_return_case_id_return_case_id_fk" FOREIGN KEY ("return_case_id") REFERENCES "public"."return_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_case_event" ADD CONSTRAINT "return_case_event_by_app_user_id_fk" FOREIGN KEY ("by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_person_idx" ON "consent" USING btree ("person_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_live_unique" ON "consent" USING btree ("person_id","purpose") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "health_insurance_person_idx" ON "health_insurance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "residence_status_person_idx" ON "residence_status" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "return_case_household_idx" ON "return_case" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "return_case_gemeente_idx" ON "return_case" USING btree ("gemeente_code","status");--> statement-breakpoint
CREATE INDEX "return_case_event_case_idx" ON "return_case_event" USING btree ("return_case_id","id");--> statement-breakpoint
-- Backstops behind the services' readable checks: a person has one residence status at a
-- time, and one insurance of each kind at a time.
ALTER TABLE "residence_status" ADD CONSTRAINT "residence_status_no_overlap"
  EXCLUDE USING gist ("person_id" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "health_insurance" ADD CONSTRAINT "health_insurance_no_overlap"
  EXCLUDE USING gist ("person_id" WITH =, "kind" WITH =, daterange("valid_from", "valid_to", '[]') WITH &&);
