/**
 * The published national series, ../shared/data/nl_ukraine_reception_timeseries.csv, as the
 * history seed and its test read it (docs/forecast.md, "The history"). One place for the
 * reading, so that the seed follows and the test checks the same figure on the same day:
 *
 * - the day a row is read on: its date when dated to the day; a month row's day is chosen
 *   in MONTH_READING (from what the row says about it), else the 15th;
 * - a BRP count "up to Tuesday morning" is the count of the day before;
 * - a registered count of "ontheemden" / "displaced persons" is everybody registered with
 *   temporary protection; otherwise Ukrainian nationality (the letters until 2024);
 * - a value is approximate when its row is not dated to the day, or when a note gives it
 *   rounded or in words ("bijna 95.000", "ruim 76.000", "ongeveer", "rounded figures"):
 *   approximate values match within 3%, the others within 0.5% (TOLERANCE, toleranceOf);
 * - the letters' notes carry the deregistered and other-nationality counts.
 *
 * The file is read where it lies, never copied: `../shared/data` beside the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const TIMESERIES_FILE = "nl_ukraine_reception_timeseries.csv";

/** Relative tolerance of a row's counts. */
export const TOLERANCE = { day: 0.005, approximate: 0.03 } as const;

/**
 * The day a row dated by its month is read on, with the reason (docs/forecast.md).
 * A month row not listed here is read on the 15th.
 */
export const MONTH_READING: Record<string, { on: string; why: string }> = {
  "2022-05": {
    on: "2022-05-12",
    why: "a Thursday in May between the ND articles of 28 April and 26 May; the 12th lies where the row's counts fall between theirs",
  },
  "2022-08": { on: "2022-08-15", why: "the middle of the month (rounded figures)" },
  "2022-09": { on: "2022-09-19", why: "a Monday in September, after the ND article of August" },
  "2023-07": {
    on: "2023-07-01",
    why: "the letter was sent after 28 June 2023; its figures are read on 1 July, the day the RD article gives the places",
  },
  "2023-09": {
    on: "2023-09-15",
    why: "the middle of the month, after the 97,000 request of 4 September",
  },
  "2024-03": {
    on: "2024-03-01",
    why: "early March, figures for the previous week: the Friday of the week before 4 March",
  },
};

const ROUNDED_WORDS = /\b(bijna|ruim|iets meer dan|meer dan|ongeveer|rounded)\b/i;
const ALL_DISPLACED = /ontheemden|displaced persons/i;
const MORNING = /\bup to \w+ morning\b/i;

export type RegisteredMeasure = "ukrainian" | "total";
export type SeriesField = "registered" | "realised" | "occupied";

export interface SeriesRow {
  /** 1-based row number below the header. */
  line: number;
  /** The date as the file gives it: YYYY-MM-DD or YYYY-MM. */
  date: string;
  precision: string;
  /** The day the row's places and occupancy are read on. */
  on: string;
  /** Dated to the day (else a week, a month, "a Thursday"). */
  toDay: boolean;
  /** The counts a note gives rounded or in words. */
  rounded: Set<SeriesField>;
  /** `on`: the day the BRP count is read on (the day before for a morning count). */
  registered: { value: number; on: string; measure: RegisteredMeasure } | null;
  realised: number | null;
  occupied: number | null;
  /** The bezettingsgraad as published, with the number of decimals it was given with. */
  occupancy: { value: number; decimals: number } | null;
  free: number | null;
  /** Net inflow per week, averaged over the three ISO weeks up to the week of `on`. */
  weeklyInflow: number | null;
  targetPlaces: number | null;
  /** From a letter's note: deregistered since the start, Ukrainians and others. */
  deregistered: { ukrainian: number; other: number } | null;
  /** From a letter's note: registered persons of another nationality. */
  otherRegistered: number | null;
  brpNote: string;
  targetNote: string;
  source: string;
}

/**
 * `../shared/data` beside the repository: the folder above the nearest one holding
 * package.json, found from this file (src/db/demo in the sources, dist/node-… when built).
 */
