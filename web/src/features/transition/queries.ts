import { queryOptions } from "@tanstack/react-query";
import type { TransitionApi, WorklistParams } from "./api";

/**
 * The transition feature's queries. Everything municipal or national sits under
 * ["transition"], so one change invalidates the counts, the worklist and the locations at
 * once; a household's checklist sits under ["households", id], so it reloads with the rest of
 * the household page (a member leaving changes it too).
 */
export const TRANSITION_KEY = ["transition"] as const;

export const cohortQuery = (api: TransitionApi, national: boolean) =>
  queryOptions({
    queryKey: [...TRANSITION_KEY, "cohort", national ? "national" : "gemeente"],
    queryFn: () => (national ? api.nationalCohort() : api.cohort()),
  });

export const worklistQuery = (api: TransitionApi, params: WorklistParams) =>
  queryOptions({
    queryKey: [...TRANSITION_KEY, "worklist", params],
    queryFn: () => api.worklist(params),
  });

export const scenarioQuery = (api: TransitionApi) =>
  queryOptions({ queryKey: [...TRANSITION_KEY, "scenario"], queryFn: () => api.scenario() });

export const locationsQuery = (api: TransitionApi) =>
  queryOptions({ queryKey: [...TRANSITION_KEY, "locations"], queryFn: () => api.locations() });

export const householdTransitionKey = (householdId: number) =>
  ["households", householdId, "transition"] as const;

export const householdTransitionQuery = (api: TransitionApi, householdId: number) =>
  queryOptions({
    queryKey: householdTransitionKey(householdId),
    queryFn: () => api.household(householdId),
  });
