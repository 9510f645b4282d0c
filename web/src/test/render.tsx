import { QueryClientProvider } from "@tanstack/react-query";
import type { i18n as I18n } from "i18next";
import type { ReactNode } from "react";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { vi } from "vitest";
import type { ApiClient, Permission, Role, User } from "../api";
import { createI18n, type Language, loadNamespaces } from "../i18n";
import { createQueryClient } from "../query";
import { SessionProvider } from "../session";

// Tell React that updates are wrapped in act() here.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  i18n: I18n;
  rerender(ui: ReactNode): Promise<void>;
  unmount(): void;
}

const mounted: Rendered[] = [];

/**
 * Renders into a fresh container under its own i18n instance (with every feature's texts)
 * and query cache (no retries), signed in as `user` when given, and lets effects settle.
 */
export async function render(
  ui: ReactNode,
  options: { language?: Language; i18n?: I18n; user?: User } = {},
): Promise<Rendered> {
  const i18n = options.i18n ?? createI18n(options.language);
  await loadNamespaces(i18n);
  const queryClient = createQueryClient({ retry: false });
  const container = document.createElement("div");
  document.body.append(container);
  let root: Root | null = null;
  const wrap = (node: ReactNode) => (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {options.user ? <SessionProvider user={options.user}>{node}</SessionProvider> : node}
      </QueryClientProvider>
    </I18nextProvider>
  );
  await act(async () => {
    root = createRoot(container);
    root.render(wrap(ui));
  });
  const rendered: Rendered = {
    container,
    i18n,
    async rerender(next) {
      await act(async () => root?.render(wrap(next)));
    },
    unmount() {
      act(() => root?.unmount());
      container.remove();
    },
  };
  mounted.push(rendered);
  await settle(); // the query cache answers on its own schedule
  return rendered;
}

export function cleanup(): void {
  for (const rendered of mounted.splice(0)) rendered.unmount();
  window.localStorage.clear();
  window.history.replaceState(null, "", "/");
}

/** Lets pending promises (fake API answers) and the renders they cause finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** Settles until `condition` holds (a lazily loaded page arrives), at most `ms`. */
export async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("until: the condition never held");
    await settle();
  }
}

export async function click(element: Element | null | undefined): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error("click: no element");
  await act(async () => {
    element.click();
  });
  await settle();
}

/** Types into a React-controlled input the way a browser does (value setter + input event). */
export async function type(input: Element | null | undefined, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error("type: no input");
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export async function submit(form: Element | null | undefined): Promise<void> {
  if (!(form instanceof HTMLFormElement)) throw new Error("submit: no form");
  await act(async () => {
    form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
  await settle();
}

export function byText(root: ParentNode, selector: string, text: string): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>(selector)].find(
    (element) => element.textContent?.trim() === text,
  );
}

export function inputByLabel(root: ParentNode, label: string): HTMLInputElement | null {
  const labelElement = byText(root, "label", label);
  const id = labelElement?.getAttribute("for");
  return id ? root.querySelector<HTMLInputElement>(`[id="${CSS.escape(id)}"]`) : null;
}

/** What the server grants each role (GET /api/auth/me), as the demo accounts have it. */
export const DEMO_PERMISSIONS: Record<Role, Permission[]> = {
  caseworker: [
    "households.read",
    "households.list",
    "households.write",
    "persons.search",
    "locations.read",
    "locations.write",
    "placements.read",
    "placements.write",
    "incomes.read",
    "incomes.write",
    "incomes.import",
    "entitlement.read",
    "decisions.read",
    "decisions.write",
    "changes.acknowledge",
    "transition.read",
    "transition.write",
    "transition.cohort",
    "transition.locations",
    "return.read",
    "return.write",
    "overview.worklist",
    "bank_account.write",
    "households.transfer",
    "targets.read",
  ],
  finance_officer: [
    "households.read",
    "households.list",
    "persons.search",
    "locations.read",
    "placements.read",
    "incomes.read",
    "entitlement.read",
    "decisions.read",
    "decisions.write",
    "changes.acknowledge",
    "transition.read",
    "transition.cohort",
    "return.read",
    "overview.worklist",
    "monthly_run.read",
    "monthly_run.prepare",
    "monthly_run.approve",
    "bank_account.write",
    "settings.read",
    "targets.read",
    "funding.claim",
  ],
  municipal_admin: [
    "households.read",
    "households.list",
    "persons.search",
    "locations.read",
    "placements.read",
    "audit.read",
    "transition.cohort",
    "transition.locations",
    "return.read",
    "users.read",
    "users.write",
    "audit.list",
    "overview.admin",
    "monthly_run.read",
    "settings.read",
    "settings.write",
    "targets.read",
    "funding.claim",
  ],
  national_coordinator: [
    "occupancy.national",
    "transition.national",
    "transition.scenario",
    "national.figures",
    "national.open_data",
    "national.targets",
    "national.forecast",
    "national.funding",
  ],
  system_admin: ["users.read", "users.write"],
  resident: ["households.read", "entitlement.read", "decisions.read", "audit.read"],
};

export function demoUser(role: Role, overrides: Partial<User> = {}): User {
  const municipal = role !== "national_coordinator" && role !== "system_admin";
  return {
    id: 1,
    username: `${role}-utrecht`,
    displayName: "Anna de Vries",
    role,
    gemeenteCode: municipal ? "GM0344" : null,
    gemeenteName: municipal ? "Utrecht" : null,
    personId: null,
    language: "nl",
    mustChangePassword: false,
    permissions: DEMO_PERMISSIONS[role],
    ...overrides,
  };
}

/** An API client that answers from memory; each method is a spy. */
export function fakeClient(options: { user?: User | null } = {}) {
  let current: User | null = options.user ?? null;
  const client = {
    login: vi.fn(async (_username: string, _password: string) => {
      current = demoUser("caseworker");
      return current;
    }),
    logout: vi.fn(async () => {
      current = null;
    }),
    me: vi.fn(async () => current),
    setLanguage: vi.fn(async (language: User["language"]) => {
      if (!current) throw new Error("not signed in");
      current = { ...current, language };
      return current;
    }),
    changePassword: vi.fn(async (_currentPassword: string, _newPassword: string) => {
      if (!current) throw new Error("not signed in");
      current = { ...current, mustChangePassword: false };
      return current;
    }),
    health: vi.fn(async () => ({
      status: "ok" as const,
      database: "pglite" as const,
      version: "0.1.0",
    })),
  } satisfies ApiClient;
  return client;
}
