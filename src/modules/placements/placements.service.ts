/**
 * Placements: a household in a municipal location (GOO) or at a private address (POO),
 * from a date. Placing, moving and ending work on all members of the household on the
 * date, in one transaction. Overlapping placements of a person are refused here with an
 * error naming the person and the existing placement; the exclusion constraint
 * `placement_no_overlap` is the backstop. A location over capacity is a warning, not a
 * block: the caseworker may have good reason (a family kept together for one night).
 */

import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { normalisePostcode } from "../../domain/address";
import { dayBefore, parseIsoDate } from "../../domain/dates";
import { type Issue, NotFoundError, ValidationError } from "../../domain/errors";
import { recordAudit } from "../audit";
import * as locations from "../locations";
import * as occupancy from "../occupancy";
import { dateOrToday } from "../occupancy";
import * as registry from "../registry";
import * as repo from "./placements.repository";

export interface PrivateAddress {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  hostName: string;
}

export interface Target {
  kind: "goo" | "poo";
  /** GOO: a location of the municipality. */
  locationId?: number | null;
  /** POO: the host household's address. */
  address?: Partial<PrivateAddress> | null;
}

export interface Warning {
  code: "over_capacity";
  message: string;
  params: { locationId: number; capacity: number; occupied: number; on: string };
}

const ADDRESS_FIELDS = ["street", "houseNumber", "postcode", "city", "hostName"] as const;
const PLACEMENT_FIELDS = ["kind", "location", "address", "validFrom", "validTo"];

function collect<T>(issues: Issue[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
    return undefined;
  }
}

/** Checks the target's shape (no database): a location for GOO, a full address for POO. */
function checkTarget(target: Target, issues: Issue[]): PrivateAddress | undefined {
  if (target.kind === "goo") {
    if (!target.locationId) {
      issues.push({
        path: "locationId",
        code: "required",
        message: "a GOO placement needs a location",
      });
    }
    if (target.address) {
      issues.push({
        path: "address",
        code: "not_allowed",
        message: "a GOO placement has no private address",
      });
    }
    return undefined;
  }
  if (target.locationId) {
    issues.push({
      path: "locationId",
      code: "not_allowed",
      message: "a POO placement has no location",
    });
  }
  if (!target.address) {
    issues.push({
      path: "address",
      code: "required",
      message: "a POO placement needs the host's address",
    });
    return undefined;
  }
  const a = target.address;
  const out: Partial<PrivateAddress> = {};
  for (const f of ADDRESS_FIELDS) {
    const v = a[f]?.trim();
    if (!v) issues.push({ path: `address.${f}`, code: "required", message: "is required" });
    else out[f] = v;
  }
  if (out.postcode)
    out.postcode = collect(issues, () => normalisePostcode(out.postcode!, "address.postcode"));
  return out as PrivateAddress;
}

function checkRange(from: string, to: string | undefined | null, issues: Issue[]) {
  const f = collect(issues, () => parseIsoDate(from, "validFrom"));
  const t = to ? collect(issues, () => parseIsoDate(to, "validTo")) : null;
  if (f && t && t < f) {
    issues.push({
      path: "validTo",
      code: "before_start",
      message: "must be on or after validFrom",
    });
  }
  return { from: f!, to: t ?? null };
}

function requireReason(reason: string | undefined | null, issues: Issue[], what: string) {
  if (!reason?.trim())
    issues.push({ path: "reason", code: "required", message: `say why ${what}` });
}

const nameOf = (p: { given_names: string; family_name: string }) =>
  `${p.given_names} ${p.family_name}`;

/**
 * The GOO location must be of the caller's municipality (else 404, as for any foreign
 * record) and realised from the start date throughout the placement. The location row is
 * locked FOR NO KEY UPDATE before its status is read, so a status change (which locks it
 * FOR UPDATE and then counts the placements) cannot close it while this placement is
 * saved, and two placements in the location are saved one after the other: the second
 * counts the persons of the first and warns when the location is over capacity.
 */
async function checkLocation(
  tx: Queryable,
  locationId: number,
  gemeenteCode: string,
  from: string,
  to: string | null,
) {
  const l = await locations.findLocationForPlacement(tx, locationId, gemeenteCode);
  if (!l) throw new NotFoundError("location");
  const statuses = await locations.statusesDuring(tx, locationId, from, to);
  const onStart = statuses.find((s) => s.valid_from <= from);
  if (onStart?.status !== "realised") {
    throw new ValidationError({
      path: "locationId",
      code: "location_not_realised",
      message: `${l.name} is ${onStart?.status ?? "not in use"} on ${from}; a household can only be placed in a realised location`,
      params: { locationId, status: onStart?.status ?? "none" },
    });
  }
  const stop = statuses.find((s) => s.status !== "realised");
  if (stop) {
    throw new ValidationError({
      path: "validTo",
      code: "location_not_realised",
      message: `${l.name} is ${stop.status} from ${stop.valid_from}; end the placement by ${dayBefore(stop.valid_from)}`,
      params: { locationId, status: stop.status, from: stop.valid_from },
    });
  }
  return l;
}

