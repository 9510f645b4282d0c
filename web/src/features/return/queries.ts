import { queryOptions } from "@tanstack/react-query";
import type { ReturnApi } from "./api";

/**
 * The return section's queries. The case's key starts with ["households", id], so a change
 * to the household (a member leaves) reloads it with the rest of the household page.
 */
export const returnCaseQuery = (api: ReturnApi, householdId: number) =>
  queryOptions({
    queryKey: ["households", householdId, "return-case"],
    queryFn: () => api.householdCase(householdId),
  });

export const consentsQuery = (api: ReturnApi, personId: number) =>
  queryOptions({
    queryKey: ["persons", personId, "consents"],
    queryFn: () => api.consents(personId),
  });
