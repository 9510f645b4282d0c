/**
 * The history scale (docs/forecast.md, "The history"): a synthetic national ledger from the
 * start of temporary protection (4 March 2022) to the demo's today that follows the
 * published series (../shared/data/nl_ukraine_reception_timeseries.csv, read by
 * timeseries.ts).
 *
 * Two parts:
 *
 * - `historyTargets`: from the rows, five daily curves through anchors: Ukrainians
 *   registered with temporary protection, others registered, persons in GOO (occupied
 *   places), realised places, and persons who left the country since the start. An anchor
 *   is a published count on the day its row is read on; where two values meet on one day
 *   the more precise wins, then the later row; a rounded value ("bijna 95.000") is an
 *   anchor only where the precise values around it leave the curve more than 1.5% away
 *   from it (else it is only checked). ASSUMPTIONS adds what the series does not say.
 *   Places and occupied places run straight between anchors; the registered and departed
 *   curves are monotone cubics whose pace varies from week to week (registrations on
 *   working days only), rising at a published weekly net inflow as fast as it.
 *
 * - `HistorySimulation`: walks the days. Households leave (as many persons as the curve of
 *   departures asks), some move out of reception to a home of their own, temporary
 *   locations close (their residents move), persons register in the BRP in arrival order
 *   (exactly as many as the registered curves ask), places are opened, grown and shrunk
 *   to follow the realised curve, households arrive (enough to keep about ten days of
 *   registrations waiting; in the weeks of a published net inflow, exactly that inflow),
 *   and households waiting in private reception, or just arrived, move into free GOO
 *   places until the occupied curve is met. On an anchor day the realised places and the
 *   occupied places are made exact (a capacity changes that day), so the app's figures on
 *   the published days are the published ones.
 *
 * The walk draws from the world's seeded stream, the curves' weekly variation from one of
 * their own: the same seed, the same history.
 */
import type { LocationKind } from "../../domain/enums";
import type { PlacementReason } from "../../domain/reasons";
import { addYears, day, iso } from "./days";
import type { Random } from "./random";
import { occupancyRate, type SeriesField, type SeriesRow } from "./timeseries";
import {
  type Address,
  type Household,
  LOCATION_SIZES,
  type Location,
  type Muni,
  type Person,
} from "./world";

// --- The daily curves ---------------------------------------------------------------------

type Series = "ukrainian" | "total" | "other" | "goo" | "places" | "departed";

/**
 * What the series does not say and the history assumes (docs/forecast.md). `today`: the
 * demo's today. Departures: the letters give 26,610 (July 2023) and 36,130 (January 2024)
 * deregistered since the start; before and after, the rate the seed assumes.
 */
export const ASSUMPTIONS: { on: string; series: Series; value: number; why: string }[] = [
  { on: "2022-03-04", series: "ukrainian", value: 0, why: "protection begins; no one registered" },
  { on: "2022-03-04", series: "other", value: 0, why: "protection begins" },
  {
    on: "2022-03-04",
    series: "goo",
    value: 3_000,
    why: "the first emergency places filled in the first days",
  },
  { on: "2022-03-04", series: "places", value: 8_000, why: "emergency places opened by then" },
  { on: "2022-03-04", series: "departed", value: 0, why: "protection begins" },
  { on: "2022-05-03", series: "departed", value: 0, why: "nobody leaves in the first two months" },
  { on: "2022-06-01", series: "departed", value: 2_500, why: "returns in the spring of 2022" },
  { on: "2022-09-19", series: "departed", value: 8_500, why: "returns over the summer" },
  { on: "2023-01-01", series: "departed", value: 15_500, why: "toward the letter's 26,610" },
  {
    on: "2023-04-01",
    series: "ukrainian",
    value: 86_000,
    why: "net inflow about 640 a week in the spring of 2023 (letter of July 2023), slower in the winter before",
  },
  {
    on: "2024-12-15",
    series: "total",
    value: 123_680,
    why: "DOMAIN.md §1 (letter of December 2024), not in the series; read as all displaced persons, as the 2025 letters count",
  },
  { on: "2024-12-15", series: "places", value: 93_200, why: "DOMAIN.md §1, not in the series" },
  { on: "2024-12-15", series: "goo", value: 92_730, why: "DOMAIN.md §1, not in the series" },
  { on: "2024-12-15", series: "departed", value: 45_000, why: "about 240 a week in 2024" },
  { on: "2025-11-02", series: "other", value: 5_000, why: "others leave; few new ones register" },
  { on: "2025-11-02", series: "departed", value: 53_000, why: "about 190 a week in 2025" },
  {
    on: "today",
    series: "total",
    value: 150_000,
    why: "about 150,000 expected at the transition (DOMAIN.md §1)",
  },
  { on: "today", series: "other", value: 4_900, why: "as before" },
  { on: "today", series: "places", value: 98_400, why: "the demo's own continuation" },
  { on: "today", series: "goo", value: 98_000, why: "the demo's own continuation" },
  { on: "today", series: "departed", value: 60_000, why: "about 140 a week in 2026" },
];

/** A rounded value further than this from the curve through its precise neighbours is an anchor. */
const ROUNDED_SLACK = 0.015;

interface Point {
  day: number;
  value: number;
  rounded: boolean;
  /** The row (0 for an assumption); a later row wins a tie. */
  line: number;
  /** A slope per day the smooth curve must have here. */
  slope?: number;
  /** A count of everybody registered, of which this is the Ukrainians' part. */
  total?: number;
}

export interface InflowWindow {
  /** Monday of the first of the three ISO weeks, Sunday of the last. */
  from: number;
  to: number;
  perWeek: number;
}

