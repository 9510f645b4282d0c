/**
 * Where the dashboard looks, kept in the address so that a view can be linked, reloaded and
 * gone back to: `?on=2026-12-05&level=gemeente&code=GM0344&trail=PV26.VR09`. `trail` holds
 * the codes of the units above (province, region, municipality), so the breadcrumb can name
 * them; a view without a (fitting) trail still shows, its breadcrumb then skips them.
 */
import { LEVELS, type Level } from "./api";

export const PAGE_PATH = "/national";

export interface View {
  /** The date asked for; null: today (not written in the address). */
  on: string | null;
  level: Level;
  /** Null for the nation. */
  code: string | null;
  /** The codes of the units between the nation and this one, from the top. */
  trail: string[];
}

export const NATION: View = { on: null, level: "nation", code: null, trail: [] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{1,20}$/;

/** How many units lie between the nation and a unit of this level. */
export function depthOf(level: Level): number {
  return Math.max(0, LEVELS.indexOf(level) - 1);
}

export function readView(params: URLSearchParams): View {
  const on = params.get("on");
  const date = on && ISO_DATE.test(on) ? on : null;
  const level = params.get("level");
  const code = params.get("code");
  if (!level || level === "nation" || !(LEVELS as readonly string[]).includes(level)) {
    return { ...NATION, on: date };
  }
  if (!code || !CODE.test(code)) return { ...NATION, on: date };
  const asked = (params.get("trail") ?? "").split(".").filter(Boolean);
  const fits = asked.length === depthOf(level as Level) && asked.every((c) => CODE.test(c));
  return { on: date, level: level as Level, code, trail: fits ? asked : [] };
}

/** The address of a view. */
export function viewHref(view: View): string {
  const params = new URLSearchParams();
  if (view.on) params.set("on", view.on);
  if (view.level !== "nation" && view.code) {
    params.set("level", view.level);
    params.set("code", view.code);
    if (view.trail.length) params.set("trail", view.trail.join("."));
  }
  const text = params.toString();
  return text ? `${PAGE_PATH}?${text}` : PAGE_PATH;
}

/** The view of one of `view`'s units (a unit one level down). */
export function drillDown(view: View, unit: { level: Level; code: string }): View {
  const trail = view.level === "nation" ? [] : [...view.trail, view.code ?? ""];
  return {
    on: view.on,
    level: unit.level,
    code: unit.code,
    trail: trail.length === depthOf(unit.level) && trail.every(Boolean) ? trail : [],
  };
}

/** The units above `view` (below the nation), each with its level, from the top. */
export function ancestorsOf(view: View): { level: Level; code: string; trail: string[] }[] {
  return view.trail.map((code, index) => ({
    level: LEVELS[index + 1] as Level,
    code,
    trail: view.trail.slice(0, index),
  }));
}