async function overCapacity(
  tx: Queryable,
  locationId: number,
  name: string,
  from: string,
  to: string | null,
): Promise<Warning[]> {
  const breach = await occupancy.firstDayOverCapacity(tx, locationId, from, to);
  if (!breach) return [];
  return [
    {
      code: "over_capacity",
      message: `${name} has ${breach.capacity} places and ${breach.occupied} persons placed on ${breach.on}`,
      params: { locationId, capacity: breach.capacity, occupied: breach.occupied, on: breach.on },
    },
  ];
}

export interface Skipped {
  personId: number;
  placementId: number;
}

/**
 * Members with a placement that runs on the date: placing the household leaves them where
 * they are (a child born or a member who joined later is placed with the others).
 * `elsewhere` counts those who live somewhere else than the target.
 */
async function placedOn(
  tx: Queryable,
  members: repo.Member[],
  from: string,
  target: Target,
  address: PrivateAddress | undefined,
) {
  const running = (
    await repo.placementsOnOrAfter(
      tx,
      members.map((m) => m.person_id),
      from,
    )
  ).filter((p) => p.validFrom <= from);
  const samePlace = (p: (typeof running)[number]) =>
    target.kind === "goo"
      ? p.kind === "goo" && p.locationId === target.locationId
      : p.kind === "poo" &&
        p.postcode === address?.postcode &&
        p.houseNumber === address?.houseNumber;
  return {
    skipped: running.map((p): Skipped => ({ personId: p.personId, placementId: p.id })),
    elsewhere: running.filter((p) => !samePlace(p)).length,
  };
}

/**
 * Inserts the placements of the members (after the overlap check) and audits each. With
 * `skipPlaced`, members already placed on the start date are left out and listed in
 * `skipped`; when that leaves nobody, the answer is `nothing_to_place`.
 */
async function placeMembers(
  tx: Queryable,
  actor: AccessContext,
  gemeenteCode: string,
  householdId: number,
  members: repo.Member[],
  target: Target,
  address: PrivateAddress | undefined,
  range: { from: string; to: string | null },
  reason: string | null,
  skipPlaced = false,
) {
  const location =
    target.kind === "goo"
      ? await checkLocation(tx, target.locationId!, gemeenteCode, range.from, range.to)
      : undefined;
  const { skipped, elsewhere } = skipPlaced
    ? await placedOn(tx, members, range.from, target, address)
    : { skipped: [], elsewhere: 0 };
  const skippedIds = new Set(skipped.map((s) => s.personId));
  const toPlace = members.filter((m) => !skippedIds.has(m.person_id));
  if (!toPlace.length) {
    throw new ValidationError({
      path: "validFrom",
      code: "nothing_to_place",
      message: `every member of the household is already placed on ${range.from}; move the household to change where it lives`,
      params: { from: range.from, placements: skipped.length },
    });
  }
  if (elsewhere > 0) {
    // Placing the others here would split the household without saying so.
    throw new ValidationError({
      path: "validFrom",
      code: "placed_elsewhere",
      message: `${elsewhere} member(s) live elsewhere on ${range.from}; place the others where they live, or move the household`,
      params: { from: range.from, members: elsewhere },
    });
  }
  const overlaps = await repo.overlappingPlacements(
    tx,
    toPlace.map((m) => m.person_id),
    range.from,
    range.to,
  );
  if (overlaps.length) {
    throw new ValidationError(
      overlaps.map((o) => ({
        path: "validFrom",
        code: "placement_overlap",
        message: `${nameOf(o)} (person ${o.person_id}) is already placed ${
          o.kind === "goo" ? `in ${o.location_name}` : `privately in ${o.city}`
        } from ${o.valid_from}${o.valid_to ? ` to ${o.valid_to}` : ""} (placement ${o.id}); end or move that placement first`,
        params: {
          personId: o.person_id,
          placementId: o.id,
          from: o.valid_from,
          ...(o.valid_to ? { to: o.valid_to } : {}),
        },
      })),
    );
  }
  const rows = await repo.insertPlacements(
    tx,
    toPlace.map((m) => ({
      personId: m.person_id,
      kind: target.kind,
      locationId: location?.id ?? null,
      street: address?.street ?? null,
      houseNumber: address?.houseNumber ?? null,
      postcode: address?.postcode ?? null,
      city: address?.city ?? null,
      hostName: address?.hostName ?? null,
      gemeenteCode: location?.gemeenteCode ?? gemeenteCode,
      validFrom: range.from,
      validTo: range.to,
      reason,
    })),
  );
  for (const r of rows) {
    await recordAudit(tx, actor, {
      action: "place",
      entityType: "household",
      entityId: householdId,
      personId: r.personId,
      gemeenteCode,
      fields: PLACEMENT_FIELDS,
      reason,
    });
  }
  const warnings = location
    ? await overCapacity(tx, location.id, location.name, range.from, range.to)
    : [];
  return {
    placements: rows.map((r) => ({
      id: r.id,
      personId: r.personId,
      kind: r.kind,
      locationId: r.locationId,
      validFrom: r.validFrom,
      validTo: r.validTo,
    })),
    warnings,
    skipped,
  };
}

