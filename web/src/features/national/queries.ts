import { queryOptions } from "@tanstack/react-query";
import type { FlowsQuery, NationalApi, ParagraphQuery, UnitQuery } from "./api";

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

export const paragraphQuery = (api: NationalApi, query: ParagraphQuery) =>
  queryOptions({
    queryKey: [...NATIONAL_KEY, "paragraph", query.date, query.brpDate, query.lang],
    queryFn: () => api.paragraph(query),
  });
