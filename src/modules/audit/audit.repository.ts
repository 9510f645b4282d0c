import { and, desc, eq } from "drizzle-orm";
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

export async function listAuditForPerson(db: Queryable, personId: number, limit = 200) {
  return db
    .select()
    .from(auditRecord)
    .where(eq(auditRecord.personId, personId))
    .orderBy(desc(auditRecord.at), desc(auditRecord.id))
    .limit(limit);
}

export async function listAuditForUser(db: Queryable, userId: number, action?: string) {
  const where = action
    ? and(eq(auditRecord.userId, userId), eq(auditRecord.action, action))
    : eq(auditRecord.userId, userId);
  return db.select().from(auditRecord).where(where).orderBy(desc(auditRecord.id)).limit(200);
}
