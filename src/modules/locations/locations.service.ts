/**
 * Locations of municipal reception (GOO): registration and editing, capacity, status and
 * catering as dated facts (a change from a date closes the open row the day before), and the
 * location page with occupants and occupancy over time. Scoped to the caller's
 * municipality: another municipality's location answers 404.
 */

import { Temporal } from "temporal-polyfill";
import type { Db, Queryable } from "../../db/connection";
import type { locationKinds } from "../../db/schema";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { normalisePostcode } from "../../domain/address";
import { dayBefore, parseIsoDate, todayNl } from "../../domain/dates";
import { ConflictError, type Issue, NotFoundError, ValidationError } from "../../domain/errors";
import { recordAudit, recordAuditForPersons } from "../audit";
import * as occupancy from "../occupancy";
import { dateOrToday, figuresOf } from "../occupancy";
import * as repo from "./locations.repository";

export type LocationKind = (typeof locationKinds)[number];
export type LocationStatus = repo.LocationStatus;

export interface LocationFields {
  name: string;
  street?: string | null;
  houseNumber?: string | null;
  postcode?: string | null;
  city?: string | null;
  kind: LocationKind;
}

const LOCATION_FIELDS = ["name", "street", "houseNumber", "postcode", "city", "kind"];
const STATUS_ORDER: Record<LocationStatus, number> = { planned: 0, realised: 1, closed: 2 };
const MAX_SERIES_POINTS = 120;

/** Runs a parser, collecting its issues instead of throwing the first. */
function collect<T>(issues: Issue[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
    return undefined;
  }
}

function checkFields(input: Partial<LocationFields>, issues: Issue[]): Partial<LocationFields> {
  const out: Partial<LocationFields> = { ...input };
  if ("name" in input) {
    if (!input.name?.trim())
      issues.push({ path: "name", code: "required", message: "is required" });
    else out.name = input.name.trim();
  }
  for (const f of ["street", "houseNumber", "city"] as const) {
    if (typeof input[f] === "string") out[f] = input[f].trim() || null;
  }
  if (input.postcode)
    out.postcode = collect(issues, () => normalisePostcode(input.postcode!, "postcode"));
  else if (input.postcode === "") out.postcode = null;
  return out;
}

type CateringRow = Awaited<ReturnType<typeof repo.cateringHistory>>[number];

/** Whether meals are provided on a date (no catering row: none). */
function cateringOn(history: CateringRow[], on: string): boolean {
  return (
    history.find((r) => r.validFrom <= on && (r.validTo === null || r.validTo >= on))?.catering ??
    false
  );
}

/**
 * The location with its capacity, status and catering history, and its catering today;
 * no audit (not personal data).
 */
export async function locationView(db: Queryable, id: number, gemeenteCode: string) {
  const l = await repo.findLocation(db, id, gemeenteCode);
  if (!l) throw new NotFoundError("location");
  const cateringHistory = await repo.cateringHistory(db, id);
  return {
    id: l.id,
    gemeenteCode: l.gemeenteCode,
    name: l.name,
    street: l.street,
    houseNumber: l.houseNumber,
    postcode: l.postcode,
    city: l.city,
    kind: l.kind,
    catering: cateringOn(cateringHistory, todayNl()),
    version: l.version,
    capacityHistory: await repo.capacityHistory(db, id),
    statusHistory: await repo.statusHistory(db, id),
    cateringHistory,
  };
}

/** Registers a location with its first capacity, status and catering from a date. */
export async function registerLocation(
  db: Db,
  actor: AccessContext,
  input: LocationFields & {
    validFrom: string;
    places: number;
    status?: LocationStatus;
    catering?: boolean;
  },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const fields = checkFields(input, issues) as LocationFields;
  const from = collect(issues, () => parseIsoDate(input.validFrom, "validFrom"));
  const status = input.status ?? "planned";
  if (status === "closed") {
    issues.push({
      path: "status",
      code: "status_start",
      message: "a new location starts planned or realised",
    });
  }
  if (!Number.isInteger(input.places) || input.places < 0) {
    issues.push({
      path: "places",
      code: "places_invalid",
      message: "places must be a whole number, 0 or more",
    });
  }
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const l = await repo.insertLocation(tx, {
      gemeenteCode,
      name: fields.name,
      street: fields.street ?? null,
      houseNumber: fields.houseNumber ?? null,
      postcode: fields.postcode ?? null,
      city: fields.city ?? null,
      kind: fields.kind,
    });
    await repo.insertCapacity(tx, l.id, input.places, from!);
    await repo.insertStatus(tx, l.id, status, from!);
    await repo.insertCatering(tx, l.id, input.catering ?? false, from!);
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "location",
      entityId: l.id,
      gemeenteCode,
      fields: [...LOCATION_FIELDS, "catering", "places", "status", "validFrom"],
    });
    return locationView(tx, l.id, gemeenteCode);
  });
}

