import { and, eq, gt, sql } from "drizzle-orm";
import type { Queryable } from "../../db/connection";
import { appUser, gemeente, type Role, session } from "../../db/schema";
import type { SessionUser } from "../../domain/access";

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  gemeenteCode: string | null;
  personId?: number | null;
  language?: "nl" | "uk" | "en";
}

const sessionUserColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  role: appUser.role,
  gemeenteCode: appUser.gemeenteCode,
  gemeenteName: gemeente.name,
  personId: appUser.personId,
  language: appUser.language,
};

export async function findUserForSignIn(db: Queryable, username: string) {
  const [row] = await db
    .select({ ...sessionUserColumns, passwordHash: appUser.passwordHash, active: appUser.active })
    .from(appUser)
    .leftJoin(gemeente, eq(gemeente.code, appUser.gemeenteCode))
    .where(eq(sql`lower(${appUser.username})`, username.toLowerCase()));
  return row;
}

/** The user of a session; a deactivated user has none, so their sessions stop at once. */
export async function findSessionUser(db: Queryable, id: number): Promise<SessionUser | undefined> {
  const [row] = await db
    .select(sessionUserColumns)
    .from(appUser)
    .leftJoin(gemeente, eq(gemeente.code, appUser.gemeenteCode))
    .where(and(eq(appUser.id, id), eq(appUser.active, true)));
  return row;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<number> {
  const [row] = await db
    .insert(appUser)
    .values({ ...user, personId: user.personId ?? null, language: user.language ?? "nl" })
    .returning({ id: appUser.id });
  return row!.id;
}

export async function setUserLanguage(db: Queryable, id: number, language: "nl" | "uk" | "en") {
  await db.update(appUser).set({ language }).where(eq(appUser.id, id));
}

export async function usernameExists(db: Queryable, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(sql`lower(${appUser.username})`, username.toLowerCase()));
  return row !== undefined;
}

/**
 * A live session and its active user in one statement: every signed-in request starts with
 * this, so it is one round trip instead of two.
 */
export async function findLiveSessionUser(db: Queryable, idHash: string) {
  const [row] = await db
    .select({ ...sessionUserColumns, idHash: session.idHash, csrfToken: session.csrfToken })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .leftJoin(gemeente, eq(gemeente.code, appUser.gemeenteCode))
    .where(
      and(eq(session.idHash, idHash), gt(session.expiresAt, sql`now()`), eq(appUser.active, true)),
    );
  if (!row) return undefined;
  const { idHash: hash, csrfToken, ...user } = row;
  return { session: { idHash: hash, csrfToken }, user: user as SessionUser };
}