export interface HistoryTargets {
  /** Day number of index 0 (the RTB's start) and of the demo's today. */
  first: number;
  today: number;
  /** Daily values from `first`; they run on 60 days past today (the last trend). */
  ukrainian: Int32Array;
  other: Int32Array;
  goo: Int32Array;
  places: Int32Array;
  departed: Int32Array;
  /** Days with a published count of everybody registered (Ukrainians and others). */
  exactTotal: Map<number, number>;
  /** Days on which places and occupied places are made exact. */
  exactPlaces: Set<number>;
  exactGoo: Set<number>;
  windows: InflowWindow[];
  /** The last day a published row is read on. */
  lastPublished: number;
}

/** Linear between points (sorted by day); the first value before, the last trend after. */
function interpolateAt(points: readonly Point[], d: number): number | null {
  if (points.length === 0) return null;
  if (d <= points[0]!.day) return points[0]!.value;
  for (let k = 1; k < points.length; k++) {
    const b = points[k]!;
    if (d <= b.day) {
      const a = points[k - 1]!;
      return a.value + ((b.value - a.value) * (d - a.day)) / (b.day - a.day);
    }
  }
  const last = points[points.length - 1]!;
  const prev = points[points.length - 2];
  if (!prev) return last.value;
  return last.value + ((last.value - prev.value) * (d - last.day)) / (last.day - prev.day);
}

function curve(points: readonly Point[], first: number, length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.round(interpolateAt(points, first + i) ?? 0);
  return out;
}

/**
 * The slopes of a monotone cubic through the points (Fritsch and Carlson): the slope
 * changes smoothly at a point where a straight line would turn at once, and between two
 * points the curve never overshoots them. A point may prescribe its slope (the published
 * net inflow of its day).
 */
function slopesOf(points: readonly Point[]): number[] {
  const n = points.length;
  const delta = (k: number) =>
    (points[k + 1]!.value - points[k]!.value) / (points[k + 1]!.day - points[k]!.day);
  return points.map((p, k) => {
    if (p.slope !== undefined) return p.slope;
    if (n < 2) return 0;
    if (k === 0) return delta(0);
    if (k === n - 1) return delta(n - 2);
    const a = delta(k - 1);
    const b = delta(k);
    if (a * b <= 0) return 0;
    const h0 = points[k]!.day - points[k - 1]!.day;
    const h1 = points[k + 1]!.day - points[k]!.day;
    const w1 = 2 * h1 + h0;
    const w2 = h1 + 2 * h0;
    return (w1 + w2) / (w1 / a + w2 / b);
  });
}

/** The monotone cubic at day `d`: before the first point its value, after the last its trend. */
function smoothAt(points: readonly Point[], slopes: readonly number[], d: number): number | null {
  const n = points.length;
  if (n === 0) return null;
  if (d <= points[0]!.day) return points[0]!.value;
  const last = points[n - 1]!;
  if (d >= last.day) {
    if (n < 2) return last.value;
    const prev = points[n - 2]!;
    return last.value + ((last.value - prev.value) * (d - last.day)) / (last.day - prev.day);
  }
  let k = 0;
  while (points[k + 1]!.day < d) k++;
  const a = points[k]!;
  const b = points[k + 1]!;
  const h = b.day - a.day;
  const t = (d - a.day) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * a.value +
    (t3 - 2 * t2 + t) * h * slopes[k]! +
    (-2 * t3 + 3 * t2) * b.value +
    (t3 - t2) * h * slopes[k + 1]!
  );
}

function smooth(points: readonly Point[], first: number, length: number): Float64Array {
  const slopes = slopesOf(points);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = smoothAt(points, slopes, first + i) ?? 0;
  return out;
}

/**
 * Through the same points as `smooth`, but the way between two of them goes faster in some
 * weeks and slower in others (a weekly factor that drifts: AR(1), about ±17%; steady in the
 * `calm` weeks, around a published weekly inflow), and with `workdays` only on Monday to
 * Friday (the BRP registers on working days). The points themselves and everything after
 * the last stay exact.
 */
function variedCurve(
  points: readonly Point[],
  first: number,
  length: number,
  rng: Random,
  workdays: boolean,
  calm: (d: number) => boolean,
): Int32Array {
  const base = smooth(points, first, length);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.round(base[i]!);
  const weeks = Math.ceil(length / 7);
  const factor: number[] = [];
  let x = 0;
  for (let w = 0; w < weeks; w++) {
    x = 0.5 * x + 0.3 * (rng.next() + rng.next() + rng.next() - 1.5);
    factor.push(Math.max(0.3, 1 + x));
  }
  const weight = (d: number) => {
    const weekday = (new Date(d * 86_400_000).getUTCDay() + 6) % 7;
    if (workdays && weekday >= 5) return 0;
    return calm(d) ? 1 : factor[Math.floor((d - first) / 7)]!;
  };
  const step = (d: number) => {
    const i = d - first;
    return i > 0 && i < length ? base[i]! - base[i - 1]! : 0;
  };
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    let total = 0;
    for (let d = a.day + 1; d <= b.day; d++) total += step(d) * weight(d);
    if (total === 0) continue;
    let acc = 0;
    for (let d = a.day + 1; d <= b.day; d++) {
      acc += step(d) * weight(d);
      const i = d - first;
      if (i >= 0 && i < length) out[i] = Math.round(a.value + ((b.value - a.value) * acc) / total);
    }
  }
  return out;
}

function insertByDay(list: Point[], p: Point) {
  let k = 0;
  while (k < list.length && list[k]!.day < p.day) k++;
  list.splice(k, 0, p);
}

/**
 * One value per day (the more precise, then the later row), and a rounded value only where
 * the curve (`smooth` or straight) through the precise values around it misses it by more
 * than ROUNDED_SLACK.
 */
function resolve(points: readonly Point[], smoothly = false): Point[] {
  const byDay = new Map<number, Point>();
  for (const p of points) {
    const q = byDay.get(p.day);
    if (!q || (q.rounded && !p.rounded) || (q.rounded === p.rounded && p.line > q.line)) {
      byDay.set(p.day, p);
    }
  }
  const all = [...byDay.values()].sort((a, b) => a.day - b.day);
  const kept = all.filter((p) => !p.rounded);
  for (const p of all) {
    if (!p.rounded) continue;
    const at = smoothly ? smoothAt(kept, slopesOf(kept), p.day) : interpolateAt(kept, p.day);
    if (at === null || Math.abs(at - p.value) > ROUNDED_SLACK * p.value) insertByDay(kept, p);
  }
  return kept;
}

