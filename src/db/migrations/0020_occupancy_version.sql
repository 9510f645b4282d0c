-- Occupancy figures kept under a version that every change of their facts bumps in the
-- same transaction (docs/decisions.md, "Occupancy from a version, not a rescan per request").
CREATE TABLE "occupancy_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "occupancy_version_single_row" CHECK ("occupancy_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "occupancy_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- Deferred to commit, once per transaction: the version row is locked last, after every
-- lock the change itself took (persons, locations), so it adds no lock-order cycle; and a
-- bulk load of 150,000 placements bumps it once.
CREATE FUNCTION bump_occupancy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('opvang.occupancy_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('opvang.occupancy_bumped', txid_current()::text, true);
    UPDATE occupancy_version SET version = version + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "placement_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "placement"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "placement_truncate_occupancy" AFTER TRUNCATE ON "placement"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "location_capacity_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "location_capacity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "location_capacity_truncate_occupancy" AFTER TRUNCATE ON "location_capacity"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "location_status_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "location_status"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "location_status_truncate_occupancy" AFTER TRUNCATE ON "location_status"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "location_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "location"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "location_truncate_occupancy" AFTER TRUNCATE ON "location"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "gemeente_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "gemeente"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "gemeente_truncate_occupancy" AFTER TRUNCATE ON "gemeente"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "gemeente_veiligheidsregio_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "gemeente_veiligheidsregio"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "gemeente_veiligheidsregio_truncate_occupancy" AFTER TRUNCATE ON "gemeente_veiligheidsregio"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "veiligheidsregio_changes_occupancy" AFTER INSERT OR UPDATE OR DELETE ON "veiligheidsregio"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_occupancy_version();--> statement-breakpoint
CREATE TRIGGER "veiligheidsregio_truncate_occupancy" AFTER TRUNCATE ON "veiligheidsregio"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_occupancy_version();
