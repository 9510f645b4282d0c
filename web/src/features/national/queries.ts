import { queryOptions } from "@tanstack/react-query";
import type { FlowsQuery, NationalApi, ParagraphQuery, SeriesQuery, UnitQuery } from "./api";

/**
 * The national view's queries, all under ["national"]. A key names everything its answer
 * depends on: the date, the level and the unit's code.
 */
export const NATIONAL_KEY = ["national"] as const;
export const FIGURES_KEY = [...NATIONAL_KEY, "figures"] as const;

export const figuresQuery = (api: NationalApi, query: UnitQuery) =>
  queryOptions({
    queryKey: [...FIGURES_KEY, query.on, query.level, query.code ?? ""],
    queryFn: () => api.figures(query),
  });

export const flowsQuery = (api: NationalApi, query: FlowsQuery) =>
  queryOptions({
    queryKey: [...NATIONAL_KEY, "flows", query.to, query.level, query.code ?? ""],
    queryFn: () => api.flows(query),
  });

export const seriesQuery = (api: NationalApi, query: SeriesQuery) =>
  queryOptions({
    queryKey: [...NATIONAL_KEY, "series", query.from, query.to, query.level, query.code ?? ""],
    queryFn: () => api.series(query),
  });

export const paragraphQuery = (api: NationalApi, query: ParagraphQuery) =>
  queryOptions({
    queryKey: [...NATIONAL_KEY, "paragraph", query.date, query.brpDate, query.lang],
    queryFn: () => api.paragraph(query),
  });

/** The targets: their history and the progress on a day; setting one invalidates both. */
export const TARGETS_KEY = [...NATIONAL_KEY, "targets"] as const;

export const targetsProgressQuery = (api: NationalApi, on: string) =>
  queryOptions({
    queryKey: [...TARGETS_KEY, "progress", on],
    queryFn: () => api.targetsProgress(on),
  });

export const targetsQuery = (api: NationalApi) =>
  queryOptions({
    queryKey: [...TARGETS_KEY, "list"],
    queryFn: () => api.targets(),
  });

/** The forecast on a day and the re-evaluations recorded (a new one invalidates the list). */
export const FORECAST_KEY = [...NATIONAL_KEY, "forecast"] as const;

export const forecastQuery = (api: NationalApi, on: string) =>
  queryOptions({
    queryKey: [...FORECAST_KEY, on],
    queryFn: () => api.forecast(on),
  });

export const EVALUATIONS_KEY = [...NATIONAL_KEY, "evaluations"] as const;

export const evaluationsQuery = (api: NationalApi) =>
  queryOptions({
    queryKey: EVALUATIONS_KEY,
    queryFn: () => api.evaluations(),
  });

export const fundingQuery = (api: NationalApi, year: number) =>
  queryOptions({
    queryKey: [...NATIONAL_KEY, "funding", year],
    queryFn: () => api.funding(year),
  });
