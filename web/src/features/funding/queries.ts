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

export const locationsQuery = (api: FundingApi) =>
  queryOptions({ queryKey: [...FUNDING_KEY, "locations"], queryFn: () => api.locations() });

export const transitionCostsQuery = (api: FundingApi) =>
  queryOptions({
    queryKey: [...FUNDING_KEY, "transition-costs"],
    queryFn: () => api.transitionCosts(),
  });

export const advanceQuery = (api: FundingApi, year: number) =>
  queryOptions({ queryKey: [...FUNDING_KEY, "advance", year], queryFn: () => api.advance(year) });

export const targetGroupsQuery = (api: FundingApi) =>
  queryOptions({
    queryKey: [...FUNDING_KEY, "target-groups"],
    queryFn: () => api.targetGroupPlaces(),
  });
