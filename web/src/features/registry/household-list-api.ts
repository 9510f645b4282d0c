import { client, data, type QueryOf, type Schemas } from "../../api";
import type { ContactLanguage } from "./registry-api";

/**
 * The municipality's household list (GET /api/v1/households): filters, sorting and pages.
 * The list takes a `HouseholdListApi`, so that tests can pass a fake.
 */

export const HOUSEHOLD_SORTS = ["label", "-label", "size", "-size", "arrival", "-arrival"] as const;
export type HouseholdSort = (typeof HOUSEHOLD_SORTS)[number];

/** The size filter's choices: current members. */
export const SIZE_CHOICES = ["1", "2", "3", "4", "5+"] as const;
export type SizeChoice = (typeof SIZE_CHOICES)[number];

/** Households per page. */
export const HOUSEHOLD_PAGE_SIZE = 25;

/** The list's filters as the address bar keeps them (an empty value: no filter). */
export interface HouseholdFilter {
  location: string;
  reception: "" | "goo" | "poo";
  size: "" | SizeChoice;
  income: "" | "yes" | "no";
  language: "" | ContactLanguage;
  sort: HouseholdSort;
  /** Also households that ended. */
  all: boolean;
  /** 1-based. */
  page: number;
}

export type HouseholdListPage = Schemas["HouseholdList"];
export type HouseholdListItem = HouseholdListPage["items"][number];

export interface HouseholdListApi {
  listHouseholds(filter: HouseholdFilter): Promise<HouseholdListPage>;
}

const one = <T extends string>(values: readonly T[], value: string | null): T | "" =>
  (values as readonly string[]).includes(value ?? "") ? (value as T) : "";

/** The filter in the address bar's parameters; anything unknown reads as no filter. */
export function filterFromSearch(params: URLSearchParams): HouseholdFilter {
  const location = params.get("location") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    location: /^\d{1,9}$/.test(location) ? location : "",
    reception: one(["goo", "poo"] as const, params.get("reception")),
    size: one(SIZE_CHOICES, params.get("size")),
    income: one(["yes", "no"] as const, params.get("income")),
    language: one(["nl", "uk", "en"] as const, params.get("language")),
    sort: one(HOUSEHOLD_SORTS, params.get("sort")) || "label",
    all: params.get("all") === "1",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The filter as address bar parameters (defaults left out, so the plain list is /households). */
export function searchOfFilter(filter: HouseholdFilter): Record<string, string | null> {
  return {
    location: filter.location || null,
    reception: filter.reception || null,
    size: filter.size || null,
    income: filter.income || null,
    language: filter.language || null,
    sort: filter.sort === "label" ? null : filter.sort,
    all: filter.all ? "1" : null,
    page: filter.page > 1 ? String(filter.page) : null,
  };
}

/** The API's query for a filter (an absent value: no filter). */
export function queryOfFilter(filter: HouseholdFilter): QueryOf<"get", "/api/v1/households"> {
  const size = filter.size === "5+" ? 5 : filter.size ? Number(filter.size) : undefined;
  return {
    sort: filter.sort,
    limit: HOUSEHOLD_PAGE_SIZE,
    offset: (filter.page - 1) * HOUSEHOLD_PAGE_SIZE,
    locationId: filter.location ? Number(filter.location) : undefined,
    reception: filter.reception || undefined,
    minSize: size,
    maxSize: filter.size === "5+" ? undefined : size,
    income: filter.income || undefined,
    language: filter.language || undefined,
    include: filter.all ? "all" : undefined,
  };
}

export const householdListApi: HouseholdListApi = {
  listHouseholds: (filter) =>
    data(client.GET("/api/v1/households", { params: { query: queryOfFilter(filter) } })),
};
