/**
 * The national view's calls to the Opvang API (src/modules/national, docs/api-national.md):
 * the figures of a unit and its units one level down on a date, the flows per ISO week, the
 * Verzamelbrief's figures paragraph and the open-data files. Aggregates only: no answer holds
 * a name, BSN or address. The page takes a `NationalApi`, so tests can pass a fake.
 */
import type { LocationKind, LocationStatus } from "../../../../src/domain/enums";
import { ApiError, errorFromResponse, request } from "../../api";

export { LOCATION_KINDS, LOCATION_STATUSES } from "../../../../src/domain/enums";
export type { LocationKind, LocationStatus };

/** The hierarchy, from the top: each level's units are the level below it. */
export const LEVELS = ["nation", "province", "region", "gemeente", "location"] as const;
export type Level = (typeof LEVELS)[number];

/** The level of a level's units; a location has none. */
export function childLevel(level: Level): Level | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export const PARAGRAPH_LANGUAGES = ["nl", "en"] as const;
export type ParagraphLanguage = (typeof PARAGRAPH_LANGUAGES)[number];

export const OPEN_DATA_FORMATS = ["csv", "json"] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

/** The codes of a refusal's issues (the fields' texts are `errors.<code>`). */
export const ISSUE_CODES = [
  "date_format",
  "date_nonexistent",
  "required",
  "level",
  "location_id",
  "from_after_to",
  "range_too_long",
] as const;

/** The codes of a refusal as a whole (`apiErrors.<code>`). */
export const API_ERROR_CODES = [
  "validation_error",
  "not_found",
  "forbidden",
  "unauthorized",
  "rate_limited",
  "network_error",
  "unknown",
] as const;

export interface Places {
  realisedPlaces: number;
  occupied: number;
  free: number;
  /** occupied ÷ realised in %, one decimal; null without realised places. */
  bezettingsgraad: number | null;
}

export interface Work {
  adults: number;
  withWork: number;
  /** withWork ÷ adults in %, one decimal; null without adults. */
  share: number | null;
}

export interface UnitFigures {
  level: Level;
  /** Null: the municipalities without a province or region on the date. */
  code: string | null;
  name: string | null;
  /** A location's status on the date. */
  status?: LocationStatus | null;
  /** Null for a location: registrations belong to the municipality. */
  registered: { ukrainian: number; otherNationalities: number; total: number } | null;
  persons: { goo: number; poo: number | null };
  places: Places;
  placesByKind: (Places & { kind: LocationKind })[];
  work: { goo: Work; poo: Work | null };
}

export interface NationalFigures {
  on: string;
  level: Level;
  code: string | null;
  name: string;
  /** YYYY-MM: the month whose work incomes the work participation counts. */
  workMonth: string;
  total: UnitFigures;
  units: UnitFigures[];
}

export interface FlowCounts {
  arrivals: number;
  departures: number;
  moves: number;
  movedIn: number;
  movedOut: number;
  /** Null at a location: these belong to the municipality. */
  registrations: number | null;
  deregistrations: number | null;
  returns: number | null;
  netInflow: number;
}

export interface FlowWeek extends FlowCounts {
  /** ISO week, 2026-W49. */
  week: string;
  monday: string;
  sunday: string;
  netInflowAverage3w: number;
}

export interface NationalFlows {
  from: string;
  to: string;
  level: Level;
  code: string | null;
  name: string;
  weeks: FlowWeek[];
  totals: FlowCounts;
}

export interface FiguresParagraph {
  date: string;
  brpDate: string;
  lang: ParagraphLanguage;
  text: string;
  figures: {
    ukrainiansRegistered: number;
    realisedPlaces: number;
    occupied: number;
    bezettingsgraad: number | null;
  };
}

/** Where the figures are asked for: a level, its unit's code (none for the nation), a date. */
export interface UnitQuery {
  on: string;
  level: Level;
  code: string | null;
}

export interface FlowsQuery {
  /** A day of the last week; the 26 weeks up to it. */
  to: string;
  level: Level;
  code: string | null;
}

export interface ParagraphQuery {
  date: string;
  brpDate: string;
  lang: ParagraphLanguage;
}

/** Empty: the server's default (the 13 weeks up to the last Sunday). */
export interface OpenDataQuery {
  from: string | null;
  to: string | null;
}

/** A downloaded file: its content and the name to save it under. */
export interface Download {
  blob: Blob;
  filename: string;
}

export interface NationalApi {
  figures(query: UnitQuery): Promise<NationalFigures>;
  flows(query: FlowsQuery): Promise<NationalFlows>;
  paragraph(query: ParagraphQuery): Promise<FiguresParagraph>;
  openData(format: OpenDataFormat, query: OpenDataQuery): Promise<Download>;
}

const V1 = "/api/v1/national";

function search(values: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

export const nationalApi: NationalApi = {
  figures({ on, level, code }) {
    return request<NationalFigures>("GET", `${V1}/figures${search({ on, level, code })}`);
  },
  flows({ to, level, code }) {
    return request<NationalFlows>("GET", `${V1}/flows${search({ to, level, code })}`);
  },
  paragraph({ date, brpDate, lang }) {
    return request<FiguresParagraph>(
      "GET",
      `${V1}/figures/paragraph${search({ date, brpDate, lang })}`,
    );
  },
  async openData(format, { from, to }) {
    let response: Response;
    try {
      response = await fetch(`${V1}/open-data/figures.${format}${search({ from, to })}`, {
        headers: { Accept: format === "csv" ? "text/csv" : "application/json" },
        credentials: "same-origin",
      });
    } catch (cause) {
      throw new ApiError(
        0,
        "network_error",
        cause instanceof Error ? cause.message : String(cause),
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    const blob = await response.blob();
    if (format === "csv") return { blob, filename: filenameOf(response, "opvang-figures.csv") };
    // The JSON answer names no file: its own from and to do.
    const body = JSON.parse(await blob.text()) as { from?: string; to?: string };
    return {
      blob: new Blob([blob], { type: "application/json" }),
      filename: `opvang-figures-${body.from ?? "from"}-${body.to ?? "to"}.json`,
    };
  },
};
