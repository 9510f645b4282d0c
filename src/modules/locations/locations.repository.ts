import { and, asc, eq, sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import {
  location,
  locationCapacity,
  locationCatering,
  locationStatus,
  type locationStatuses,
} from "../../db/schema";

export type LocationRow = typeof location.$inferSelect;
export type NewLocation = Omit<
  typeof location.$inferInsert,
  "id" | "version" | "createdAt" | "updatedAt"
>;
export type LocationStatus = (typeof locationStatuses)[number];

export async function insertLocation(db: Queryable, l: NewLocation): Promise<LocationRow> {
  const [row] = await db.insert(location).values(l).returning();
  return row!;
}

/** A location of one municipality; undefined for another municipality's location. */
export async function findLocation(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select()
    .from(location)
    .where(and(eq(location.id, id), eq(location.gemeenteCode, gemeenteCode)));
  return row;
}

/** Same, locking the row for the rest of the transaction (capacity and status changes). */
export async function findLocationForUpdate(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select()
    .from(location)
    .where(and(eq(location.id, id), eq(location.gemeenteCode, gemeenteCode)))
    .for("update");
  return row;
}

/**
 * Same, locked FOR NO KEY UPDATE for the rest of the transaction (placing a household):
 * placements in one location run one after the other, so each counts the persons the
 * others placed and the over-capacity warning is never lost; status and capacity changes
 * (FOR UPDATE) wait for a placement and placements for them. Placements in other
 * locations do not wait.
 */
export async function findLocationForPlacement(db: Queryable, id: number, gemeenteCode: string) {
  const [row] = await db
    .select()
    .from(location)
    .where(and(eq(location.id, id), eq(location.gemeenteCode, gemeenteCode)))
    .for("no key update");
  return row;
}

/** Updates when the version still matches; undefined when someone else was first. */
export async function updateLocation(
  db: Queryable,
  id: number,
  version: number,
  changes: Partial<NewLocation>,
) {
  const [row] = await db
    .update(location)
    .set({ ...changes, version: sql`${location.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(location.id, id), eq(location.version, version)))
    .returning();
  return row;
}

export async function capacityHistory(db: Queryable, locationId: number) {
  return db
    .select({
      id: locationCapacity.id,
      places: locationCapacity.places,
      validFrom: locationCapacity.validFrom,
      validTo: locationCapacity.validTo,
    })
    .from(locationCapacity)
    .where(eq(locationCapacity.locationId, locationId))
    .orderBy(asc(locationCapacity.validFrom));
}

export async function statusHistory(db: Queryable, locationId: number) {
  return db
    .select({
      id: locationStatus.id,
      status: locationStatus.status,
      validFrom: locationStatus.validFrom,
      validTo: locationStatus.validTo,
    })
    .from(locationStatus)
    .where(eq(locationStatus.locationId, locationId))
    .orderBy(asc(locationStatus.validFrom));
}

export async function cateringHistory(db: Queryable, locationId: number) {
  return db
    .select({
      id: locationCatering.id,
      catering: locationCatering.catering,
      validFrom: locationCatering.validFrom,
      validTo: locationCatering.validTo,
    })
    .from(locationCatering)
    .where(eq(locationCatering.locationId, locationId))
    .orderBy(asc(locationCatering.validFrom));
}

export async function insertCatering(
  db: Queryable,
  locationId: number,
  catering: boolean,
  validFrom: string,
) {
  await db.insert(locationCatering).values({ locationId, catering, validFrom });
}

export async function closeCateringRow(db: Queryable, id: number, validTo: string) {
  await db.update(locationCatering).set({ validTo }).where(eq(locationCatering.id, id));
}

/** Removes a catering row and opens the one before it again (a change taken back). */
export async function dropCateringRow(db: Queryable, id: number, previousId: number) {
  await db.delete(locationCatering).where(eq(locationCatering.id, id));
  await db
    .update(locationCatering)
    .set({ validTo: null })
    .where(eq(locationCatering.id, previousId));
}

/** Corrects the value of a catering row (a change on the same start date). */
export async function setCatering(db: Queryable, id: number, catering: boolean) {
  await db.update(locationCatering).set({ catering }).where(eq(locationCatering.id, id));
}

export async function insertCapacity(
  db: Queryable,
  locationId: number,
  places: number,
  validFrom: string,
) {
  await db.insert(locationCapacity).values({ locationId, places, validFrom });
}

export async function insertStatus(
  db: Queryable,
  locationId: number,
  status: LocationStatus,
  validFrom: string,
) {
  await db.insert(locationStatus).values({ locationId, status, validFrom });
}

/** Closes a dated row (capacity or status) that is still open. */
export async function closeCapacityRow(db: Queryable, id: number, validTo: string) {
  await db.update(locationCapacity).set({ validTo }).where(eq(locationCapacity.id, id));
}

/** Corrects the figure of a capacity row (a new capacity on the same start date). */
export async function setCapacityPlaces(db: Queryable, id: number, places: number) {
  await db.update(locationCapacity).set({ places }).where(eq(locationCapacity.id, id));
}

export async function closeStatusRow(db: Queryable, id: number, validTo: string) {
  await db.update(locationStatus).set({ validTo }).where(eq(locationStatus.id, id));
}

/** Status rows of a location that overlap [from, to] (to null = open), oldest first. */
export async function statusesDuring(
  db: Queryable,
  locationId: number,
  from: string,
  to: string | null,
) {
  return query<{ status: LocationStatus; valid_from: string; valid_to: string | null }>(
    db,
    sql`select status, valid_from, valid_to from location_status
        where location_id = ${locationId}
          and daterange(valid_from, valid_to, '[]') && daterange(${from}::date, ${to}::date, '[]')
        order by valid_from`,
  );
}

/** The municipality's locations with status, capacity and catering on a date. */
export async function listLocations(db: Queryable, gemeenteCode: string, on: string) {
  return query<{
    id: number;
    name: string;
    kind: string;
    catering: boolean;
    city: string | null;
    status: LocationStatus | null;
    capacity: number | null;
    version: number;
  }>(
    db,
    sql`select l.id, l.name, l.kind, coalesce(k.catering, false) as catering, l.city, s.status,
          c.places as capacity, l.version
        from location l
        left join location_catering k on k.location_id = l.id
          and daterange(k.valid_from, k.valid_to, '[]') @> ${on}::date
        left join location_status s on s.location_id = l.id
          and daterange(s.valid_from, s.valid_to, '[]') @> ${on}::date
        left join location_capacity c on c.location_id = l.id
          and daterange(c.valid_from, c.valid_to, '[]') @> ${on}::date
        where l.gemeente_code = ${gemeenteCode}
        order by l.name, l.id`,
  );
}

/** GOO placements in the location that run on or after a date. */
export async function placementsFrom(db: Queryable, locationId: number, from: string) {
  const [row] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from placement
        where location_id = ${locationId} and kind = 'goo'
          and (valid_to is null or valid_to >= ${from}::date)`,
  );
  return row?.n ?? 0;
}