/** The whole numbers of occupied places that give `rate` at `decimals` of `realised`. */
function occupiedFor(realised: number, rate: number, decimals: number, near: number): number {
  for (let delta = 0; delta < realised; delta++) {
    for (const g of [near + delta, near - delta]) {
      if (g >= 0 && g <= realised && occupancyRate(g, realised, decimals) === rate) return g;
    }
  }
  throw new Error(`no occupied count gives ${rate}% of ${realised}`);
}

/** The realised places that give `rate` at `decimals` for `occupied`: [lowest, highest]. */
function realisedRange(occupied: number, rate: number, decimals: number): [number, number] {
  const h = 0.5 / 10 ** decimals;
  let lo = Math.floor((occupied * 100) / (rate + h)) - 1;
  let hi = Math.ceil((occupied * 100) / (rate - h)) + 1;
  while (occupancyRate(occupied, lo, decimals) !== rate) lo++;
  while (occupancyRate(occupied, hi, decimals) !== rate) hi--;
  return [lo, hi];
}

export function historyTargets(
  rows: readonly SeriesRow[],
  opts: { fraction: number; first: number; today: number; rng: Random },
): HistoryTargets {
  const { first, today, fraction, rng } = opts;
  const length = today - first + 61;
  const pts: Record<Series, Point[]> = {
    ukrainian: [],
    total: [],
    other: [],
    goo: [],
    places: [],
    departed: [],
  };
  for (const a of ASSUMPTIONS) {
    const d = a.on === "today" ? today : day(a.on);
    pts[a.series].push({ day: d, value: a.value, rounded: false, line: 0 });
  }
  interface Rate {
    day: number;
    rate: number;
    decimals: number;
    line: number;
    realised: number | null;
    occupied: number | null;
  }
  const rates: Rate[] = [];
  let lastPublished = first;
  for (const r of rows) {
    const d = day(r.on);
    lastPublished = Math.max(lastPublished, d);
    const point = (value: number, field: SeriesField | null, on = d): Point => ({
      day: on,
      value,
      rounded: field !== null && r.rounded.has(field),
      line: r.line,
    });
    if (r.registered) {
      pts[r.registered.measure].push(point(r.registered.value, "registered", day(r.registered.on)));
    }
    if (r.realised !== null) pts.places.push(point(r.realised, "realised"));
    if (r.occupied !== null) pts.goo.push(point(r.occupied, "occupied"));
    if (r.deregistered) {
      pts.departed.push(point(r.deregistered.ukrainian + r.deregistered.other, null));
    }
    if (r.otherRegistered !== null) pts.other.push(point(r.otherRegistered, null));
    if (r.occupancy) {
      rates.push({
        day: d,
        rate: r.occupancy.value,
        decimals: r.occupancy.decimals,
        line: r.line,
        realised: r.realised,
        occupied: r.occupied,
      });
    }
  }
  // A rate with one count gives the other; with the occupied count only, the realised
  // places of another row that day are moved into the rate's range (the rate is the more
  // precise: the letter of July 2023 against the RD's 78,000).
  const deferred: Rate[] = [];
  for (const r of rates) {
    if (r.realised !== null && r.occupied !== null) continue;
    if (r.occupied !== null) {
      const [lo, hi] = realisedRange(r.occupied, r.rate, r.decimals);
      const same = pts.places.filter((p) => p.day === r.day);
      if (same.length) {
        for (const p of same) {
          p.value = Math.min(hi, Math.max(lo, p.value));
          p.rounded = false;
        }
      } else {
        pts.places.push({
          day: r.day,
          value: Math.round((lo + hi) / 2),
          rounded: false,
          line: r.line,
        });
      }
    } else if (r.realised !== null) {
      const g = occupiedFor(
        r.realised,
        r.rate,
        r.decimals,
        Math.round((r.realised * r.rate) / 100),
      );
      pts.goo.push({ day: r.day, value: g, rounded: false, line: r.line });
    } else {
      deferred.push(r);
    }
  }
  // The registered curve rises on the rows with a published net inflow as fast as it.
  for (const r of rows) {
    if (r.weeklyInflow === null || r.registered?.measure !== "ukrainian") continue;
    const p = pts.ukrainian.find((x) => x.line === r.line);
    if (p) p.slope = r.weeklyInflow / 7;
  }
  // Others: the letters' counts; before the first, the same share of the Ukrainians.
  const ukrainianOnly = resolve(pts.ukrainian, true);
  const otherPoints = resolve(pts.other).filter((p) => p.line > 0 || p.value > 0);
  const firstOther = otherPoints.find((p) => p.line > 0);
  const other = new Int32Array(length);
  const share = firstOther ? firstOther.value / interpolateAt(ukrainianOnly, firstOther.day)! : 0;
  for (let i = 0; i < length; i++) {
    const d = first + i;
    other[i] =
      firstOther && d <= firstOther.day
        ? Math.round(share * interpolateAt(ukrainianOnly, d)!)
        : Math.round(interpolateAt(otherPoints, d) ?? 0);
  }
  // Counts of everybody registered are Ukrainians plus others.
  for (const p of pts.total) {
    pts.ukrainian.push({ ...p, value: p.value - other[p.day - first]!, total: p.value });
  }
  const resolved = {
    ukrainian: resolve(pts.ukrainian, true),
    goo: resolve(pts.goo),
    places: resolve(pts.places),
    departed: resolve(pts.departed, true),
  };
  // A rate without counts (21 April 2022): on the places' curve, the occupied places to it.
  for (const r of deferred) {
    const p = Math.round(interpolateAt(resolved.places, r.day)!);
    insertByDay(resolved.places, { day: r.day, value: p, rounded: false, line: r.line });
    const g = occupiedFor(p, r.rate, r.decimals, Math.round((p * r.rate) / 100));
    resolved.goo = resolved.goo.filter((x) => x.day !== r.day);
    insertByDay(resolved.goo, { day: r.day, value: g, rounded: false, line: r.line });
  }
  // A fraction of the nation (tests): every count scaled, the rates kept.
  if (fraction !== 1) {
    for (const list of Object.values(resolved)) {
      for (const p of list) {
        p.value = Math.round(p.value * fraction);
        if (p.slope !== undefined) p.slope *= fraction;
        if (p.total !== undefined) p.total = Math.round(p.total * fraction);
      }
    }
    for (let i = 0; i < length; i++) other[i] = Math.round(other[i]! * fraction);
    for (const r of rates) {
      const p = resolved.places.find((x) => x.day === r.day);
      const g = resolved.goo.find((x) => x.day === r.day);
      if (p && g) g.value = occupiedFor(p.value, r.rate, r.decimals, g.value);
    }
  }
  const windows = rows
    .filter((r) => r.weeklyInflow !== null)
    .map((r) => {
      const d = day(r.on);
      const monday = d - ((new Date(d * 86_400_000).getUTCDay() + 6) % 7);
      return { from: monday - 14, to: monday + 6, perWeek: r.weeklyInflow! * fraction };
    });
  const calm = (d: number) => windows.some((w) => w.from - 21 <= d && d <= w.to + 21);
  const targets: HistoryTargets = {
    first,
    today,
    ukrainian: variedCurve(resolved.ukrainian, first, length, rng, true, calm),
    other,
    goo: curve(resolved.goo, first, length),
    places: curve(resolved.places, first, length),
    departed: variedCurve(resolved.departed, first, length, rng, false, calm),
    exactTotal: new Map(
      resolved.ukrainian.filter((p) => p.total !== undefined).map((p) => [p.day, p.total!]),
    ),
    exactPlaces: new Set(resolved.places.map((p) => p.day).filter((d) => d <= today)),
    exactGoo: new Set(resolved.goo.map((p) => p.day).filter((d) => d <= today)),
    windows,
    lastPublished,
  };
  for (let i = 0; i < length; i++) {
    if (targets.goo[i]! > targets.places[i]!) {
      throw new Error(`history: more occupied than realised places on ${iso(first + i)}`);
    }
  }
  return targets;
}

