import { queryOptions } from "@tanstack/react-query";
import type { AnomalyKind, OverviewApi, TargetsApi, WorklistKind } from "./api";

/** Everything of the overview sits under ["overview"]. */
export const OVERVIEW_KEY = ["overview"] as const;

export const countsQuery = (api: OverviewApi) =>
  queryOptions({ queryKey: [...OVERVIEW_KEY, "counts"], queryFn: () => api.counts() });

export const worklistQuery = (api: OverviewApi, kind: WorklistKind, offset: number) =>
  queryOptions({
    queryKey: [...OVERVIEW_KEY, "worklist", kind, offset],
    queryFn: () => api.worklist(kind, offset),
  });

export const adminQuery = (api: OverviewApi, days: number) =>
  queryOptions({ queryKey: [...OVERVIEW_KEY, "admin", days], queryFn: () => api.admin(days) });

export const anomaliesQuery = (api: OverviewApi, kind: AnomalyKind, days: number, offset: number) =>
  queryOptions({
    queryKey: [...OVERVIEW_KEY, "anomalies", kind, days, offset],
    queryFn: () => api.anomalies(kind, days, offset),
  });

/** The region's target today (the server's today in the Netherlands). */
export const targetProgressQuery = (api: TargetsApi) =>
  queryOptions({ queryKey: [...OVERVIEW_KEY, "target"], queryFn: () => api.progress() });
