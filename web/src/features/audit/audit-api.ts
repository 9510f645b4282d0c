import { type Answer, client, data, type QueryOf, type Schemas } from "../../api";

/**
 * The access log's view of the API: find a person (GET /persons?q=) and read who looked at
 * or changed their file (GET /persons/{id}/audit, municipal admin only). The page takes an
 * `AuditApi` so that tests can pass a fake.
 */

/** A search hit, as the API sends it (snake_case columns). */
export type PersonHit = Answer<"get", "/api/v1/persons">["results"][number];

/**
 * One record of the log: who did what to whose file, when (UTC), and which fields;
 * `persons` counts the persons a shared record lists (the municipality's log; 0 in a person's).
 */
export type AuditRecord = Schemas["AuditLog"]["records"][number];

/** One record of a person's own log (GET /persons/{id}/audit). */
export type PersonAuditRecord = Schemas["PersonAuditRecord"];

/**
 * What the log shows, as the address bar keeps it (/audit?person=12&action=read&page=2):
 * a person's log or the municipality's, by user, action and period (days, inclusive).
 */
export interface AuditLogFilter {
  personId: number | null;
  userId: number | null;
  action: string;
  from: string;
  to: string;
  /** 1-based. */
  page: number;
}

export type AuditLogPage = Schemas["AuditLog"];

/** A staff account, for the filter on user. */
export type StaffAccount = Pick<Schemas["Account"], "id" | "username" | "displayName">;

type AuditAction = NonNullable<QueryOf<"get", "/api/v1/audit">["action"]>;

/** Records per page of the log. */
export const LOG_PAGE_SIZE = 50;

export interface AuditApi {
  search(q: string): Promise<PersonHit[]>;
  /** A person's log (GET /persons/{id}/audit), without pages or filters. */
  accessLog(personId: number): Promise<PersonAuditRecord[]>;
  /** The municipality's log or a person's, filtered, a page at a time (GET /audit). */
  log(filter: AuditLogFilter): Promise<AuditLogPage>;
  /** The municipality's staff accounts (GET /users). */
  users(): Promise<StaffAccount[]>;
}

export const auditApi: AuditApi = {
  async search(q) {
    const { results } = await data(
      client.GET("/api/v1/persons", { params: { query: { q: q.trim(), limit: 200 } } }),
    );
    return results;
  },
  async accessLog(personId) {
    const { records } = await data(
      client.GET("/api/v1/persons/{id}/audit", { params: { path: { id: personId } } }),
    );
    return records;
  },
  log(filter) {
    return data(
      client.GET("/api/v1/audit", {
        params: {
          query: {
            limit: LOG_PAGE_SIZE,
            offset: (filter.page - 1) * LOG_PAGE_SIZE,
            personId: filter.personId ?? undefined,
            userId: filter.userId ?? undefined,
            action: (filter.action || undefined) as AuditAction | undefined,
            from: filter.from,
            to: filter.to,
          },
        },
      }),
    );
  },
  async users() {
    const { users } = await data(
      client.GET("/api/v1/users", { params: { query: { limit: 200 } } }),
    );
    return users;
  },
};
