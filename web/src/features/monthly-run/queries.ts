import { queryOptions } from "@tanstack/react-query";
import type { MonthlyRun, MonthlyRunApi, PaymentFilter } from "./api";

/**
 * The monthly run's queries, all under ["monthly-runs"], so preparing or approving a month
 * invalidates the list, the run and its review at once. A run being prepared is asked for
 * again every second (its progress) until the job has prepared it or stopped.
 */
export const MONTHLY_RUNS_KEY = ["monthly-runs"] as const;

/** How often a run being prepared is asked for. */
export const POLL_MS = 1000;
/** How often the list is asked for while one of its runs is being prepared. */
export const LIST_POLL_MS = 5000;

export const runsQuery = (api: MonthlyRunApi, limit: number) =>
  queryOptions({
    queryKey: [...MONTHLY_RUNS_KEY, "list", limit],
    queryFn: () => api.runs(limit),
    refetchInterval: (query) =>
      query.state.data?.some((run) => run.status === "preparing") ? LIST_POLL_MS : false,
  });

export const runKey = (id: number) => [...MONTHLY_RUNS_KEY, "run", id] as const;

export const runQuery = (api: MonthlyRunApi, id: number) =>
  queryOptions({
    queryKey: runKey(id),
    queryFn: () => api.run(id),
    refetchInterval: (query) => (isPreparing(query.state.data) ? POLL_MS : false),
  });

export const householdsQuery = (
  api: MonthlyRunApi,
  id: number,
  filter: PaymentFilter,
  offset: number,
) =>
  queryOptions({
    queryKey: [...runKey(id), "households", filter, offset],
    queryFn: () => api.households(id, filter, offset),
  });

export const runHouseholdQuery = (api: MonthlyRunApi, id: number, householdId: number) =>
  queryOptions({
    queryKey: [...runKey(id), "household", householdId],
    queryFn: () => api.household(id, householdId),
  });

export function isPreparing(run: MonthlyRun | undefined | null): boolean {
  return run?.status === "preparing";
}
