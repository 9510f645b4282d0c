import { request } from "../../api";
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

export interface HouseholdListItem {
  id: number;
  label: string;
  size: number;
  arrival: string | null;
  receptionKinds: ("goo" | "poo")[];
  locations: { id: number; name: string }[];
  incomeInLatestMonth: boolean;
  contactLanguage: ContactLanguage | null;
}

export interface HouseholdListPage {
  today: string;
  latestMonth: string;
  total: number;
  offset: number;
  limit: number;
  items: HouseholdListItem[];
}

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

/** The API's query for a filter. */
export function queryOfFilter(filter: HouseholdFilter): URLSearchParams {
  const q = new URLSearchParams({
    sort: filter.sort,
    limit: String(HOUSEHOLD_PAGE_SIZE),
    offset: String((filter.page - 1) * HOUSEHOLD_PAGE_SIZE),
  });
  if (filter.location) q.set("locationId", filter.location);
  if (filter.reception) q.set("reception", filter.reception);
  if (filter.size === "5+") q.set("minSize", "5");
  else if (filter.size) {
    q.set("minSize", filter.size);
    q.set("maxSize", filter.size);
  }
  if (filter.income) q.set("income", filter.income);
  if (filter.language) q.set("language", filter.language);
  if (filter.all) q.set("include", "all");
  return q;
}

export const householdListApi: HouseholdListApi = {
  listHouseholds: (filter) =>
    request<HouseholdListPage>("GET", `/api/v1/households?${queryOfFilter(filter)}`),
};