async function householdAndMembers(
  tx: Queryable,
  householdId: number,
  gemeenteCode: string,
  on: string,
) {
  const h = await registry.findHousehold(tx, householdId, gemeenteCode);
  if (!h) throw new NotFoundError("household");
  const members = await repo.membersOn(tx, householdId, on);
  if (!members.length) {
    throw new ValidationError({
      path: "validFrom",
      code: "no_members",
      message: `the household has no members on ${on}`,
    });
  }
  // Before any of their placements is read: requests for the same household wait here for
  // each other and then see what the other saved.
  await repo.lockPersons(
    tx,
    members.map((m) => m.person_id),
  );
  return { h, members };
}

/**
 * Places the members of the household on the start date, in a GOO location or a POO.
 * Members already placed on that date keep their placement and are listed in `skipped`, so
 * a member added later (a birth, a reunification) can be placed; a member whose placement
 * starts after the date still overlaps and is refused.
 */
export async function placeHousehold(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: Target & { validFrom: string; validTo?: string | null; reason?: string | null },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const range = checkRange(input.validFrom, input.validTo, issues);
  const address = checkTarget(input, issues);
  if (issues.length) throw new ValidationError(issues);
  return repo.retryingTransaction(db, async (tx) => {
    const { members } = await householdAndMembers(tx, householdId, gemeenteCode, range.from);
    return placeMembers(
      tx,
      actor,
      gemeenteCode,
      householdId,
      members,
      input,
      address,
      range,
      input.reason?.trim() || null,
      true,
    );
  });
}

/**
 * Moves the household from a date: the current placements of its members end the day
 * before, the new ones start on the date. Only within the municipality (another
 * municipality's location answers 404), and with a reason.
 */
