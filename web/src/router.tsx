import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type RouterHistory,
  useParams,
} from "@tanstack/react-router";
import type { i18n as I18n } from "i18next";
import { type ComponentType, Suspense, use } from "react";
import { useTranslation } from "react-i18next";
import type { ApiClient, User } from "./api";
import { PageTitle } from "./components/PageTitle";
import { Frame } from "./Frame";
import { todayNl } from "./format";
import { loadNamespaces } from "./i18n";
import { type LazyPage, lazyPage } from "./lazy-page";
import { isAllowed, PAGES, type PageId } from "./navigation";
import { NotAvailablePage, NotFoundPage } from "./pages/NoticePage";
import { PlaceholderPage } from "./pages/PlaceholderPage";
import { useSession } from "./session";

/**
 * The app's routes, declared: each page's path, the feature (code and i18n namespaces) it
 * loads lazily, and a loader that fetches the page's first data into the query cache while
 * its code arrives. Frame (the root) decides between sign-in and the signed-in pages; a page
 * outside the user's menu says it is not available, an unknown path that it is not found.
 * The server answers every non-/api path with index.html, so deep links and reloads work.
 */

export interface RouterContext {
  queryClient: QueryClient;
  client: ApiClient;
  i18n: I18n;
}

/** Where the signed-in user is kept in the query cache (null: nobody signed in). */
export const SESSION_KEY = ["session"] as const;

const registry = () => import("./features/registry");
const locations = () => import("./features/locations");
const placements = () => import("./features/placements");
const incomes = () => import("./features/incomes");
const audit = () => import("./features/audit");
const users = () => import("./features/users");
const transition = () => import("./features/transition");
const overview = () => import("./features/overview");
const monthlyRun = () => import("./features/monthly-run");
const settings = () => import("./features/settings");
const national = () => import("./features/national");
const funding = () => import("./features/funding");

const HouseholdsStart = lazyPage(registry, (m) => m.HouseholdsStart);
const NewHouseholdPage = lazyPage(registry, (m) => m.NewHouseholdPage);
const SearchPage = lazyPage(registry, (m) => m.SearchPage);
const LocationListPage = lazyPage(locations, (m) => m.LocationListPage);
const NewLocationPage = lazyPage(locations, (m) => m.NewLocationPage);
const PlacementsPage = lazyPage(placements, (m) => m.PlacementsPage);
const IncomesPage = lazyPage(incomes, (m) => m.IncomesPage);
const AuditPage = lazyPage(audit, (m) => m.AuditPage);
const UsersPage = lazyPage(users, (m) => m.UsersPage);
const TransitionPage = lazyPage(transition, (m) => m.TransitionPage);
const OverviewContent = lazyPage(overview, (m) => m.OverviewContent);
const MonthlyRunPage = lazyPage(monthlyRun, (m) => m.MonthlyRunPage);
const SettingsPage = lazyPage(settings, (m) => m.SettingsPage);
const NationalPage = lazyPage(national, (m) => m.NationalPage);
const FundingPage = lazyPage(funding, (m) => m.FundingPage);
const NationalForecastPage = lazyPage(national, (m) => m.NationalForecastPage);
const NationalFundingPage = lazyPage(national, (m) => m.NationalFundingPage);

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Frame });

/** The signed-in user as the cache has them, when they may open `page`. */
function allowedUser(context: RouterContext, page: PageId): User | null {
  const user = context.queryClient.getQueryData<User | null>(SESSION_KEY) ?? null;
  return user && isAllowed(user.role, page) ? user : null;
}

const pendingNamespaces = new WeakMap<I18n, Map<string, Promise<void>>>();

/** A promise for namespaces not yet loaded into `i18n` (the same one until they are). */
function namespacesLoading(i18n: I18n, namespaces: readonly string[]): Promise<void> | null {
  if (namespaces.every((ns) => i18n.hasResourceBundle(i18n.language, ns))) return null;
  const key = namespaces.join(",");
  let pending = pendingNamespaces.get(i18n);
  if (!pending) {
    pending = new Map();
    pendingNamespaces.set(i18n, pending);
  }
  let promise = pending.get(key);
  if (!promise) {
    promise = loadNamespaces(i18n, namespaces);
    pending.set(key, promise);
  }
  return promise;
}

