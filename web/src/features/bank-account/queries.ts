import { queryOptions } from "@tanstack/react-query";
import type { BankAccountApi } from "./api";

/**
 * The account's key starts with ["households", id], so a change to the household (a member
 * leaves) reloads it with the rest of the household page.
 */
export const bankAccountKey = (householdId: number) =>
  ["households", householdId, "bank-account"] as const;

export const bankAccountQuery = (api: BankAccountApi, householdId: number) =>
  queryOptions({ queryKey: bankAccountKey(householdId), queryFn: () => api.get(householdId) });
