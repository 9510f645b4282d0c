/**
 * Occupancy on any date, computed from the placements: realised places, occupied places,
 * free places and the bezettingsgraad (occupied ÷ realised places, as a percentage to one
 * decimal). Per location and municipality for municipal roles (own municipality), per
 * veiligheidsregio and nationally for the national coordinator: aggregates only.
 */

import type { Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { parseIsoDate, todayNl } from "../../domain/dates";
import { NotFoundError } from "../../domain/errors";
import * as repo from "./occupancy.repository";

/**
 * occupied ÷ realised as a percentage rounded half up to one decimal, in integers so that
 * no binary fraction tips a .x5 the wrong way; null when there are no realised places.
 * 88,910 of 89,500 → 99.3.
 */
export function bezettingsgraad(occupied: number, realised: number): number | null {
  if (realised <= 0) return null;
  const tenths = Math.floor((occupied * 2000 + realised) / (2 * realised));
  return tenths / 10;
}

export interface Figures {
  realisedPlaces: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
}

/** Figures of one location: free = max(0, realised − occupied). */
export function figuresOf(realised: number, occupied: number): Figures {
  return {
    realisedPlaces: realised,
    occupied,
    free: Math.max(0, realised - occupied),
    bezettingsgraad: bezettingsgraad(occupied, realised),
  };
}

/** Figures of an area: free places are summed per location, so a full location elsewhere
 * does not hide free places (and an over-full one does not count as negative). */
function areaFigures(t: repo.Totals): Figures & { pooPersons: number } {
  return {
    realisedPlaces: t.realised,
    occupied: t.occupied,
    free: t.free,
    bezettingsgraad: bezettingsgraad(t.occupied, t.realised),
    pooPersons: t.poo,
  };
}

/**
 * Figures computed for a question (an area on a date) are kept under the occupancy version
 * they were computed at, per database; every committed change of their facts (placements,
 * capacity, status, locations, the region map) bumps the version in the same transaction
 * (migration 0020), so a kept answer is used only while nothing it rests on has changed.
 * The version is read before the figures: kept figures are never older than their version.
 */
type Kept = WeakMap<object, Map<string, { version: number; value: unknown }>>;
const kept: Kept = new WeakMap();
const MAX_KEPT = 2_000;
/** Place facts are a row per location (about 1,300 nationally): fewer of them are kept. */
const keptFacts: Kept = new WeakMap();
const MAX_KEPT_FACTS = 64;

async function keptOrComputed<T>(
  db: Queryable,
  key: string,
  compute: () => Promise<T>,
  store = kept,
  max = MAX_KEPT,
) {
  const version = await repo.occupancyVersion(db);
  let answers = store.get(db);
  if (!answers) {
    answers = new Map();
    store.set(db, answers);
  }
  const hit = answers.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = await compute();
  if (answers.size >= max) answers.clear();
  answers.set(key, { version, value });
  return value;
}

export function dateOrToday(on: string | undefined, path = "on"): string {
  return on === undefined || on === "" ? todayNl() : parseIsoDate(on, path);
}

/** The caller's municipality on a date: totals and each location. */
export async function gemeenteOccupancy(db: Queryable, actor: AccessContext, q: { on?: string }) {
  const gemeenteCode = gemeenteOf(actor);
  const on = dateOrToday(q.on);
  return keptOrComputed(db, `gemeente:${gemeenteCode}:${on}`, () =>
    computeGemeenteOccupancy(db, gemeenteCode, on),
  );
}

/** The figures computed afresh (no kept answer): what a kept answer must equal. */
export async function computeGemeenteOccupancy(db: Queryable, gemeenteCode: string, on: string) {
  const rows = await repo.gemeenteLocationsOn(db, gemeenteCode, on);
  const poo = await repo.pooPersonsOn(db, gemeenteCode, on);
  const total = rows.reduce(
    (t, r) => ({
      realised: t.realised + r.realised,
      occupied: t.occupied + r.occupied,
      free: t.free + r.free,
      poo,
    }),
    { realised: 0, occupied: 0, free: 0, poo },
  );
  return {
    on,
    gemeenteCode,
    ...areaFigures(total),
    locations: rows.map((r) => ({
      locationId: r.location_id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      ...figuresOf(r.realised, r.occupied),
    })),
  };
}

/**
 * The facts behind the figures on a date, per location (with its kind) and per
 * municipality's private reception, for all municipalities or those listed (see
 * repo.placeFactsOn): kept under the occupancy version like every answer here.
 */
export async function placeFacts(db: Queryable, on: string, gemeenten?: readonly string[]) {
  const key = `places:${on}:${gemeenten ? [...gemeenten].sort().join(",") : "*"}`;
  return keptOrComputed(
    db,
    key,
    () => repo.placeFactsOn(db, on, gemeenten),
    keptFacts,
    MAX_KEPT_FACTS,
  );
}

/** Every veiligheidsregio and the national total on a date (one query). */
export async function regionsOccupancy(db: Queryable, q: { on?: string }) {
  const on = dateOrToday(q.on);
  return keptOrComputed(db, `regions:${on}`, () => computeRegionsOccupancy(db, on));
}

export async function computeRegionsOccupancy(db: Queryable, on: string) {
  const rows = await repo.regionsOn(db, on);
  const regions = rows
    .filter((r) => r.part === "region")
    .sort((a, b) => (a.code ?? "").localeCompare(b.code ?? ""))
    .map((r) => ({ code: r.code!, name: r.name!, ...areaFigures(r) }));
  const unassigned = rows.find((r) => r.part === "unassigned");
  const national = rows.find((r) => r.part === "national") ?? {
    realised: 0,
    occupied: 0,
    free: 0,
    poo: 0,
  };
  return {
    on,
    national: areaFigures(national),
    regions,
    /** Municipalities without a safety region on the date (reference data incomplete). */
    unassigned: unassigned ? areaFigures(unassigned) : null,
  };
}

/** The municipalities of one veiligheidsregio on a date. */
export async function regionOccupancy(db: Queryable, code: string, q: { on?: string }) {
  const on = dateOrToday(q.on);
  return keptOrComputed(db, `region:${code}:${on}`, () => computeRegionOccupancy(db, code, on));
}

export async function computeRegionOccupancy(db: Queryable, code: string, on: string) {
  const region = await repo.findRegion(db, code);
  if (!region) throw new NotFoundError("veiligheidsregio");
  const rows = await repo.regionGemeentenOn(db, code, on);
  const total = rows.reduce(
    (t, r) => ({
      realised: t.realised + r.realised,
      occupied: t.occupied + r.occupied,
      free: t.free + r.free,
      poo: t.poo + r.poo,
    }),
    { realised: 0, occupied: 0, free: 0, poo: 0 },
  );
  return {
    on,
    code: region.code,
    name: region.name,
    ...areaFigures(total),
    gemeenten: rows.map((r) => ({ code: r.code, name: r.name, ...areaFigures(r) })),
  };
}