// --- The simulation -----------------------------------------------------------------------

/** What the simulation asks of the demo's world (generate.ts): its people and places. */
export interface HistoryFactory {
  rng: Random;
  household(muni: Muni, arrival: number, maxSize: number): Household;
  location(muni: Muni, kind: LocationKind, places: number, open: number): Location;
  pooAddress(muni: Muni): Address;
  nextBsn(): string;
  otherNationality(): string;
}

type State = "new" | "waiting" | "goo" | "poo" | "own" | "gone";

interface Hh {
  h: Household;
  n: number;
  m: number;
  state: State;
  site: Site | null;
  unregistered: number;
  /** Position in each bag (-1: not in it). */
  pos: [number, number, number];
}

interface Site {
  l: Location;
  m: number;
  residents: Set<Hh>;
  open: boolean;
}

const ELIGIBLE = 0;
const IN_GOO = 1;
const IN_POO = 2;

/** Households to pick from at random, each added and removed in constant time. */
class Bag {
  private readonly items: Hh[] = [];
  persons = 0;
  constructor(private readonly slot: 0 | 1 | 2) {}
  get size() {
    return this.items.length;
  }
  add(h: Hh) {
    if (h.pos[this.slot] >= 0) return;
    h.pos[this.slot] = this.items.length;
    this.items.push(h);
    this.persons += h.n;
  }
  remove(h: Hh) {
    const i = h.pos[this.slot];
    if (i < 0) return;
    const last = this.items.pop()!;
    if (last !== h) {
      this.items[i] = last;
      last.pos[this.slot] = i;
    }
    h.pos[this.slot] = -1;
    this.persons -= h.n;
  }
  pick(rng: Random): Hh | undefined {
    return this.items[Math.floor(rng.next() * this.items.length)];
  }
}

interface Waiting {
  ready: number;
  seq: number;
  p: Person;
  hh: Hh;
}

/** Persons waiting to be registered, by the day they can be and then by arrival. */
class RegistrationQueue {
  private readonly heap: Waiting[] = [];
  get size() {
    return this.heap.length;
  }
  peek(): Waiting | undefined {
    return this.heap[0];
  }
  private less(a: Waiting, b: Waiting) {
    return a.ready < b.ready || (a.ready === b.ready && a.seq < b.seq);
  }
  push(w: Waiting) {
    const heap = this.heap;
    heap.push(w);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }
  pop(): Waiting | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  }
}

const TEMPORARY = new Set<LocationKind>(["emergency_hall", "hotel", "ship", "crisis_emergency"]);

/** The chance a location of a kind closes again, and after how many days. */
const CLOSES: Partial<Record<LocationKind, { chance: number; min: number; max: number }>> = {
  emergency_hall: { chance: 0.8, min: 120, max: 600 },
  hotel: { chance: 0.55, min: 180, max: 900 },
  ship: { chance: 0.7, min: 240, max: 800 },
  other: { chance: 0.12, min: 365, max: 1300 },
  houses: { chance: 0.02, min: 500, max: 1500 },
  flex_homes: { chance: 0.02, min: 500, max: 1500 },
};