export async function moveHousehold(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: Target & { validFrom: string; reason: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const range = checkRange(input.validFrom, null, issues);
  const address = checkTarget(input, issues);
  requireReason(input.reason, issues, "the household moves");
  if (issues.length) throw new ValidationError(issues);
  const from = range.from;
  return repo.retryingTransaction(db, async (tx) => {
    const { members } = await householdAndMembers(tx, householdId, gemeenteCode, from);
    const current = await repo.placementsOnOrAfter(
      tx,
      members.map((m) => m.person_id),
      from,
    );
    const running = current.filter((p) => p.validFrom < from);
    const future = current.filter((p) => p.validFrom >= from);
    if (!running.length) {
      throw new ValidationError({
        path: "validFrom",
        code: "not_placed",
        message: `the household has no placement on ${from} to move from; place it instead`,
      });
    }
    if (future.length) {
      const names = new Map(members.map((m) => [m.person_id, nameOf(m)]));
      throw new ValidationError(
        future.map((p) => ({
          path: "validFrom",
          code: "placement_overlap",
          message: `${names.get(p.personId)} (person ${p.personId}) has placement ${p.id} from ${p.validFrom}, on or after the move date; change that placement first`,
          params: { personId: p.personId, placementId: p.id, from: p.validFrom },
        })),
      );
    }
    if (
      input.kind === "goo" &&
      running.every((p) => p.kind === "goo" && p.locationId === input.locationId)
    ) {
      throw new ValidationError({
        path: "locationId",
        code: "same_location",
        message: "the household already lives in this location",
      });
    }
    const reason = input.reason.trim();
    const until = dayBefore(from);
    for (const p of running) {
      await repo.setPlacementEnd(tx, p.id, until);
      await recordAudit(tx, actor, {
        action: "end_placement",
        entityType: "household",
        entityId: householdId,
        personId: p.personId,
        gemeenteCode,
        fields: ["validTo"],
        reason,
      });
    }
    const { skipped: _none, ...placed } = await placeMembers(
      tx,
      actor,
      gemeenteCode,
      householdId,
      members,
      input,
      address,
      range,
      reason,
    );
    return { ended: running.map((p) => p.id), ...placed };
  });
}

/** Ends the placements of the household's members that run on the date, on that date. */
export async function endHouseholdPlacements(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: { validTo: string; reason: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const to = collect(issues, () => parseIsoDate(input.validTo, "validTo"));
  requireReason(input.reason, issues, "the placement ends");
  if (issues.length) throw new ValidationError(issues);
  return repo.retryingTransaction(db, async (tx) => {
    const { members } = await householdAndMembers(tx, householdId, gemeenteCode, to!);
    const running = (
      await repo.placementsOnOrAfter(
        tx,
        members.map((m) => m.person_id),
        to!,
      )
    ).filter((p) => p.validFrom <= to!);
    if (!running.length) {
      throw new ValidationError({
        path: "validTo",
        code: "not_placed",
        message: `the household has no placement on ${to}`,
      });
    }
    for (const p of running) {
      await repo.setPlacementEnd(tx, p.id, to!);
      await recordAudit(tx, actor, {
        action: "end_placement",
        entityType: "household",
        entityId: householdId,
        personId: p.personId,
        gemeenteCode,
        fields: ["validTo"],
        reason: input.reason.trim(),
      });
    }
    return { ended: running.map((p) => p.id) };
  });
}

/** Ends one person's placement on a date (departure of one member). */
export async function endPlacement(
  db: Db,
  actor: AccessContext,
  placementId: number,
  input: { validTo: string; reason: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const to = collect(issues, () => parseIsoDate(input.validTo, "validTo"));
  requireReason(input.reason, issues, "the placement ends");
  if (issues.length) throw new ValidationError(issues);
  return repo.retryingTransaction(db, async (tx) => {
    const found = await repo.findPlacement(tx, placementId, gemeenteCode);
    if (!found) throw new NotFoundError("placement");
    // The person's lock, as for a household's placements; then the placement as it is now.
    await repo.lockPersons(tx, [found.person_id]);
    const p = (await repo.findPlacement(tx, placementId, gemeenteCode))!;
    if (to! < p.valid_from) {
      throw new ValidationError({
        path: "validTo",
        code: "before_start",
        message: `must be on or after the start ${p.valid_from}`,
      });
    }
    if (p.valid_to !== null && p.valid_to < to!) {
      throw new ValidationError({
        path: "validTo",
        code: "already_ended",
        message: `the placement already ended on ${p.valid_to}`,
      });
    }
    await repo.setPlacementEnd(tx, p.id, to!);
    await recordAudit(tx, actor, {
      action: "end_placement",
      entityType: "placement",
      entityId: p.id,
      personId: p.person_id,
      gemeenteCode,
      fields: ["validTo"],
      reason: input.reason.trim(),
    });
    return { id: p.id, validTo: to! };
  });
}

/** The household's placements, current (on the date) and past; an audited read. */
export async function householdPlacementHistory(
  db: Db,
  actor: AccessContext,
  householdId: number,
  q: { on?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const on = dateOrToday(q.on);
  return db.transaction(async (tx) => {
    const h = await registry.findHousehold(tx, householdId, gemeenteCode);
    if (!h) throw new NotFoundError("household");
    const rows = await repo.householdPlacements(tx, householdId);
    for (const personId of new Set(rows.map((r) => r.person_id))) {
      await recordAudit(tx, actor, {
        action: "read",
        entityType: "household",
        entityId: householdId,
        personId,
        gemeenteCode,
        fields: ["placements"],
      });
    }
    const placements = rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      familyName: r.family_name,
      givenNames: r.given_names,
      kind: r.kind,
      locationId: r.location_id,
      locationName: r.location_name,
      address:
        r.kind === "poo"
          ? {
              street: r.street,
              houseNumber: r.house_number,
              postcode: r.postcode,
              city: r.city,
              hostName: r.host_name,
            }
          : null,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      reason: r.reason,
      current: r.valid_from <= on && (r.valid_to === null || r.valid_to >= on),
    }));
    return {
      householdId,
      on,
      current: placements.filter((p) => p.current),
      past: placements.filter((p) => !p.current && (p.validTo ?? on) < on),
      future: placements.filter((p) => p.validFrom > on),
    };
  });
}

/**
 * Ends a person's stay in reception on `to` because they left the household (a departure
 * registered with the membership's end): every placement running on that day.
 */
export async function endStayOnDeparture(
  tx: Queryable,
  actor: AccessContext,
  stay: { personId: number; householdId: number; gemeenteCode: string; to: string; reason: string },
) {
  await repo.lockPersons(tx, [stay.personId]);
  const running = (await repo.placementsOnOrAfter(tx, [stay.personId], stay.to)).filter(
    (p) => p.validFrom <= stay.to,
  );
  for (const p of running) {
    await repo.setPlacementEnd(tx, p.id, stay.to);
    await recordAudit(tx, actor, {
      action: "end_placement",
      entityType: "household",
      entityId: stay.householdId,
      personId: stay.personId,
      gemeenteCode: stay.gemeenteCode,
      fields: ["validTo"],
      reason: stay.reason,
    });
  }
}