/**
 * Changes name, address or kind (optimistic concurrency on the version). Catering changes
 * from a date (changeCatering): an edit here would rewrite the months before.
 */
export async function editLocation(
  db: Db,
  actor: AccessContext,
  id: number,
  input: Partial<LocationFields> & { version: number; reason?: string; catering?: unknown },
) {
  const gemeenteCode = gemeenteOf(actor);
  const { version, reason, catering, ...rest } = input;
  const issues: Issue[] = [];
  if (catering !== undefined) {
    issues.push({
      path: "catering",
      code: "catering_dated",
      message: "catering changes from a date: POST /locations/{id}/catering",
    });
  }
  const checked = checkFields(rest, issues);
  if (issues.length) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const current = await repo.findLocation(tx, id, gemeenteCode);
    if (!current) throw new NotFoundError("location");
    const changes = Object.fromEntries(
      Object.entries(checked).filter(
        ([k, v]) => v !== undefined && (current as Record<string, unknown>)[k] !== v,
      ),
    ) as Partial<repo.NewLocation>;
    const updated = await repo.updateLocation(tx, id, version, changes);
    if (!updated) {
      throw new ConflictError(
        "the location was changed by someone else",
        await locationView(tx, id, gemeenteCode),
      );
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "location",
      entityId: id,
      gemeenteCode,
      fields: Object.keys(changes),
      reason: reason ?? null,
    });
    return locationView(tx, id, gemeenteCode);
  });
}

/** Locks the location and bumps its version, or answers 404 / 409. */
async function claim(tx: Queryable, id: number, gemeenteCode: string, version: number) {
  const l = await repo.findLocationForUpdate(tx, id, gemeenteCode);
  if (!l) throw new NotFoundError("location");
  const updated = await repo.updateLocation(tx, id, version, {});
  if (!updated) {
    throw new ConflictError(
      "the location was changed by someone else",
      await locationView(tx, id, gemeenteCode),
    );
  }
  return l;
}

/**
 * The open row of a dated history (capacity, catering) that a change from `from` follows;
 * refuses a date before the latest row's start or inside a closed row (history is not
 * rewritten silently).
 */
function openRowFrom<T extends { validFrom: string; validTo: string | null }>(
  history: T[],
  from: string,
  what: "capacity" | "catering",
): T | undefined {
  const later = history.find((r) => r.validFrom > from);
  if (later) {
    throw new ValidationError({
      path: "validFrom",
      code: "before_current",
      message: `must be on or after ${later.validFrom}, the start of the latest ${what}`,
    });
  }
  const open = history.find((r) => r.validTo === null);
  const covering = history.find((r) => r !== open && r.validTo !== null && r.validTo >= from);
  if (covering) {
    throw new ValidationError({
      path: "validFrom",
      code: `${what}_history`,
      message: `the ${what} from ${covering.validFrom} to ${covering.validTo} covers this date; give a later date`,
    });
  }
  return open;
}

/**
 * A new capacity from a date: the open capacity row ends the day before. The same start
 * date as the open row corrects that row's figure; an earlier one is refused (history is
 * not rewritten silently).
 */
