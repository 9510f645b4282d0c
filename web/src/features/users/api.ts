import { type Answer, client, data, type RequestBody, type Role, type Schemas } from "../../api";

/**
 * User management's view of the API (GET/POST/PATCH /api/v1/users, the password reset and
 * the options for the forms). The page takes a `UsersApi`, so that tests can pass a fake.
 */

export { MUNICIPAL_ROLES } from "../../../../src/domain/access";

/** An account as an administrator sees it (never a password or its hash). */
export type Account = Schemas["Account"];
export type AccountPage = Answer<"get", "/api/v1/users">;
/** What the signed-in administrator may give an account. */
export type AccountOptions = Answer<"get", "/api/v1/users/options">;

export interface UserFilter {
  q: string;
  role: Role | "";
  active: "" | "true" | "false";
  offset: number;
}

export const EMPTY_FILTER: UserFilter = { q: "", role: "", active: "", offset: 0 };

/** Accounts per page. */
export const PAGE_SIZE = 25;

export type NewAccount = RequestBody<"post", "/api/v1/users">;
export type AccountChanges = RequestBody<"patch", "/api/v1/users/{id}">;

export interface UsersApi {
  list(filter: UserFilter): Promise<AccountPage>;
  options(): Promise<AccountOptions>;
  create(account: NewAccount): Promise<Answer<"post", "/api/v1/users">>;
  update(id: number, changes: AccountChanges): Promise<Account>;
  resetPassword(
    id: number,
    version: number,
  ): Promise<Answer<"post", "/api/v1/users/{id}/password-reset">>;
}

export const usersApi: UsersApi = {
  list(filter) {
    return data(
      client.GET("/api/v1/users", {
        params: {
          query: {
            limit: PAGE_SIZE,
            offset: filter.offset,
            q: filter.q.trim(),
            role: filter.role || undefined,
            active: filter.active || undefined,
          },
        },
      }),
    );
  },
  options() {
    return data(client.GET("/api/v1/users/options"));
  },
  create(account) {
    return data(client.POST("/api/v1/users", { body: account }));
  },
  async update(id, changes) {
    const { user } = await data(
      client.PATCH("/api/v1/users/{id}", { params: { path: { id } }, body: changes }),
    );
    return user;
  },
  resetPassword(id, version) {
    return data(
      client.POST("/api/v1/users/{id}/password-reset", {
        params: { path: { id } },
        body: { version },
      }),
    );
  },
};
