import { desc, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/connection";
import { auditRecord } from "../../db/schema";
import type { SessionUser } from "../../http/context";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** Whose personal data was read or changed. */
  personId?: number | null;
  gemeenteCode?: string | null;
  /** Names of the fields read or changed, never their values. */
  fields?: string[];
  reason?: string | null;
}

/**
 * Writes one audit record. Call it inside the same transaction as the change it records,
 * so a change without its audit record cannot exist.
 */
export async function recordAudit(
  db: Queryable,
  actor: Pick<SessionUser, "id" | "username" | "role"> | null,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditRecord).values({
    userId: actor?.id ?? null,
    username: actor?.username ?? null,
    role: actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    personId: entry.personId ?? null,
    gemeenteCode: entry.gemeenteCode ?? null,
    fields: entry.fields ?? null,
    reason: entry.reason ?? null,
  });
}

/**
 * The same audit entry for each of many persons, in one statement: a search result, an
 * import or a household read touches several persons' data, and each person's access log
 * must show it.
 */
export async function recordAuditForPersons(
  db: Queryable,
  actor: Pick<SessionUser, "id" | "username" | "role"> | null,
  entry: Omit<AuditEntry, "personId">,
  personIds: readonly number[],
): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  await db.execute(sql`
    insert into audit_record
      (user_id, username, role, action, entity_type, entity_id, person_id, gemeente_code, fields, reason)
    select ${actor?.id ?? null}::int, ${actor?.username ?? null}::text, ${actor?.role ?? null}::text,
      ${entry.action}::text, ${entry.entityType}::text,
      ${entry.entityId == null ? null : String(entry.entityId)}::text, p.id,
      ${entry.gemeenteCode ?? null}::text, ${JSON.stringify(entry.fields ?? null)}::jsonb,
      ${entry.reason ?? null}::text
    from json_array_elements_text(${JSON.stringify(ids)}::json) as ids(v)
    cross join lateral (select ids.v::int as id) p`);
}

export async function listAuditForPerson(db: Queryable, personId: number, limit = 200) {
  return db
    .select()
    .from(auditRecord)
    .where(eq(auditRecord.personId, personId))
    .orderBy(desc(auditRecord.at), desc(auditRecord.id))
    .limit(limit);
}