/** The kinds of places opened, by period: halls and hotels first, flex homes later. */
function kindsOn(d: number): [LocationKind, number][] {
  if (d < day("2022-07-01")) {
    return [
      ["emergency_hall", 22],
      ["hotel", 20],
      ["ship", 4],
      ["other", 30],
      ["houses", 18],
      ["flex_homes", 6],
    ];
  }
  if (d < day("2023-07-01")) {
    return [
      ["emergency_hall", 8],
      ["hotel", 10],
      ["ship", 3],
      ["other", 30],
      ["houses", 27],
      ["flex_homes", 22],
    ];
  }
  return [
    ["emergency_hall", 3],
    ["hotel", 6],
    ["ship", 1],
    ["other", 25],
    ["houses", 25],
    ["flex_homes", 40],
  ];
}

/** The share of a day's free GOO places that goes to households arriving that day first. */
const NEWCOMERS_FIRST = 0.75;
/** Days before a registration can happen after arrival (then in arrival order). */
const REGISTRATION_DELAY: [number, number] = [1, 10];
/** Arrivals keep about this many days of registrations waiting. */
const LEAD_DAYS = 10;
/** A household can leave the country this many days after arriving. */
const MIN_STAY = 60;
/** Share of arriving households that never enter reception (family, an own home). */
const OWN_HOME_SHARE = 0.03;
/** Daily chance per person of leaving reception for an own home: private, municipal. */
const OWN_HOME_FROM_POO = 0.0002;
const OWN_HOME_FROM_GOO = 0.00004;

/** A day as the simulation counted it (registered on the day, in GOO, places, …). */
export interface DayFigures {
  ukrainian: number;
  other: number;
  goo: number;
  places: number;
  poo: number;
  /** Arrivals into reception minus those who left it, counted on the day they are gone. */
  net: number;
}

export class HistorySimulation {
  private readonly rng: Random;
  private readonly households: Household[] = [];
  private readonly sites: Site[][];
  private readonly free: number[];
  private readonly waitingPersons: number[];
  private readonly muniWeights: number[];
  private readonly cumulative: number[];
  private readonly eligible = new Bag(ELIGIBLE);
  private readonly inGoo = new Bag(IN_GOO);
  private readonly inPoo = new Bag(IN_POO);
  private readonly queue = new RegistrationQueue();
  private readonly eligibleOn = new Map<number, Hh[]>();
  private readonly closing = new Map<number, Site[]>();
  private readonly allSites: Site[] = [];
  private waiting: Hh[] = [];
  private waitHead = 0;
  private waitLive = 0;
  private seq = 0;
  private ukrainian = 0;
  private other = 0;
  private goo = 0;
  private places = 0;
  private depCarry = 0;
  private ownCarry = [0, 0];
  private netToday = 0;
  private windowNet = 0;
  private today: Hh[] = [];
  /** Every day's figures, from the first day on. */
  readonly figures: DayFigures[] = [];

  constructor(
    private readonly factory: HistoryFactory,
    private readonly munis: Muni[],
    private readonly targets: HistoryTargets,
    private readonly progress: (m: string) => void = () => {},
  ) {
    this.rng = factory.rng;
    this.sites = munis.map(() => []);
    this.free = munis.map(() => 0);
    this.waitingPersons = munis.map(() => 0);
    const total = munis.reduce((s, m) => s + m.persons, 0);
    this.muniWeights = munis.map((m) => m.persons / total);
    let acc = 0;
    this.cumulative = this.muniWeights.map((w) => (acc += w));
  }

  /** The households, in order of arrival, with their members, placements and departure. */
  run(): Household[] {
    const t = this.targets;
    for (let d = t.first; d <= t.today; d++) {
      this.step(d);
      if ((d - t.first) % 365 === 364) this.progress(`history: ${iso(d)}`);
    }
    this.finish();
    return this.households;
  }

  private step(d: number) {
    const t = this.targets;
    const i = d - t.first;
    this.netToday = 0;
    this.today = [];
    this.departures(d, i);
    this.ownHomes(d);
    for (const site of this.closing.get(d) ?? []) this.close(site, d);
    this.register(d, i);
    // Places: at least the curve (new places open whole), trimmed when far above it.
    const pt = t.places[i]!;
    while (this.places < pt) this.addPlaces(d);
    if (this.places - pt > Math.max(300 * Math.min(1, pt / 30_000), pt * 0.01)) {
      this.shrink(this.places - pt, d);
    }
    this.arrivals(d, i);
    this.fill(d, i);
    if (t.exactPlaces.has(d)) {
      if (this.places > pt) this.shrink(this.places - pt, d);
      while (this.places < pt) this.grow(pt - this.places, d);
    }
    // Who arrived today and found no GOO place waits in private reception.
    for (const hh of this.today) {
      if (hh.state !== "new") continue;
      hh.h.segments.push(this.pooSegment(hh, d, "arrival"));
      hh.state = "waiting";
      this.inPoo.add(hh);
    }
    const w = this.windowOf(d);
    this.windowNet = w ? (d === w.from ? 0 : this.windowNet) + this.netToday : 0;
    for (const hh of this.eligibleOn.get(d) ?? []) if (hh.state !== "gone") this.eligible.add(hh);
    this.eligibleOn.delete(d);
    this.figures.push({
      ukrainian: this.ukrainian,
      other: this.other,
      goo: this.goo,
      places: this.places,
      poo: this.inPoo.persons,
      net: this.netToday,
    });
  }

  private windowOf(d: number) {
    return this.targets.windows.find((w) => w.from <= d && d <= w.to);
  }

  // Leaving ---------------------------------------------------------------------------------

  /** As many persons as the curve asks leave the country; their last day is yesterday. */
  private departures(d: number, i: number) {
    const t = this.targets;
    let owed = t.departed[i]! - (i > 0 ? t.departed[i - 1]! : 0) + this.depCarry;
    for (let tries = 0; owed > 0 && tries < 200 && this.eligible.size > 0; ) {
      const hh = this.eligible.pick(this.rng)!;
      if (hh.unregistered > 0) {
        tries++;
        continue;
      }
      this.leave(hh, d - 1);
      owed -= hh.n;
    }
    this.depCarry = owed;
  }

