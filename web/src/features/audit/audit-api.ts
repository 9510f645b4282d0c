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
}

export interface AuditApi {
  search(q: string): Promise<PersonHit[]>;
  accessLog(personId: number): Promise<AuditRecord[]>;
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
};
