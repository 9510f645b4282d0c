/**
 * The national view's calls to the Opvang API (src/modules/national, docs/api-national.md):
 * the figures of a unit and its units one level down on a date, the flows per ISO week, the
 * Verzamelbrief's figures paragraph and the open-data files. Aggregates only: no answer holds
 * a name, BSN or address. The page takes a `NationalApi`, so tests can pass a fake.
 */
import type {
  EvaluationDecision,
  LocationKind,
  LocationStatus,
  TargetSplit,
} from "../../../../src/domain/enums";
import {
  type Answer,
  client,
  type Download,
  data,
  download,
  type RequestBody,
  type Schemas,
} from "../../api";

export {
  EVALUATION_DECISIONS,
  LOCATION_KINDS,
  LOCATION_STATUSES,
  TARGET_SPLITS,
} from "../../../../src/domain/enums";
export type { EvaluationDecision, LocationKind, LocationStatus, TargetSplit };

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

/**
 * The codes of a refusal of a new target (docs/api-national.md, "Targets of places"), of a
 * re-evaluation and of a funding year (docs/api-funding.md), and the schema's own
 * (`too_small`: no places; `too_big`: too many places or too long a note).
 */
export const PLANNING_ISSUE_CODES = [
  "region_missing",
  "region_unknown",
  "regions_sum",
  "regions_with_equal_split",
  "before_set_on",
  "date_in_future",
  "target_exists",
  "too_small",
  "too_big",
  "invalid_type",
  "invalid_value",
  "unknown_field",
  "whole_number",
  "year_format",
  "year_out_of_range",
  "no_law_in_force",
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

export type NationalFigures = Answer<"get", "/api/v1/national/figures">;
export type UnitFigures = Schemas["NationalUnitFigures"];
export type Places = UnitFigures["places"];
export type Work = UnitFigures["work"]["goo"];

export type NationalFlows = Answer<"get", "/api/v1/national/flows">;
export type FlowWeek = NationalFlows["weeks"][number];
export type FlowCounts = NationalFlows["totals"];

/** A unit's places and occupancy per ISO week, each on the week's Sunday (at most 261). */
export type OccupancySeries = Answer<"get", "/api/v1/national/series">;
export type SeriesPoint = OccupancySeries["points"][number];

export type FiguresParagraph = Answer<"get", "/api/v1/national/figures/paragraph">;

export type TargetsProgress = Answer<"get", "/api/v1/national/targets/progress">;
export type TargetProgress = Schemas["TargetProgress"];
export type PlaceTarget = Schemas["PlaceTarget"];
export type PlaceTargetInput = RequestBody<"post", "/api/v1/national/targets">;

export type InflowForecast = Answer<"get", "/api/v1/national/forecast">;
export type ForecastEvaluations = Answer<"get", "/api/v1/national/forecast/evaluations">;
export type ForecastEvaluation = Schemas["ForecastEvaluation"];
export type ForecastEvaluationInput = RequestBody<"post", "/api/v1/national/forecast/evaluations">;

export type NationalFunding = Answer<"get", "/api/v1/national/funding">;
export type FundingGemeente = Schemas["NationalFundingGemeente"];
export type FundingTotals = Schemas["FundingTotals"];

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

export interface SeriesQuery {
  from: string;
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

export type { Download };

export interface NationalApi {
  figures(query: UnitQuery): Promise<NationalFigures>;
  flows(query: FlowsQuery): Promise<NationalFlows>;
  /** The unit's places and occupancy per week from `from` to `to`. */
  series(query: SeriesQuery): Promise<OccupancySeries>;
  paragraph(query: ParagraphQuery): Promise<FiguresParagraph>;
  openData(format: OpenDataFormat, query: OpenDataQuery): Promise<Download>;
  /** The target in force on the day, realised and pipeline per safety region. */
  targetsProgress(on: string): Promise<TargetsProgress>;
  /** Every target set, newest first. */
  targets(): Promise<PlaceTarget[]>;
  setTarget(input: PlaceTargetInput): Promise<PlaceTarget>;
  forecast(on: string): Promise<InflowForecast>;
  evaluations(): Promise<ForecastEvaluations>;
  recordEvaluation(input: ForecastEvaluationInput): Promise<ForecastEvaluation>;
  /** The BooO cost of a year per municipality and nationally. */
  funding(year: number): Promise<NationalFunding>;
}

export const nationalApi: NationalApi = {
  figures({ on, level, code }) {
    return data(
      client.GET("/api/v1/national/figures", {
        params: { query: { on, level, code: code ?? undefined } },
      }),
    );
  },
  flows({ to, level, code }) {
    return data(
      client.GET("/api/v1/national/flows", {
        params: { query: { to, level, code: code ?? undefined } },
      }),
    );
  },
  series({ from, to, level, code }) {
    return data(
      client.GET("/api/v1/national/series", {
        params: { query: { from, to, level, code: code ?? undefined } },
      }),
    );
  },
  paragraph({ date, brpDate, lang }) {
    return data(
      client.GET("/api/v1/national/figures/paragraph", {
        params: { query: { date, brpDate, lang } },
      }),
    );
  },
  async openData(format, { from, to }) {
    const query = { from: from ?? undefined, to: to ?? undefined };
    if (format === "csv") {
      return download(
        client.GET("/api/v1/national/open-data/figures.csv", {
          params: { query },
          headers: { Accept: "text/csv" },
          parseAs: "blob",
        }),
        "opvang-figures.csv",
      );
    }
    const { blob } = await download(
      client.GET("/api/v1/national/open-data/figures.json", {
        params: { query },
        parseAs: "blob",
      }),
      "",
    );
    // The JSON answer names no file: its own from and to do.
    const body = JSON.parse(await blob.text()) as Partial<
      Answer<"get", "/api/v1/national/open-data/figures.json">
    >;
    return {
      blob: new Blob([blob], { type: "application/json" }),
      filename: `opvang-figures-${body.from ?? "from"}-${body.to ?? "to"}.json`,
    };
  },
  targetsProgress(on) {
    return data(client.GET("/api/v1/national/targets/progress", { params: { query: { on } } }));
  },
  async targets() {
    return (await data(client.GET("/api/v1/national/targets"))).targets;
  },
  setTarget(input) {
    return data(client.POST("/api/v1/national/targets", { body: input }));
  },
  forecast(on) {
    return data(client.GET("/api/v1/national/forecast", { params: { query: { on } } }));
  },
  evaluations() {
    return data(client.GET("/api/v1/national/forecast/evaluations"));
  },
  recordEvaluation(input) {
    return data(client.POST("/api/v1/national/forecast/evaluations", { body: input }));
  },
  funding(year) {
    return data(
      client.GET("/api/v1/national/funding", { params: { query: { year: String(year) } } }),
    );
  },
};
