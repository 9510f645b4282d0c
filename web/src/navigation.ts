import type { Role } from "./api";

/**
 * The pages of the app and which role sees which, in menu order. A page's texts live in the
 * catalogs under `pages.<id>`: `nav` (menu label), `title`, and `empty.<role>` or
 * `empty.default` (what the page will hold).
 */
export const PAGES = {
  dashboard: "/dashboard",
  households: "/households",
  search: "/search",
  locations: "/locations",
  placements: "/placements",
  incomes: "/incomes",
  monthlyRun: "/monthly-run",
  funding: "/funding",
  users: "/users",
  audit: "/audit",
  national: "/national",
  forecast: "/forecast",
  transition: "/transition",
  referenceData: "/reference-data",
  system: "/system",
  myHousehold: "/my-household",
  changes2027: "/march-2027",
  complaint: "/complaint",
  returnSupport: "/return",
  settings: "/settings",
} as const;

export type PageId = keyof typeof PAGES;

export const NAVIGATION: Record<Role, readonly PageId[]> = {
  caseworker: [
    "dashboard",
    "households",
    "search",
    "locations",
    "placements",
    "incomes",
    "transition",
  ],
  finance_officer: ["dashboard", "households", "incomes", "monthlyRun", "funding", "transition"],
  municipal_admin: [
    "dashboard",
    "locations",
    "users",
    "audit",
    "transition",
    "funding",
    "settings",
  ],
  national_coordinator: ["national", "forecast", "funding", "transition"],
  system_admin: ["users", "referenceData", "system"],
  resident: ["myHousehold", "changes2027", "complaint", "returnSupport"],
};

/**
 * Pages a role may open without a menu item of its own: the finance officer reads the
 * municipality's settings (a municipal admin records them) from the monthly run page.
 */
export const OUTSIDE_MENU: Partial<Record<Role, readonly PageId[]>> = {
  finance_officer: ["settings"],
};

export const SIGN_IN_PATH = "/sign-in";

export interface NavItem {
  id: PageId;
  path: string;
}

export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION[role].map((id) => ({ id, path: PAGES[id] }));
}

/** Where a role lands after sign-in: the first item of its menu. */
export function homePathFor(role: Role): string {
  const first = NAVIGATION[role][0];
  return first ? PAGES[first] : "/";
}

function normalise(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return trimmed || "/";
}

/** The page a path belongs to; sub-paths (/households/12) belong to their page. */
export function pageForPath(path: string): PageId | null {
  const wanted = normalise(path);
  for (const [id, pagePath] of Object.entries(PAGES)) {
    if (pagePath === wanted || wanted.startsWith(`${pagePath}/`)) return id as PageId;
  }
  return null;
}

export function isAllowed(role: Role, page: PageId): boolean {
  return NAVIGATION[role].includes(page) || (OUTSIDE_MENU[role]?.includes(page) ?? false);
}

/** Catalog keys for a page's empty state, most specific first. */
export function emptyStateKeys(page: PageId, role: Role): string[] {
  return [`pages.${page}.empty.${role}`, `pages.${page}.empty.default`];
}