/** Shows the page only to a role whose menu holds it. */
function Gate({ page, Page }: { page: PageId; Page: ComponentType }) {
  const { user } = useSession();
  if (!isAllowed(user.role, page)) return <NotAvailablePage userRole={user.role} />;
  return <Page />;
}

/**
 * A page's route: its code and namespaces load with it; `prefetch` (when the user may open
 * the page) starts its first query, so code and data arrive together.
 */
function pageRoute(
  page: PageId,
  path: string,
  Page: LazyPage<object> | ComponentType,
  options: {
    namespaces?: string[];
    prefetch?: (
      context: RouterContext,
      params: Record<string, string>,
      /** The address's query string (`?on=…`), for a page that keeps its view there. */
      search: string,
    ) => unknown;
  } = {},
) {
  const namespaces = options.namespaces ?? [];
  return createRoute({
    getParentRoute: () => rootRoute,
    path,
    loader: async ({ context, params, location }) => {
      const user = allowedUser(context, page);
      if (user && options.prefetch) void options.prefetch(context, params, location.searchStr);
      const arrived = Promise.all([
        loadNamespaces(context.i18n, namespaces),
        "preload" in Page ? Page.preload() : null,
      ]);
      // While the app starts (the session not known yet), the shell shows at once and the
      // page suspends until its code and texts are there; afterwards the page shown stays
      // until the next one is ready.
      if (context.queryClient.getQueryData(SESSION_KEY) !== undefined) await arrived;
    },
    component: function RoutePage() {
      const { i18n } = useTranslation();
      const loading = namespacesLoading(i18n, namespaces);
      if (loading) use(loading);
      return <Gate page={page} Page={Page} />;
    },
  });
}

function Placeholder({ page }: { page: PageId }) {
  const { user } = useSession();
  return <PlaceholderPage key={page} page={page} userRole={user.role} />;
}

/** Pages that only show what they will hold. */
const BUILT: ReadonlySet<PageId> = new Set([
  "dashboard",
  "households",
  "search",
  "locations",
  "placements",
  "incomes",
  "audit",
  "transition",
  "users",
  "monthlyRun",
  "settings",
  "national",
  "funding",
  "forecast",
]);

const placeholderRoutes = (Object.keys(PAGES) as PageId[])
  .filter((page) => !BUILT.has(page))
  .map((page) => pageRoute(page, PAGES[page], () => <Placeholder page={page} />));

/**
 * /dashboard: the title at once (the shell's texts), the overview below it as soon as its
 * code and texts are there; the start page after sign-in never waits blank.
 */
function DashboardPage() {
  const { t, i18n } = useTranslation();
  const loading = namespacesLoading(i18n, ["overview", "transition", "monthly-run"]);
  return (
    <div className="opvang-ov" data-testid="overview-page">
      <PageTitle>{t("pages.dashboard.title")}</PageTitle>
      <Suspense fallback={null}>
        <DashboardContent loading={loading} />
      </Suspense>
    </div>
  );
}

function DashboardContent({ loading }: { loading: Promise<void> | null }) {
  if (loading) use(loading);
  return <OverviewContent />;
}

/**
 * /funding: the municipality's claim for whoever may read it (funding.claim: the finance
 * officer, the municipal admin); the coordinator's cost per municipality of a year
 * (national.funding). Each loads only its own code.
 */
function FundingRoutePage() {
  const { can } = useSession();
  if (can("funding.claim")) return <FundingPage />;
  if (can("national.funding")) return <NationalFundingPage />;
  return <Placeholder page="funding" />;
}

/** /forecast: the coordinator's targets and inflow forecast for today. */
function ForecastRoutePage() {
  const { can } = useSession();
  return can("national.forecast") ? <NationalForecastPage /> : <Placeholder page="forecast" />;
}

