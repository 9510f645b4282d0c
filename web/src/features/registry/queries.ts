import { queryOptions } from "@tanstack/react-query";
import type { Household, RegistryApi } from "./registry-api";

/**
 * The household page's queries. Every key starts with ["households", id], so a change to the
 * household invalidates that prefix and every section reloads, as a page reload would.
 */
export const householdKey = (id: number) => ["households", id] as const;

export const householdQuery = (api: RegistryApi, id: number) =>
  queryOptions({ queryKey: [...householdKey(id), "record"], queryFn: () => api.household(id) });

export const householdPlacementsQuery = (api: RegistryApi, id: number) =>
  queryOptions({
    queryKey: [...householdKey(id), "placements"],
    queryFn: () => api.placements(id),
  });

export const entitlementQuery = (api: RegistryApi, id: number, month: string, lang: string) =>
  queryOptions({
    queryKey: [...householdKey(id), "entitlement", month, lang],
    queryFn: () => api.entitlement(id, month, lang),
  });

export const decisionsQuery = (api: RegistryApi, id: number) =>
  queryOptions({ queryKey: [...householdKey(id), "decisions"], queryFn: () => api.decisions(id) });

export const changesQuery = (api: RegistryApi, id: number) =>
  queryOptions({ queryKey: [...householdKey(id), "changes"], queryFn: () => api.changes(id) });

/** The municipalities the household has been with (reloads with the household after a change). */
export const householdGemeentenQuery = (api: RegistryApi, id: number) =>
  queryOptions({
    queryKey: [...householdKey(id), "gemeenten"],
    queryFn: () => api.gemeentePeriods(id),
  });

/** Every municipality: reference data, the same for every page and for the whole session. */
export const gemeentenQuery = (api: RegistryApi) =>
  queryOptions({ queryKey: ["gemeenten"], queryFn: () => api.gemeenten(), staleTime: 60 * 60_000 });

/** The members' incomes of months `from` to `to`, each named by its person. */
export const householdIncomesQuery = (
  api: RegistryApi,
  household: Household,
  from: string,
  to: string,
  nameOf: (person: Household["members"][number]["person"]) => string,
) => {
  const persons = [
    ...new Map(household.members.map((m) => [m.person.id, m.person] as const)).values(),
  ];
  return queryOptions({
    queryKey: [...householdKey(household.id), "incomes", persons.map((p) => p.id), from, to],
    queryFn: async () => {
      const lists = await Promise.all(persons.map((p) => api.incomes(p.id, from, to)));
      return lists
        .flatMap((list, index) =>
          list.months.flatMap((m) =>
            m.incomes.map((income) => ({ ...income, name: nameOf(persons[index]!) })),
          ),
        )
        .sort((a, b) => b.month.localeCompare(a.month) || a.name.localeCompare(b.name));
    },
  });
};
