import { queryOptions } from "@tanstack/react-query";
import type { FundingApi, Period } from "./api";

/**
 * The funding claim's queries, all under ["funding"]. A key names everything its answer
 * depends on: the period, and for a location's days the location.
 */
export const FUNDING_KEY = ["funding"] as const;

export const claimQuery = (api: FundingApi, period: Period) =>
  queryOptions({
    queryKey: [...FUNDING_KEY, "claim", period.from, period.to],
    queryFn: () => api.claim(period),
  });

export const locationDaysQuery = (api: FundingApi, id: number, period: Period) =>
  queryOptions({
    queryKey: [...FUNDING_KEY, "location", id, period.from, period.to],
    queryFn: () => api.locationDays(id, period),
  });