  private leave(hh: Hh, last: number) {
    hh.h.departure = last;
    this.leaveReception(hh, last);
    this.eligible.remove(hh);
    for (const { person } of hh.h.members) {
      if (person.brpDate === null) continue;
      if (person.nationality === "0034") this.ukrainian--;
      else this.other--;
    }
    hh.state = "gone";
  }

  /** Ends the stay in reception (if any) with `last` as its last day. */
  private leaveReception(hh: Hh, last: number) {
    const seg = hh.h.segments[hh.h.segments.length - 1];
    if (seg && seg.end === null) {
      seg.end = last;
      this.netToday -= hh.n;
    }
    if (hh.state === "goo") this.leaveSite(hh);
    if (hh.state === "waiting" || hh.state === "new") {
      this.waitingPersons[hh.m]! -= hh.n;
      this.waitLive--;
    }
    this.inGoo.remove(hh);
    this.inPoo.remove(hh);
  }

  private leaveSite(hh: Hh) {
    const site = hh.site!;
    site.l.occupied -= hh.n;
    site.residents.delete(hh);
    if (site.open) this.free[site.m]! += hh.n;
    this.goo -= hh.n;
    hh.site = null;
  }

  /** Some leave reception for a home of their own (rented, or with family). */
  private ownHomes(d: number) {
    const bags: [Bag, number][] = [
      [this.inPoo, OWN_HOME_FROM_POO],
      [this.inGoo, OWN_HOME_FROM_GOO],
    ];
    bags.forEach(([bag, rate], k) => {
      let owed = bag.persons * rate + this.ownCarry[k]!;
      for (let tries = 0; owed >= 1 && tries < 50 && bag.size > 0; ) {
        const hh = bag.pick(this.rng)!;
        if (hh.h.arrival > d - 91) {
          tries++;
          continue;
        }
        this.leaveReception(hh, d - 1);
        hh.state = "own";
        owed -= hh.n;
      }
      this.ownCarry[k] = owed;
    });
  }

  // Registering -----------------------------------------------------------------------------

  /** Registers, in arrival order, exactly as many Ukrainians and others as the curves ask. */
  private register(d: number, i: number) {
    const t = this.targets;
    // On a day with a count of everybody, the Ukrainians make it up with the others there
    // are (who can only become fewer by leaving).
    const total = t.exactTotal.get(d);
    const target =
      total === undefined ? t.ukrainian[i]! : total - Math.max(this.other, t.other[i]!);
    let ukrainians = target - this.ukrainian;
    let others = t.other[i]! - this.other;
    while (ukrainians > 0 || others > 0) {
      const w = this.queue.peek();
      if (!w || w.ready > d) break;
      const adult = addYears(w.p.birth, 18) <= d;
      let other = false;
      if (
        others > 0 &&
        adult &&
        (ukrainians <= 0 || this.rng.next() * (ukrainians + others) < others)
      ) {
        other = true;
      } else if (ukrainians <= 0) {
        break;
      }
      this.queue.pop();
      w.p.brpDate = d;
      w.p.bsn = this.factory.nextBsn();
      w.p.nationality = other ? this.factory.otherNationality() : "0034";
      w.hh.unregistered--;
      if (other) {
        others--;
        this.other++;
      } else {
        ukrainians--;
        this.ukrainian++;
      }
    }
  }

  // Arriving --------------------------------------------------------------------------------

  private arrivals(d: number, i: number) {
    const t = this.targets;
    const w = this.windowOf(d);
    if (w) {
      // The published net inflow, person by person over the window's days.
      const want = Math.round((w.perWeek * (d - w.from + 1)) / 7);
      const sofar = (d === w.from ? 0 : this.windowNet) + this.netToday;
      this.arrive(want - sofar, d, true, false);
      return;
    }
    // Registrations to come: arrivals follow their rate and close a tenth of the gap to
    // LEAD_DAYS of them waiting each day; never fewer than the next four days need.
    const need = (k: number) => {
      const at = Math.min(k, t.ukrainian.length - 1);
      return t.ukrainian[at]! + t.other[at]! + t.departed[at]!;
    };
    const ahead = need(i + LEAD_DAYS) - need(i);
    const gap = ahead - this.queue.size;
    const persons = Math.max(
      need(i + 4) - need(i) - this.queue.size,
      ahead / LEAD_DAYS + 0.1 * gap,
    );
    this.arrive(Math.round(persons), d, false, false);
  }

  /**
   * Households arriving today with `persons` members together (`exact`: no more, and all
   * into reception). `seeking`: all of them seek a GOO place.
   */
  private arrive(persons: number, d: number, exact: boolean, seeking: boolean) {
    const rng = this.rng;
    while (persons > 0) {
      const m = this.pickMuni();
      const h = this.factory.household(this.munis[m]!, d, exact ? Math.min(8, persons) : 8);
      const hh: Hh = {
        h,
        n: h.members.length,
        m,
        state: "new",
        site: null,
        unregistered: h.members.length,
        pos: [-1, -1, -1],
      };
      persons -= hh.n;
      this.households.push(h);
      for (const { person } of h.members) {
        this.queue.push({
          ready: d + rng.int(REGISTRATION_DELAY[0], REGISTRATION_DELAY[1]),
          seq: this.seq++,
          p: person,
          hh,
        });
      }
      const stay = d + MIN_STAY + 1;
      const list = this.eligibleOn.get(stay);
      if (list) list.push(hh);
      else this.eligibleOn.set(stay, [hh]);
      if (!exact && !seeking && rng.chance(OWN_HOME_SHARE)) {
        hh.state = "own";
        continue;
      }
      this.netToday += hh.n;
      if (seeking || h.seeksGoo) {
        this.waiting.push(hh);
        this.waitLive++;
        this.waitingPersons[m]! += hh.n;
        this.today.push(hh);
      } else {
        h.segments.push(this.pooSegment(hh, d, "arrival"));
        hh.state = "poo";
        this.inPoo.add(hh);
      }
    }
  }

