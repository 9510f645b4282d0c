import { request } from "../../api";

/**
 * The access log's view of the API: find a person (GET /persons?q=) and read who looked at
 * or changed their file (GET /persons/{id}/audit, municipal admin only). The page takes an
 * `AuditApi` so that tests can pass a fake.
 */

/** A search hit, as the API sends it (snake_case columns). */
export interface PersonHit {
  id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  bsn: string | null;
  v_number: string | null;
}

/** One audit record: who did what to the person's file, when (UTC), and which fields. */
export interface AuditRecord {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: number | null;
  gemeenteCode: string | null;
  fields: string[] | null;
  reason: string | null;
  /** How many persons a shared record lists (the municipality's log; 0 in a person's). */
  persons?: number;
}

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

export interface AuditLogPage {
  person: {
    id: number;
    familyName: string;
    givenNames: string;
    familyNameCyrillic: string | null;
    givenNamesCyrillic: string | null;
  } | null;
  offset: number;
  limit: number;
  hasMore: boolean;
  records: AuditRecord[];
}

/** A staff account, for the filter on user. */
export interface StaffAccount {
  id: number;
  username: string;
  displayName: string;
}

/** Records per page of the log. */
export const LOG_PAGE_SIZE = 50;

export interface AuditApi {
  search(q: string): Promise<PersonHit[]>;
  /** A person's log (GET /persons/{id}/audit), without pages or filters. */
  accessLog(personId: number): Promise<AuditRecord[]>;
  /** The municipality's log or a person's, filtered, a page at a time (GET /audit). */
  log(filter: AuditLogFilter): Promise<AuditLogPage>;
  /** The municipality's staff accounts (GET /users). */
  users(): Promise<StaffAccount[]>;
}

const V1 = "/api/v1";

export const auditApi: AuditApi = {
  async search(q) {
    const params = new URLSearchParams({ q: q.trim(), limit: "200" });
    const { results } = await request<{ results: PersonHit[] }>("GET", `${V1}/persons?${params}`);
    return results;
  },
  async accessLog(personId) {
    const { records } = await request<{ records: AuditRecord[] }>(
      "GET",
      `${V1}/persons/${personId}/audit`,
    );
    return records;
  },
  log(filter) {
    const params = new URLSearchParams({
      limit: String(LOG_PAGE_SIZE),
      offset: String((filter.page - 1) * LOG_PAGE_SIZE),
    });
    if (filter.personId !== null) params.set("personId", String(filter.personId));
    if (filter.userId !== null) params.set("userId", String(filter.userId));
    if (filter.action) params.set("action", filter.action);
    if (filter.from) params.set("from", filter.from);
    if (filter.to) params.set("to", filter.to);
    return request<AuditLogPage>("GET", `${V1}/audit?${params}`);
  },
  async users() {
    const { users } = await request<{ users: StaffAccount[] }>("GET", `${V1}/users?limit=200`);
    return users;
  },
};
