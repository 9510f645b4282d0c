import { and, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { preparedStatement, type Queryable } from "../../db/connection";
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
  /** A one-time password given by an administrator: the user must choose their own. */
  mustChangePassword?: boolean;
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
  mustChangePassword: appUser.mustChangePassword,
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
 * this, so it is one round trip instead of two, and a statement prepared once (each
 * connection plans it once; nothing is cached: a session ended, a user deactivated or a
 * password changed is seen by the next request).
 */
const liveSessionUser = preparedStatement<SessionUser & { idHash: string; csrfToken: string }>(
  "live_session_user",
  () => sql`select ${appUser.id} as "id", ${appUser.username} as "username",
      ${appUser.displayName} as "displayName", ${appUser.role} as "role",
      ${appUser.gemeenteCode} as "gemeenteCode", ${gemeente.name} as "gemeenteName",
      ${appUser.personId} as "personId", ${appUser.language} as "language",
      ${appUser.mustChangePassword} as "mustChangePassword",
      ${session.idHash} as "idHash", ${session.csrfToken} as "csrfToken"
    from ${session}
    inner join ${appUser} on ${appUser.id} = ${session.userId}
    left join ${gemeente} on ${gemeente.code} = ${appUser.gemeenteCode}
    where ${session.idHash} = ${sql.placeholder("idHash")} and ${session.expiresAt} > now()
      and ${appUser.active} = true`,
);

export async function findLiveSessionUser(db: Queryable, idHash: string) {
  const [row] = await liveSessionUser(db, { idHash });
  if (!row) return undefined;
  const { idHash: hash, csrfToken, ...user } = row;
  return { session: { idHash: hash, csrfToken }, user: user as SessionUser };
}

/** Notes a successful sign-in (not a change an administrator made: the version stays). */
export async function markSignedIn(db: Queryable, id: number) {
  await db.update(appUser).set({ lastSignInAt: sql`now()` }).where(eq(appUser.id, id));
}

// --- Accounts as administrators see them (GET/POST/PATCH /api/v1/users) -------------------

/** A timestamp as ISO 8601 in UTC, the same from PGlite and pg. */
const isoUtc = (column: SQL | typeof appUser.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** What an administrator sees of an account: never the password hash. */
const accountColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  role: appUser.role,
  gemeenteCode: appUser.gemeenteCode,
  gemeenteName: gemeente.name,
  active: appUser.active,
  mustChangePassword: appUser.mustChangePassword,
  lastSignInAt: isoUtc(sql`${appUser.lastSignInAt}`),
  createdAt: isoUtc(appUser.createdAt),
  version: appUser.version,
};

export type Account = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  gemeenteCode: string | null;
  gemeenteName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
};

/** The accounts an administrator may see: all (null), or one municipality's staff roles. */
export interface AccountScope {
  gemeenteCode: string | null;
  roles: readonly Role[] | null;
}

function scopeConditions(scope: AccountScope): SQL[] {
  const out: SQL[] = [];
  if (scope.gemeenteCode !== null) out.push(eq(appUser.gemeenteCode, scope.gemeenteCode));
  if (scope.roles !== null) out.push(inArray(appUser.role, [...scope.roles]));
  return out;
}

/** `%text%` for ILIKE, with the pattern characters of the text taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface AccountFilter {
  q?: string;
  role?: Role;
  active?: boolean;
  limit: number;
  offset: number;
}

/** A page of accounts, by username, with the number that match the filter. */
export async function listAccounts(db: Queryable, scope: AccountScope, filter: AccountFilter) {
  const conditions = scopeConditions(scope);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(
      or(ilike(appUser.username, pattern), ilike(appUser.displayName, pattern)) as SQL,
    );
  }
  if (filter.role) conditions.push(eq(appUser.role, filter.role));
  if (filter.active !== undefined) conditions.push(eq(appUser.active, filter.active));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select(accountColumns)
    .from(appUser)
    .leftJoin(gemeente, eq(gemeente.code, appUser.gemeenteCode))
    .where(where)
    .orderBy(sql`lower(${appUser.username})`, appUser.id)
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(appUser).where(where);
  return { accounts: rows as Account[], total: count?.n ?? 0 };
}

/** One account within the scope, or undefined (another municipality's is not there). */
export async function findAccount(
  db: Queryable,
  id: number,
  scope: AccountScope,
  options: { lock?: boolean } = {},
): Promise<Account | undefined> {
  const query = db
    .select(accountColumns)
    .from(appUser)
    .leftJoin(gemeente, eq(gemeente.code, appUser.gemeenteCode))
    .where(and(eq(appUser.id, id), ...scopeConditions(scope)));
  const [row] = options.lock ? await query.for("update", { of: appUser }) : await query;
  return row as Account | undefined;
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  gemeenteCode?: string | null;
  active?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

/**
 * Applies the changes when the account still has `version`, and counts it up; false when
 * someone changed it since (nothing is written then).
 */
export async function updateAccount(
  db: Queryable,
  id: number,
  version: number,
  changes: AccountChanges,
): Promise<boolean> {
  const rows = await db
    .update(appUser)
    .set({ ...changes, version: sql`${appUser.version} + 1` })
    .where(and(eq(appUser.id, id), eq(appUser.version, version)))
    .returning({ id: appUser.id });
  return rows.length === 1;
}

/** The user's own new password: no longer a one-time one. */
export async function setOwnPassword(db: Queryable, id: number, passwordHash: string) {
  await db
    .update(appUser)
    .set({ passwordHash, mustChangePassword: false, version: sql`${appUser.version} + 1` })
    .where(eq(appUser.id, id));
}

/** The password hash of an active account, for a user changing their own password. */
export async function findPasswordHash(db: Queryable, id: number): Promise<string | undefined> {
  const [row] = await db
    .select({ passwordHash: appUser.passwordHash })
    .from(appUser)
    .where(and(eq(appUser.id, id), eq(appUser.active, true)));
  return row?.passwordHash;
}

export async function gemeenteExists(db: Queryable, code: string): Promise<boolean> {
  const [row] = await db
    .select({ code: gemeente.code })
    .from(gemeente)
    .where(eq(gemeente.code, code));
  return row !== undefined;
}

/** Municipalities by name: all, or the one given. */
export async function listGemeenten(db: Queryable, code: string | null) {
  return db
    .select({ code: gemeente.code, name: gemeente.name })
    .from(gemeente)
    .where(code === null ? undefined : eq(gemeente.code, code))
    .orderBy(gemeente.name, gemeente.code);
}
