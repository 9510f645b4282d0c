import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lte, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../db/connection";
import { session } from "../../db/schema";

export const SESSION_HOURS = 12;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only the hash is stored: a copy of the sessions table signs nobody in. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(db: Queryable, userId: number) {
  const token = newToken();
  const csrfToken = newToken();
  const idHash = hashToken(token);
  await db.insert(session).values({
    idHash,
    userId,
    csrfToken,
    expiresAt: sql`now() + make_interval(hours => ${SESSION_HOURS})` as unknown as string,
  });
  return { token, csrfToken, idHash };
}

/** A live session by its token (see findLiveSessionUser for the request path). */
export async function findLiveSession(db: Queryable, token: string) {
  const [row] = await db
    .select({ idHash: session.idHash, userId: session.userId, csrfToken: session.csrfToken })
    .from(session)
    .where(and(eq(session.idHash, hashToken(token)), gt(session.expiresAt, sql`now()`)));
  return row;
}

export async function deleteSession(db: Queryable, idHash: string) {
  await db.delete(session).where(eq(session.idHash, idHash));
}

export async function deleteExpiredSessions(db: Queryable) {
  await db.delete(session).where(lte(session.expiresAt, sql`now()`));
}

/** Ends every session of a user, or every one but `except` (the session making the change). */
export async function deleteSessionsOfUser(db: Queryable, userId: number, except?: string) {
  await db
    .delete(session)
    .where(
      except === undefined
        ? eq(session.userId, userId)
        : and(eq(session.userId, userId), ne(session.idHash, except)),
    );
}