export function sharedDataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return path.resolve(dir, "../shared/data");
    const up = path.dirname(dir);
    if (up === dir) throw new Error("no package.json above the demo generator");
    dir = up;
  }
}

export function timeseriesPath(): string {
  return path.join(sharedDataDir(), TIMESERIES_FILE);
}

const num = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));

function decimalsOf(s: string): number {
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The rows of the published series, read as described above. */
export function readTimeseries(file = timeseriesPath()): SeriesRow[] {
  const records: Record<string, string>[] = parse(readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
  });
  return records.map((r, i) => {
    const date = r.date!;
    const precision = r.date_precision ?? "";
    const on = date.length === 10 ? date : (MONTH_READING[date]?.on ?? `${date.slice(0, 7)}-15`);
    const brpNote = r.brp_note ?? "";
    const targetNote = r.target_note ?? "";
    const registered = num(r.brp_registered);
    const realised = num(r.places_realized);
    const occupied = num(r.places_occupied);
    const occupancy = r.occupancy_pct?.trim()
      ? { value: Number(r.occupancy_pct), decimals: decimalsOf(r.occupancy_pct.trim()) }
      : null;
    const dereg = /plus (\d+) deregistered/i.exec(brpNote);
    const other = /(\d+) other nationality registered and (\d+) of those deregistered/i.exec(
      brpNote,
    );
    return {
      line: i + 1,
      date,
      precision,
      on,
      toDay: date.length === 10 && precision.startsWith("day"),
      rounded: roundedFields(brpNote, targetNote, { registered, realised, occupied }),
      registered:
        registered === null
          ? null
          : {
              value: registered,
              on: MORNING.test(brpNote) ? dayBefore(on) : on,
              measure: ALL_DISPLACED.test(brpNote) ? "total" : "ukrainian",
            },
      realised,
      occupied,
      occupancy,
      free: num(r.free_places),
      weeklyInflow: num(r.weekly_inflow),
      targetPlaces: num(r.target_places),
      deregistered:
        dereg && other ? { ukrainian: Number(dereg[1]), other: Number(other[2]) } : null,
      otherRegistered: other ? Number(other[1]) : null,
      brpNote,
      targetNote,
      source: r.source_title ?? "",
    };
  });
}

/**
 * The counts a row's notes give rounded or in words: the BRP note's words are about the
 * registered count; "rounded figures" or "(rounded)" in the other note about all of the
 * row's counts; a count quoted there in words ("'ruim 76.000' in municipal reception")
 * about the count of that value.
 */
function roundedFields(
  brpNote: string,
  targetNote: string,
  values: Record<SeriesField, number | null>,
): Set<SeriesField> {
  const out = new Set<SeriesField>();
  const fields = Object.keys(values) as SeriesField[];
  if (ROUNDED_WORDS.test(brpNote)) out.add("registered");
  if (/rounded figures|\(rounded\)/i.test(targetNote)) {
    for (const f of fields) if (values[f] !== null) out.add(f);
  }
  for (const m of targetNote.matchAll(
    /'(?:bijna|ruim|iets meer dan|meer dan|ongeveer) ([\d.]+)/gi,
  )) {
    const n = Number(m[1]!.replaceAll(".", ""));
    for (const f of fields) if (values[f] === n) out.add(f);
  }
  return out;
}

/** The relative tolerance of a row's count: 3% when approximate, else 0.5%. */
export function toleranceOf(row: SeriesRow, field: SeriesField): number {
  return row.toDay && !row.rounded.has(field) ? TOLERANCE.day : TOLERANCE.approximate;
}

/**
 * occupied ÷ realised in %, rounded half up to `decimals` decimals, in integers (as the
 * occupancy module's bezettingsgraad for one decimal); null without places.
 */
export function occupancyRate(occupied: number, realised: number, decimals = 1): number | null {
  if (realised <= 0) return null;
  const scale = 10 ** decimals;
  return Math.floor((occupied * 200 * scale + realised) / (2 * realised)) / scale;
}