/** `/households/12`: a number, or not found. */
function idParam(params: Record<string, string>): number | null {
  const raw = params.id ?? "";
  return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

function WithId({ Page }: { Page: ComponentType<{ id: number | null }> }) {
  const params = useParams({ strict: false }) as Record<string, string>;
  return <Page id={idParam(params)} />;
}

const householdPage = lazyPage(registry, (m) => m.HouseholdRoutePage);
const locationPage = lazyPage(locations, (m) => m.LocationDetailRoutePage);

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: "/", component: () => null }),
  createRoute({ getParentRoute: () => rootRoute, path: "/sign-in", component: () => null }),
  pageRoute("dashboard", "/dashboard", DashboardPage, {
    prefetch: async ({ queryClient }) => {
      // The code starts loading with the data; the title does not wait for either.
      void OverviewContent.preload();
      const user = queryClient.getQueryData<User | null>(SESSION_KEY);
      const runs = async () => {
        if (!user?.permissions?.includes("monthly_run.read")) return;
        const { runsQuery } = await import("./features/monthly-run/queries");
        const { monthlyRunApi, RUNS_SHOWN } = await import("./features/monthly-run/api");
        await queryClient.prefetchQuery(runsQuery(monthlyRunApi, RUNS_SHOWN));
      };
      const counts = async () => {
        if (!user?.permissions?.includes("overview.worklist")) return;
        const { countsQuery } = await import("./features/overview/queries");
        const { overviewApi } = await import("./features/overview/api");
        await queryClient.prefetchQuery(countsQuery(overviewApi));
      };
      await Promise.all([counts(), runs()]);
    },
  }),
  pageRoute("households", "/households", HouseholdsStart, { namespaces: ["registry"] }),
  pageRoute("households", "/households/new", NewHouseholdPage, { namespaces: ["registry"] }),
  pageRoute(
    "households",
    "/households/$id",
    Object.assign(() => <WithId Page={householdPage} />, { preload: householdPage.preload }),
    {
      // The incomes texts (and the locations ones they fall back on): correcting an income.
      namespaces: ["registry", "return", "transition", "incomes", "locations", "bank-account"],
      prefetch: async ({ queryClient }, params) => {
        const id = idParam(params);
        if (id === null) return;
        const { householdQuery, householdPlacementsQuery } = await import(
          "./features/registry/queries"
        );
        const { registryApi } = await import("./features/registry/registry-api");
        await Promise.all([
          queryClient.prefetchQuery(householdQuery(registryApi, id)),
          queryClient.prefetchQuery(householdPlacementsQuery(registryApi, id)),
        ]);
      },
    },
  ),
  pageRoute("search", "/search", SearchPage, { namespaces: ["registry"] }),
  pageRoute("locations", "/locations", LocationListPage, { namespaces: ["locations"] }),
  pageRoute("locations", "/locations/new", NewLocationPage, { namespaces: ["locations"] }),
  pageRoute(
    "locations",
    "/locations/$id",
    Object.assign(() => <WithId Page={locationPage} />, { preload: locationPage.preload }),
    { namespaces: ["locations"] },
  ),
  pageRoute("placements", "/placements", PlacementsPage, {
    namespaces: ["placements", "locations"],
  }),
  pageRoute("incomes", "/incomes", IncomesPage, { namespaces: ["incomes", "locations"] }),
  pageRoute("audit", "/audit", AuditPage, { namespaces: ["audit"] }),
  pageRoute("users", "/users", UsersPage, {
    namespaces: ["users"],
    prefetch: async ({ queryClient }) => {
      const { usersListQuery, userOptionsQuery } = await import("./features/users/queries");
      const { usersApi, EMPTY_FILTER } = await import("./features/users/api");
      await Promise.all([
        queryClient.prefetchQuery(usersListQuery(usersApi, EMPTY_FILTER)),
        queryClient.prefetchQuery(userOptionsQuery(usersApi)),
      ]);
    },
  }),
  pageRoute("transition", "/transition", TransitionPage, {
    namespaces: ["transition"],
    prefetch: async ({ queryClient }) => {
      // The nation's counts or the municipality's, by what the server lets the user read.
      const permissions = queryClient.getQueryData<User | null>(SESSION_KEY)?.permissions ?? [];
      const national = permissions.includes("transition.national");
      if (!national && !permissions.includes("transition.cohort")) return;
      const { cohortQuery } = await import("./features/transition/queries");
      const { transitionApi } = await import("./features/transition/api");
      await queryClient.prefetchQuery(cohortQuery(transitionApi, national));
    },
  }),
  pageRoute("monthlyRun", "/monthly-run", MonthlyRunPage, {
    namespaces: ["monthly-run"],
    prefetch: async ({ queryClient }) => {
      const permissions = queryClient.getQueryData<User | null>(SESSION_KEY)?.permissions ?? [];
      if (!permissions.includes("monthly_run.read")) return;
      const { runsQuery } = await import("./features/monthly-run/queries");
      const { monthlyRunApi, RUNS_SHOWN } = await import("./features/monthly-run/api");
      await queryClient.prefetchQuery(runsQuery(monthlyRunApi, RUNS_SHOWN));
    },
  }),
  pageRoute("settings", "/settings", SettingsPage, {
    namespaces: ["settings"],
    prefetch: async ({ queryClient }) => {
      const permissions = queryClient.getQueryData<User | null>(SESSION_KEY)?.permissions ?? [];
      if (!permissions.includes("settings.read")) return;
      const { settingsQuery } = await import("./features/settings/queries");
      const { settingsApi } = await import("./features/settings/api");
      await queryClient.prefetchQuery(settingsQuery(settingsApi));
    },
  }),
  pageRoute("national", "/national", NationalPage, {
    namespaces: ["national"],
    prefetch: async ({ queryClient }, _params, search) => {
      // The figures of the view in the address (the nation's today by default).
      const permissions = queryClient.getQueryData<User | null>(SESSION_KEY)?.permissions ?? [];
      if (!permissions.includes("national.figures")) return;
      const { figuresQuery } = await import("./features/national/queries");
      const { nationalApi } = await import("./features/national/api");
      const { readView } = await import("./features/national/view");
      const view = readView(new URLSearchParams(search));
      const query = { on: view.on ?? todayNl(), level: view.level, code: view.code };
      await queryClient.prefetchQuery(figuresQuery(nationalApi, query));
    },
  }),
  pageRoute("forecast", "/forecast", ForecastRoutePage, { namespaces: ["national"] }),
  pageRoute("funding", "/funding", FundingRoutePage, {
    namespaces: ["funding", "locations", "national"],
    prefetch: async ({ queryClient }, _params, search) => {
      // The claim (or a location's days) of the period in the address; this year by default.
      const permissions = queryClient.getQueryData<User | null>(SESSION_KEY)?.permissions ?? [];
      if (!permissions.includes("funding.claim")) return;
      void FundingPage.preload();
      const { claimQuery, locationDaysQuery } = await import("./features/funding/queries");
      const { fundingApi } = await import("./features/funding/api");
      const { readView } = await import("./features/funding/view");
      const view = readView(new URLSearchParams(search));
      if (view.location === null) {
        await queryClient.prefetchQuery(claimQuery(fundingApi, view.period));
      } else {
        await queryClient.prefetchQuery(locationDaysQuery(fundingApi, view.location, view.period));
      }
    },
  }),
  ...placeholderRoutes,
  createRoute({
    getParentRoute: () => rootRoute,
    path: "$",
    component: function NotFound() {
      const { user } = useSession();
      return <NotFoundPage userRole={user.role} />;
    },
  }),
]);

export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context,
    history,
    defaultPendingMs: 300,
    // Data is kept by the query cache, not the router: loaders only start it.
    defaultPreloadStaleTime: 0,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