  private pickMuni(): number {
    const u = this.rng.next();
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Placing ---------------------------------------------------------------------------------

  /**
   * Households move into free GOO places up to the curve: most of the day's places go to
   * those who arrived today, then those waiting in private reception longest, then the
   * rest of today's.
   */
  private fill(d: number, i: number) {
    const target = this.targets.goo[i]!;
    let deficit = target - this.goo;
    if (deficit <= 0) return;
    const tryPlace = (hh: Hh, limit: number) => {
      if (hh.state !== "waiting" && hh.state !== "new") return;
      if (hh.n > limit || this.free[hh.m]! < hh.n) return;
      const site = this.pickSite(hh.m, hh.n);
      if (!site) return;
      this.place(hh, site, d);
      deficit -= hh.n;
    };
    const newcomers = Math.ceil(NEWCOMERS_FIRST * deficit);
    let placed = 0;
    for (const hh of this.today) {
      if (placed >= newcomers) break;
      const before = deficit;
      tryPlace(hh, Math.min(deficit, newcomers - placed));
      placed += before - deficit;
    }
    this.compactWaiting();
    for (let k = this.waitHead; k < this.waiting.length && deficit > 0; k++) {
      tryPlace(this.waiting[k]!, deficit);
    }
    // Nobody waiting fits: a host arrangement ends and the household moves into GOO.
    for (let tries = 0; deficit > 0 && tries < 4 * deficit && this.inPoo.size > 0; tries++) {
      const hh = this.inPoo.pick(this.rng)!;
      if (hh.state !== "poo" || hh.n > deficit || this.free[hh.m]! < hh.n) continue;
      const site = this.pickSite(hh.m, hh.n);
      if (!site) continue;
      this.place(hh, site, d);
      deficit -= hh.n;
    }
    const exact = this.targets.exactGoo.has(d);
    if (deficit <= 0 || (!exact && deficit < target * 0.003)) return;
    // Free places where nobody waits: places grow where households wait.
    for (let k = this.waitHead; k < this.waiting.length && deficit > 0; k++) {
      const hh = this.waiting[k]!;
      if ((hh.state !== "waiting" && hh.state !== "new") || hh.n > deficit) continue;
      this.place(hh, this.roomFor(hh.m, hh.n, d), d);
      deficit -= hh.n;
    }
    // Nobody waiting of a size that fits: newcomers, straight into GOO.
    while (deficit > 0) {
      const before = this.today.length;
      this.arrive(deficit, d, true, true);
      for (const hh of this.today.slice(before)) {
        this.place(hh, this.roomFor(hh.m, hh.n, d), d);
        deficit -= hh.n;
      }
    }
  }

  private compactWaiting() {
    const live = (hh: Hh) => hh.state === "waiting" || hh.state === "new";
    while (this.waitHead < this.waiting.length && !live(this.waiting[this.waitHead]!)) {
      this.waitHead++;
    }
    if (this.waiting.length - this.waitHead > 2 * this.waitLive + 1000) {
      this.waiting = this.waiting.slice(this.waitHead).filter(live);
      this.waitHead = 0;
    }
  }

  private place(hh: Hh, site: Site, d: number) {
    const segs = hh.h.segments;
    let reason: PlacementReason = "arrival";
    const cur = segs[segs.length - 1];
    if ((hh.state === "waiting" || hh.state === "poo") && cur && cur.end === null) {
      if (cur.start === d) {
        // Came to private reception only today (arrived, or its location closed): goes on.
        segs.pop();
        reason = cur.reason === "moved_to_private_reception" ? "location_closed" : cur.reason;
      } else {
        cur.end = d - 1;
        reason = "moved_from_private_reception";
      }
    }
    if (hh.state === "waiting" || hh.state === "new") {
      this.waitingPersons[hh.m]! -= hh.n;
      this.waitLive--;
    }
    this.inPoo.remove(hh);
    segs.push({ start: d, end: null, location: site.l, address: null, reason });
    this.enter(hh, site);
  }

  private enter(hh: Hh, site: Site) {
    site.l.occupied += hh.n;
    site.residents.add(hh);
    this.free[site.m]! -= hh.n;
    this.goo += hh.n;
    hh.site = site;
    hh.state = "goo";
    this.inGoo.add(hh);
  }

  /** An open location of the municipality with room for `n`, by its free places. */
  private pickSite(m: number, n: number): Site | null {
    let total = 0;
    const fits: Site[] = [];
    for (const s of this.sites[m]!) {
      const free = s.l.places - s.l.occupied;
      if (free >= n) {
        fits.push(s);
        total += free;
      }
    }
    if (fits.length === 0) return null;
    let r = this.rng.next() * total;
    for (const s of fits) {
      r -= s.l.places - s.l.occupied;
      if (r < 0) return s;
    }
    return fits[fits.length - 1]!;
  }

  /** A location of the municipality with room for `n`: one that fits, or one grown to. */
  private roomFor(m: number, n: number, d: number): Site {
    const fit = this.pickSite(m, n);
    if (fit) return fit;
    const lasting = this.sites[m]!.filter((s) => !TEMPORARY.has(s.l.kind));
    const pool = lasting.length ? lasting : this.sites[m]!;
    if (pool.length === 0) return this.open(m, "other", Math.max(n, 15) + this.rng.int(0, 10), d);
    const site = this.rng.pick(pool);
    this.setPlaces(site, site.l.occupied + n, d);
    return site;
  }

  private pooSegment(hh: Hh, d: number, reason: PlacementReason) {
    return {
      start: d,
      end: null,
      location: null,
      address: this.factory.pooAddress(this.munis[hh.m]!),
      reason,
    };
  }

  // Places ----------------------------------------------------------------------------------

  /** A municipality for new places: where households wait, else by size. */
  private placesMuni(): number {
    const weights = this.waitingPersons.map((w, m) => w + 20 * this.muniWeights[m]!);
    let total = 0;
    for (const w of weights) total += w;
    let r = this.rng.next() * total;
    for (let m = 0; m < weights.length; m++) {
      r -= weights[m]!;
      if (r < 0) return m;
    }
    return weights.length - 1;
  }

  /** New places: a location grows, or a new one opens. */
  private addPlaces(d: number) {
    const rng = this.rng;
    const m = this.placesMuni();
    const lasting = this.sites[m]!.filter((s) => !TEMPORARY.has(s.l.kind) && s.l.open < d);
    if (lasting.length && rng.chance(0.25)) {
      const site = rng.pick(lasting);
      this.setPlaces(site, site.l.places + rng.int(4, 40), d);
      return;
    }
    const kind = rng.weighted(kindsOn(d));
    const [min, max] = LOCATION_SIZES[kind];
    this.open(m, kind, rng.int(min, max), d);
  }

  /** Exactly `amount` places more, in one location. */
  private grow(amount: number, d: number) {
    const m = this.placesMuni();
    const lasting = this.sites[m]!.filter((s) => !TEMPORARY.has(s.l.kind));
    if (lasting.length) {
      const site = this.rng.pick(lasting);
      this.setPlaces(site, site.l.places + amount, d);
    } else {
      this.open(m, amount >= 24 ? "flex_homes" : "houses", amount, d);
    }
  }

  private open(m: number, kind: LocationKind, places: number, d: number): Site {
    const l = this.factory.location(this.munis[m]!, kind, places, d);
    const site: Site = { l, m, residents: new Set(), open: true };
    this.sites[m]!.push(site);
    this.allSites.push(site);
    this.places += places;
    this.free[m]! += places;
    const plan = CLOSES[kind];
    if (plan && this.rng.chance(plan.chance)) {
      const on = d + this.rng.int(plan.min, plan.max);
      if (on < this.targets.today - 14) {
        const list = this.closing.get(on);
        if (list) list.push(site);
        else this.closing.set(on, [site]);
      }
    }
    return site;
  }

  private setPlaces(site: Site, places: number, d: number) {
    const delta = places - site.l.places;
    site.l.places = places;
    this.places += delta;
    this.free[site.m]! += delta;
    const schedule = site.l.schedule!;
    const last = schedule[schedule.length - 1]!;
    if (last[0] === d) last[1] = places;
    else schedule.push([d, places]);
  }

  /** Fewer places: free places go, temporary locations and the emptiest first. */
  private shrink(amount: number, d: number) {
    const candidates: Site[] = [];
    for (const list of this.sites) {
      for (const s of list) if (s.l.places > s.l.occupied && s.l.open < d) candidates.push(s);
    }
    candidates.sort(
      (a, b) =>
        Number(TEMPORARY.has(b.l.kind)) - Number(TEMPORARY.has(a.l.kind)) ||
        b.l.places - b.l.occupied - (a.l.places - a.l.occupied) ||
        a.l.id - b.l.id,
    );
    for (const s of candidates) {
      if (amount <= 0) break;
      const take = Math.min(amount, s.l.places - s.l.occupied);
      amount -= take;
      if (take === s.l.places) this.shut(s, d);
      else this.setPlaces(s, s.l.places - take, d);
    }
  }

  /** An empty location closes: realised until yesterday. */
  private shut(site: Site, d: number) {
    this.places -= site.l.places;
    this.free[site.m]! -= site.l.places - site.l.occupied;
    site.open = false;
    site.l.closedFrom = d;
    const list = this.sites[site.m]!;
    list.splice(list.indexOf(site), 1);
  }

  /**
   * A temporary location closes as planned: its residents move to other locations of the
   * municipality (a new one opens when there is not enough room), else to private
   * reception, where they wait for a place again.
   */
  private close(site: Site, d: number) {
    if (!site.open || site.l.open >= d) return;
    const residents = [...site.residents];
    const persons = site.l.occupied;
    this.shut(site, d);
    if (persons > 0 && this.free[site.m]! < persons) {
      this.open(
        site.m,
        d < day("2023-07-01") ? "other" : "flex_homes",
        persons + this.rng.int(0, 20),
        d,
      );
    }
    for (const hh of residents) {
      site.l.occupied -= hh.n;
      site.residents.delete(hh);
      this.goo -= hh.n;
      this.inGoo.remove(hh);
      const seg = hh.h.segments[hh.h.segments.length - 1]!;
      seg.end = d - 1;
      const target = this.pickSite(site.m, hh.n);
      if (target) {
        hh.h.segments.push({
          start: d,
          end: null,
          location: target.l,
          address: null,
          reason: "location_closed",
        });
        this.enter(hh, target);
      } else {
        hh.site = null;
        hh.h.segments.push(this.pooSegment(hh, d, "moved_to_private_reception"));
        hh.state = "waiting";
        this.inPoo.add(hh);
        this.waiting.push(hh);
        this.waitLive++;
        this.waitingPersons[hh.m]! += hh.n;
      }
    }
  }

  // The end ---------------------------------------------------------------------------------

  /** Capacities per period; and flex homes planned for next year in some municipalities. */
  private finish() {
    for (const site of this.allSites) normalise(site.l);
    const rng = this.rng;
    this.munis.forEach((muni, m) => {
      if (!rng.chance(Math.min(0.8, 0.1 + 20 * this.muniWeights[m]!))) return;
      const l = this.factory.location(muni, "flex_homes", rng.int(40, 160), this.targets.today);
      l.schedule = undefined;
      l.planned = true;
      l.open = rng.int(day("2027-01-01"), day("2027-09-01"));
    });
  }
}

/** One capacity per period: no change to the same figure, nothing from the closing day on. */
function normalise(l: Location) {
  const out: [number, number][] = [];
  for (const [from, places] of l.schedule ?? []) {
    if (l.closedFrom !== null && from >= l.closedFrom) continue;
    const last = out[out.length - 1];
    if (last && last[0] === from) last[1] = places;
    else if (last && last[1] === places) continue;
    else out.push([from, places]);
  }
  l.schedule = out;
}
