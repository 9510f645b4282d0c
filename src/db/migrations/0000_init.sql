CREATE TABLE "app_user" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "app_user_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"gemeente_code" text,
	"person_id" integer,
	"language" text DEFAULT 'nl' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_role_valid" CHECK ("app_user"."role" in ('caseworker','finance_officer','municipal_admin','national_coordinator','system_admin','resident')),
	CONSTRAINT "app_user_scope" CHECK (("app_user"."role" in ('national_coordinator','system_admin') and "app_user"."gemeente_code" is null)
       or ("app_user"."role" not in ('national_coordinator','system_admin') and "app_user"."gemeente_code" is not null)),
	CONSTRAINT "app_user_resident_person" CHECK ("app_user"."role" <> 'resident' or "app_user"."person_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_record" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_record_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"person_id" integer,
	"gemeente_code" text,
	"fields" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "gemeente" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"province_code" text,
	"province_name" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "gemeente_code_format" CHECK ("gemeente"."code" ~ '^GM[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "gemeente_veiligheidsregio" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "gemeente_veiligheidsregio_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"veiligheidsregio_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "gemeente_vr_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "household" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "household_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_membership" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "household_membership_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"household_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"reason" text,
	CONSTRAINT "membership_role_valid" CHECK ("household_membership"."role" in ('head','partner','child','guardian')),
	CONSTRAINT "membership_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "income" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "income_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"month" date NOT NULL,
	"net_cents" integer NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"payer" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "income_unique_per_source" UNIQUE NULLS NOT DISTINCT("person_id","month","kind","source","payer"),
	CONSTRAINT "income_month_first_day" CHECK (extract(day from "income"."month") = 1),
	CONSTRAINT "income_net_nonneg" CHECK ("income"."net_cents" >= 0),
	CONSTRAINT "income_kind_valid" CHECK ("income"."kind" in ('work','wage_replacement','toeslagenwet')),
	CONSTRAINT "income_source_valid" CHECK ("income"."source" in ('self_reported','inlichtingenbureau','caseworker'))
);
--> statement-breakpoint
CREATE TABLE "location" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"name" text NOT NULL,
	"street" text,
	"house_number" text,
	"postcode" text,
	"city" text,
	"kind" text NOT NULL,
	"catering" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "location_kind_valid" CHECK ("location"."kind" in ('emergency_hall','hotel','ship','flex_homes','houses','other'))
);
--> statement-breakpoint
CREATE TABLE "location_capacity" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_capacity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"location_id" integer NOT NULL,
	"places" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "location_capacity_places_nonneg" CHECK ("location_capacity"."places" >= 0),
	CONSTRAINT "location_capacity_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "location_status" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "location_status_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"location_id" integer NOT NULL,
	"status" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	CONSTRAINT "location_status_valid" CHECK ("location_status"."status" in ('planned','realised','closed')),
	CONSTRAINT "location_status_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "person_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"gemeente_code" text NOT NULL,
	"bsn" text,
	"v_number" text,
	"family_name" text NOT NULL,
	"given_names" text NOT NULL,
	"family_name_cyrillic" text,
	"given_names_cyrillic" text,
	"birth_date" text NOT NULL,
	"sex" text DEFAULT 'O' NOT NULL,
	"nationality_code" text DEFAULT '0034' NOT NULL,
	"protection_start" date,
	"brp_registration_date" date,
	"brp_gemeente_code" text,
	"contact_language" text DEFAULT 'uk' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_bsn_format" CHECK ("person"."bsn" is null or "person"."bsn" ~ '^[0-9]{9}$'),
	CONSTRAINT "person_birth_date_format" CHECK ("person"."birth_date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "person_sex_valid" CHECK ("person"."sex" in ('M','V','O')),
	CONSTRAINT "person_nationality_format" CHECK ("person"."nationality_code" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "placement" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "placement_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"location_id" integer,
	"street" text,
	"house_number" text,
	"postcode" text,
	"city" text,
	"host_name" text,
	"gemeente_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_kind_valid" CHECK ("placement"."kind" in ('goo','poo')),
	CONSTRAINT "placement_kind_target" CHECK (("placement"."kind" = 'goo' and "placement"."location_id" is not null) or ("placement"."kind" = 'poo' and "placement"."location_id" is null)),
	CONSTRAINT "placement_valid_range" CHECK (valid_to is null or valid_to >= valid_from)
);
--> statement-breakpoint
CREATE TABLE "seed_run" (
	"scale" text NOT NULL,
	"seed" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seed_run_scale_seed_pk" PRIMARY KEY("scale","seed")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "veiligheidsregio" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gemeente_veiligheidsregio" ADD CONSTRAINT "gemeente_veiligheidsregio_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gemeente_veiligheidsregio" ADD CONSTRAINT "gemeente_veiligheidsregio_veiligheidsregio_code_veiligheidsregio_code_fk" FOREIGN KEY ("veiligheidsregio_code") REFERENCES "public"."veiligheidsregio"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household" ADD CONSTRAINT "household_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_membership" ADD CONSTRAINT "household_membership_household_id_household_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."household"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_membership" ADD CONSTRAINT "household_membership_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "income" ADD CONSTRAINT "income_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location" ADD CONSTRAINT "location_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_capacity" ADD CONSTRAINT "location_capacity_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "location_status" ADD CONSTRAINT "location_status_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_location_id_location_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."location"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement" ADD CONSTRAINT "placement_gemeente_code_gemeente_code_fk" FOREIGN KEY ("gemeente_code") REFERENCES "public"."gemeente"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_username_unique" ON "app_user" USING btree ("username");--> statement-breakpoint
CREATE INDEX "audit_person_idx" ON "audit_record" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_record" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "gemeente_vr_gemeente_idx" ON "gemeente_veiligheidsregio" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "gemeente_vr_region_idx" ON "gemeente_veiligheidsregio" USING btree ("veiligheidsregio_code");--> statement-breakpoint
CREATE INDEX "household_gemeente_idx" ON "household" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "membership_household_idx" ON "household_membership" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "membership_person_idx" ON "household_membership" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "income_person_month_idx" ON "income" USING btree ("person_id","month");--> statement-breakpoint
CREATE INDEX "location_gemeente_idx" ON "location" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "location_capacity_location_idx" ON "location_capacity" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "location_status_location_idx" ON "location_status" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_bsn_unique" ON "person" USING btree ("bsn");--> statement-breakpoint
CREATE UNIQUE INDEX "person_v_number_unique" ON "person" USING btree ("v_number");--> statement-breakpoint
CREATE INDEX "person_gemeente_idx" ON "person" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "person_family_name_idx" ON "person" USING btree ("family_name");--> statement-breakpoint
CREATE INDEX "placement_person_idx" ON "placement" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "placement_location_idx" ON "placement" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "placement_gemeente_idx" ON "placement" USING btree ("gemeente_code");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");