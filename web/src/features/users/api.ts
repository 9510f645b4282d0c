import type { Role } from "../../api";
import { request } from "../../api";

/**
 * User management's view of the API (GET/POST/PATCH /api/v1/users, the password reset and
 * the options for the forms). The page takes a `UsersApi`, so that tests can pass a fake.
 */

export { MUNICIPAL_ROLES } from "../../../../src/domain/access";

/** An account as an administrator sees it (never a password or its hash). */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  gemeenteCode: string | null;
  gemeenteName: string | null;
  active: boolean;
  /** Still has the one-time password an administrator gave it. */
  mustChangePassword: boolean;
  /** UTC, ISO 8601; null: never signed in. */
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
}

export interface AccountPage {
  users: Account[];
  total: number;
  limit: number;
  offset: number;
}

/** What the signed-in administrator may give an account. */
export interface AccountOptions {
  roles: Role[];
  gemeenten: { code: string; name: string }[];
}

export interface UserFilter {
  q: string;
  role: Role | "";
  active: "" | "true" | "false";
  offset: number;
}

export const EMPTY_FILTER: UserFilter = { q: "", role: "", active: "", offset: 0 };

/** Accounts per page. */
export const PAGE_SIZE = 25;

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  gemeenteCode?: string;
  language: "nl" | "uk" | "en";
}

export interface AccountChanges {
  version: number;
  displayName?: string;
  role?: Role;
  gemeenteCode?: string | null;
  active?: boolean;
}

export interface UsersApi {
  list(filter: UserFilter): Promise<AccountPage>;
  options(): Promise<AccountOptions>;
  create(account: NewAccount): Promise<{ user: Account; initialPassword: string }>;
  update(id: number, changes: AccountChanges): Promise<Account>;
  resetPassword(id: number, version: number): Promise<{ user: Account; oneTimePassword: string }>;
}

const V1 = "/api/v1";

export const usersApi: UsersApi = {
  list(filter) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(filter.offset) });
    if (filter.q.trim()) params.set("q", filter.q.trim());
    if (filter.role) params.set("role", filter.role);
    if (filter.active) params.set("active", filter.active);
    return request<AccountPage>("GET", `${V1}/users?${params}`);
  },
  options() {
    return request<AccountOptions>("GET", `${V1}/users/options`);
  },
  create(account) {
    return request("POST", `${V1}/users`, account);
  },
  async update(id, changes) {
    const { user } = await request<{ user: Account }>("PATCH", `${V1}/users/${id}`, changes);
    return user;
  },
  resetPassword(id, version) {
    return request("POST", `${V1}/users/${id}/password-reset`, { version });
  },
};
