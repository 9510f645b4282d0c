-- User management (/api/v1/users): when each account last signed in, whether it still has
-- the one-time password an administrator gave it (sign-in then leads to choosing one's own),
-- and a version for the administrators' changes (optimistic concurrency).
ALTER TABLE "app_user" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
