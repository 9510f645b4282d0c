/**
 * What the funding page shows, kept in the address so that a claim can be bookmarked,
 * reloaded and gone back to: `/funding?from=2024-01-01&to=2024-12-31&location=12`. Without
 * a period the page shows this year up to today (not written in the address, so a bookmark
 * of it stays current); `location` opens that location's days.
 */
import { todayNl } from "../../format";
import type { Period } from "./api";

export const PAGE_PATH = "/funding";

export interface View {
  period: Period;
  /** The location whose days are shown; null: the claim. */
  location: number | null;
}

/** The longest value the API takes for a date; longer is cut, so the field shows it. */
const MAX_DATE_LENGTH = 12;

/** This year up to today: the page's period when the address names none. */
export function defaultPeriod(today: string = todayNl()): Period {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The periods offered with one click. */
export const PRESETS = ["thisYear", "lastYear"] as const;
export type Preset = (typeof PRESETS)[number];

export function presetPeriod(preset: Preset, today: string = todayNl()): Period {
  if (preset === "thisYear") return defaultPeriod(today);
  const year = Number(today.slice(0, 4)) - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The view in the address. The dates are passed on as written (cut to a date's length):
 * the server checks them and names the field that is wrong, in words the page translates.
 */
export function readView(params: URLSearchParams, today: string = todayNl()): View {
  const fallback = defaultPeriod(today);
  const date = (name: "from" | "to") => {
    const value = params.get(name)?.trim().slice(0, MAX_DATE_LENGTH);
    return value ? value : null;
  };
  const from = date("from");
  const to = date("to");
  const period =
    from === null && to === null
      ? fallback
      : { from: from ?? fallback.from, to: to ?? fallback.to };
  const raw = params.get("location") ?? "";
  const location = /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
  return { period, location };
}

/** The address of a view; this year up to today is left out. */
export function viewHref(view: View, today: string = todayNl()): string {
  const params = new URLSearchParams();
  const fallback = defaultPeriod(today);
  if (view.period.from !== fallback.from || view.period.to !== fallback.to) {
    params.set("from", view.period.from);
    params.set("to", view.period.to);
  }
  if (view.location !== null) params.set("location", String(view.location));
  const text = params.toString();
  return text ? `${PAGE_PATH}?${text}` : PAGE_PATH;
}