export async function changeCapacity(
  db: Db,
  actor: AccessContext,
  id: number,
  input: { places: number; validFrom: string; version: number; reason?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const from = parseIsoDate(input.validFrom, "validFrom");
  if (!Number.isInteger(input.places) || input.places < 0) {
    throw new ValidationError({
      path: "places",
      code: "places_invalid",
      message: "places must be a whole number, 0 or more",
    });
  }
  return db.transaction(async (tx) => {
    await claim(tx, id, gemeenteCode, input.version);
    const open = openRowFrom(await repo.capacityHistory(tx, id), from, "capacity");
    if (open && open.validFrom === from) {
      await repo.setCapacityPlaces(tx, open.id, input.places);
    } else {
      if (open) await repo.closeCapacityRow(tx, open.id, dayBefore(from));
      await repo.insertCapacity(tx, id, input.places, from);
    }
    await recordAudit(tx, actor, {
      action: "change_capacity",
      entityType: "location",
      entityId: id,
      gemeenteCode,
      fields: ["places", "validFrom"],
      reason: input.reason ?? null,
    });
    return locationView(tx, id, gemeenteCode);
  });
}

/**
 * Catering from a date: the open catering row ends the day before. The same start date as
 * the open row corrects that row (back to the value before it: the change is taken back);
 * an earlier date is refused (history is not rewritten silently), and so is the value the
 * open row already has.
 */
export async function changeCatering(
  db: Db,
  actor: AccessContext,
  id: number,
  input: { catering: boolean; validFrom: string; version: number; reason?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const from = parseIsoDate(input.validFrom, "validFrom");
  return db.transaction(async (tx) => {
    await claim(tx, id, gemeenteCode, input.version);
    const history = await repo.cateringHistory(tx, id);
    const open = openRowFrom(history, from, "catering");
    if (open && open.catering === input.catering) {
      throw new ValidationError({
        path: "catering",
        code: "catering_unchanged",
        message: `the location already ${input.catering ? "provides" : "does not provide"} meals since ${open.validFrom}`,
      });
    }
    if (open && open.validFrom === from) {
      // Correcting the open period back to the value before it takes the change back: the
      // history shows no change that never happened.
      const previous = history.find((r) => r.validTo === dayBefore(open.validFrom));
      if (previous?.catering === input.catering)
        await repo.dropCateringRow(tx, open.id, previous.id);
      else await repo.setCatering(tx, open.id, input.catering);
    } else {
      if (open) await repo.closeCateringRow(tx, open.id, dayBefore(from));
      await repo.insertCatering(tx, id, input.catering, from);
    }
    await recordAudit(tx, actor, {
      action: "change_catering",
      entityType: "location",
      entityId: id,
      gemeenteCode,
      fields: ["catering", "validFrom"],
      reason: input.reason ?? null,
    });
    return locationView(tx, id, gemeenteCode);
  });
}

/**
 * A status change from a date, only forward: planned → realised → closed (planned →
 * closed when a plan is dropped). A location stops being realised only when nobody is
 * placed there from that date.
 */
export async function changeStatus(
  db: Db,
  actor: AccessContext,
  id: number,
  input: { status: LocationStatus; validFrom: string; version: number; reason?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const from = parseIsoDate(input.validFrom, "validFrom");
  return db.transaction(async (tx) => {
    await claim(tx, id, gemeenteCode, input.version);
    const history = await repo.statusHistory(tx, id);
    const open = history.find((r) => r.validTo === null);
    const last = history.at(-1);
    if (!open || !last || last !== open) {
      throw new ValidationError({
        path: "status",
        code: "status_final",
        message: "the location has no open status to change from",
      });
    }
    if (STATUS_ORDER[input.status] <= STATUS_ORDER[open.status]) {
      throw new ValidationError({
        path: "status",
        code: "status_order",
        message: `cannot go from ${open.status} to ${input.status}: planned → realised → closed`,
      });
    }
    if (from <= open.validFrom) {
      throw new ValidationError({
        path: "validFrom",
        code: "before_current",
        message: `must be after ${open.validFrom}, the start of the current status (${open.status})`,
      });
    }
    if (open.status === "realised") {
      const placed = await repo.placementsFrom(tx, id, from);
      if (placed > 0) {
        throw new ValidationError({
          path: "validFrom",
          code: "location_occupied",
          message: `${placed} placement(s) in this location run on or after ${from}; move those households or end their placements first`,
          params: { placements: placed },
        });
      }
    }
    await repo.closeStatusRow(tx, open.id, dayBefore(from));
    await repo.insertStatus(tx, id, input.status, from);
    await recordAudit(tx, actor, {
      action: "change_status",
      entityType: "location",
      entityId: id,
      gemeenteCode,
      fields: ["status", "validFrom"],
      reason: input.reason ?? null,
    });
    return locationView(tx, id, gemeenteCode);
  });
}

/** The municipality's locations with status, capacity and figures on a date (aggregates). */
export async function listLocations(db: Queryable, actor: AccessContext, q: { on?: string }) {
  const gemeenteCode = gemeenteOf(actor);
  const on = dateOrToday(q.on);
  const rows = await repo.listLocations(db, gemeenteCode, on);
  const figures = new Map(
    (await occupancy.gemeenteLocationsOn(db, gemeenteCode, on)).map((f) => [f.location_id, f]),
  );
  return {
    on,
    locations: rows.map((r) => {
      const f = figures.get(r.id);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        catering: r.catering,
        city: r.city,
        status: r.status,
        capacity: r.capacity,
        version: r.version,
        ...figuresOf(f?.realised ?? 0, f?.occupied ?? 0),
      };
    }),
  };
}

/** Month starts for the occupancy-over-time chart: the 12 up to `on`, or those in [from, to]. */
export function seriesDates(on: string, from?: string, to?: string): string[] {
  const issues: Issue[] = [];
  const f = from ? collect(issues, () => parseIsoDate(from, "from")) : undefined;
  const t = to ? collect(issues, () => parseIsoDate(to, "to")) : undefined;
  if (issues.length) throw new ValidationError(issues);
  const out: string[] = [];
  if (!f && !t) {
    const last = Temporal.PlainDate.from(on).with({ day: 1 });
    for (let i = 11; i >= 0; i--) out.push(last.subtract({ months: i }).toString());
    return out;
  }
  if (!f || !t) {
    throw new ValidationError({
      path: f ? "to" : "from",
      code: "required",
      message: "give both from and to, or neither (the last 12 months)",
    });
  }
  if (t < f) {
    throw new ValidationError({
      path: "to",
      code: "before_start",
      message: "must be on or after from",
    });
  }
  let d = Temporal.PlainDate.from(f);
  if (d.day !== 1) d = d.with({ day: 1 }).add({ months: 1 });
  const end = Temporal.PlainDate.from(t);
  while (Temporal.PlainDate.compare(d, end) <= 0) {
    out.push(d.toString());
    if (out.length > MAX_SERIES_POINTS) {
      throw new ValidationError({
        path: "to",
        code: "range_too_long",
        message: `at most ${MAX_SERIES_POINTS} months at a time`,
      });
    }
    d = d.add({ months: 1 });
  }
  return out;
}

/**
 * The location page: the location, its figures on a date, the persons placed there with
 * their household (personal data: each read is audited per person) and occupancy per
 * month start.
 */
export async function locationPage(
  db: Db,
  actor: AccessContext,
  id: number,
  q: { on?: string; from?: string; to?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const on = dateOrToday(q.on);
  const dates = seriesDates(on, q.from, q.to);
  return db.transaction(async (tx) => {
    const view = await locationView(tx, id, gemeenteCode);
    const [today] = await occupancy.locationSeries(tx, id, [on]);
    const series = await occupancy.locationSeries(tx, id, dates);
    const occupants = await occupancy.occupantsOn(tx, id, on);
    // One record listing the occupants, as for a household read: a hall of hundreds was as
    // many inserts per page view.
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "location",
        entityId: id,
        gemeenteCode,
        fields: ["familyName", "givenNames", "birthDate", "householdId", "placement"],
      },
      occupants.map((o) => o.person_id),
    );
    return {
      ...view,
      on,
      catering: cateringOn(view.cateringHistory, on),
      status: today?.status ?? null,
      capacity: today?.capacity ?? null,
      ...figuresOf(today?.realised ?? 0, today?.occupied ?? 0),
      occupants: occupants.map((o) => ({
        personId: o.person_id,
        householdId: o.household_id,
        familyName: o.family_name,
        givenNames: o.given_names,
        familyNameCyrillic: o.family_name_cyrillic,
        givenNamesCyrillic: o.given_names_cyrillic,
        birthDate: o.birth_date,
        placementId: o.placement_id,
        placedFrom: o.placement_from,
        placedTo: o.placement_to,
      })),
      occupancy: series.map((s) => ({ on: s.on, ...figuresOf(s.realised, s.occupied) })),
    };
  });
}
