/**
 * User management (GET/POST/PATCH /api/v1/users): the system admin manages every account,
 * a municipal admin the staff accounts (caseworker, finance officer, municipal admin) of
 * their own municipality; another municipality's account, or a resident's, is not there for
 * them (404). An administrator never sets a password: a new account and a reset get a
 * random one-time password, answered once and stored only as its argon2 hash, which the
 * user must replace at their first sign-in. Deactivating or resetting ends the user's
 * sessions at once. Every change and every read of the list writes an audit record, with
 * the names of the fields changed and never a password.
 */
import type { Db, Queryable } from "../../db/connection";
import {
  type AccessContext,
  type Language,
  MUNICIPAL_ROLES,
  ROLES,
  type Role,
} from "../../domain/access";
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from "../../domain/errors";
import { recordAudit } from "../audit";
import { hashPassword, oneTimePassword } from "./password";
import { deleteSessionsOfUser } from "./session.repository";
import {
  type Account,
  type AccountChanges,
  type AccountScope,
  findAccount,
  gemeenteExists,
  insertUser,
  listAccounts,
  listGemeenten,
  updateAccount,
  usernameExists,
} from "./user.repository";

export type { Account } from "./user.repository";

/** 3–64 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/i;

const NATIONAL_ROLES: readonly Role[] = ["national_coordinator", "system_admin"];

/** Everything, for a system admin; one municipality's staff for a municipal admin. */
function accountScope(ctx: AccessContext): AccountScope {
  if (ctx.scope.kind === "system") return { gemeenteCode: null, roles: null };
  if (ctx.scope.kind === "gemeente") {
    return { gemeenteCode: ctx.scope.gemeente, roles: MUNICIPAL_ROLES };
  }
  throw new NotFoundError("user");
}

/** The roles the caller may give: municipal ones in their own municipality, or any. */
function checkGrant(ctx: AccessContext, role: Role, gemeenteCode: string | null | undefined) {
  if (ctx.scope.kind !== "gemeente") return;
  if (!MUNICIPAL_ROLES.includes(role)) {
    throw new ForbiddenError(
      `a municipal admin gives only municipal roles (${MUNICIPAL_ROLES.join(", ")})`,
      "role_not_allowed",
    );
  }
  if (gemeenteCode != null && gemeenteCode !== ctx.scope.gemeente) {
    throw new ForbiddenError(
      "a municipal admin manages accounts of their own municipality only",
      "gemeente_not_allowed",
    );
  }
}

const RESIDENT_REFUSED: Issue = {
  path: "role",
  code: "role_resident_not_supported",
  message:
    "resident accounts belong to a person and are made with the CLI (opvang user create --role resident --person-id …); here they can only be renamed, deactivated or given a new password",
};

/**
 * The municipality an account with `role` gets: none for a national role, else the one
 * given (checked to exist when it is new) or kept.
 */
async function gemeenteFor(
  db: Queryable,
  role: Role,
  given: string | null | undefined,
  current: string | null,
  issues: Issue[],
): Promise<string | null> {
  if (NATIONAL_ROLES.includes(role)) {
    if (given) {
      issues.push({
        path: "gemeenteCode",
        code: "gemeente_not_allowed",
        message: `role ${role} is national and takes no municipality`,
      });
    }
    return null;
  }
  const code = given === undefined ? current : given;
  if (!code) {
    issues.push({
      path: "gemeenteCode",
      code: "gemeente_required",
      message: `role ${role} needs a municipality (GM code)`,
    });
    return null;
  }
  if (code !== current && !(await gemeenteExists(db, code))) {
    issues.push({
      path: "gemeenteCode",
      code: "gemeente_unknown",
      message: `no municipality ${code}`,
      params: { code },
    });
  }
  return code;
}

function displayNameOf(value: string, issues: Issue[]): string {
  const trimmed = value.trim();
  if (!trimmed) issues.push({ path: "displayName", code: "required", message: "is required" });
  return trimmed;
}

export interface AccountListFilter {
  q?: string;
  role?: Role;
  active?: boolean;
  limit?: number;
  offset?: number;
}

/** A page of the accounts the caller may manage; the read is audited. */
export async function listUsers(db: Db, ctx: AccessContext, filter: AccountListFilter) {
  const scope = accountScope(ctx);
  const limit = filter.limit ?? 50;
  const offset = filter.offset ?? 0;
  const q = filter.q?.trim();
  const { accounts, total } = await listAccounts(db, scope, {
    q: q || undefined,
    role: filter.role,
    active: filter.active,
    limit,
    offset,
  });
  await recordAudit(db, ctx, {
    action: "read",
    entityType: "user",
    gemeenteCode: scope.gemeenteCode,
    fields: ["username", "displayName", "role", "gemeenteCode", "active", "lastSignInAt"],
  });
  return { users: accounts, total, limit, offset };
}

export interface NewAccountInput {
  username: string;
  displayName: string;
  role: Role;
  gemeenteCode?: string | null;
  language: Language;
}

/** Postgres' unique violation (the username index), from PGlite or pg. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err?.cause?.code ?? err?.code) === "23505";
}

function usernameTaken(username: string): ConflictError {
  return new ConflictError(`username ${username} is taken`, undefined, [], {
    code: "username_taken",
    issues: [
      { path: "username", code: "username_taken", message: `username ${username} is taken` },
    ],
  });
}

/**
 * Creates an account with a one-time password, answered here once; the user chooses their
 * own at the first sign-in.
 */
export async function createAccount(db: Db, ctx: AccessContext, input: NewAccountInput) {
  const scope = accountScope(ctx);
  checkGrant(ctx, input.role, input.gemeenteCode);
  const issues: Issue[] = [];
  const username = input.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    issues.push({
      path: "username",
      code: "username_format",
      message:
        "use 3–64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
    });
  }
  const displayName = displayNameOf(input.displayName, issues);
  if (input.role === "resident") issues.push(RESIDENT_REFUSED);
  const gemeenteCode =
    scope.gemeenteCode !== null
      ? scope.gemeenteCode
      : input.role === "resident"
        ? null
        : await gemeenteFor(db, input.role, input.gemeenteCode, null, issues);
  if (issues.length) throw new ValidationError(issues);
  if (await usernameExists(db, username)) throw usernameTaken(username);

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      if (await usernameExists(tx, username)) throw usernameTaken(username);
      const id = await insertUser(tx, {
        username,
        displayName,
        passwordHash,
        role: input.role,
        gemeenteCode,
        language: input.language,
        mustChangePassword: true,
      });
      await recordAudit(tx, ctx, {
        action: "create",
        entityType: "user",
        entityId: id,
        gemeenteCode,
        fields: ["username", "displayName", "role", "gemeenteCode", "language", "password"],
      });
      const user = (await findAccount(tx, id, { gemeenteCode: null, roles: null }))!;
      return { user, initialPassword: password };
    });
  } catch (e) {
    // Two administrators creating the same username at once: the unique index decides.
    if (isUniqueViolation(e)) throw usernameTaken(username);
    throw e;
  }
}

export interface AccountChangeInput {
  version: number;
  displayName?: string;
  role?: Role;
  gemeenteCode?: string | null;
  active?: boolean;
}

function conflict(current: Account): ConflictError {
  return new ConflictError("the account was changed by someone else", current);
}

/**
 * Changes display name, role (with the municipality, for the system admin) or whether the
 * account is active. Nobody deactivates their own account or changes their own role; a
 * deactivated account's sessions end at once.
 */
export async function changeAccount(
  db: Db,
  ctx: AccessContext,
  id: number,
  input: AccountChangeInput,
) {
  const scope = accountScope(ctx);
  return db.transaction(async (tx) => {
    const current = await findAccount(tx, id, scope, { lock: true });
    if (!current) throw new NotFoundError("user");
    const roleChanges = input.role !== undefined && input.role !== current.role;
    const gemeenteChanges =
      input.gemeenteCode !== undefined && input.gemeenteCode !== current.gemeenteCode;
    if (id === ctx.id) {
      if (input.active === false) {
        throw new UnprocessableError({
          path: "active",
          code: "own_account_deactivation",
          message: "you cannot deactivate your own account; another administrator can",
        });
      }
      if (roleChanges || gemeenteChanges) {
        throw new UnprocessableError({
          path: roleChanges ? "role" : "gemeenteCode",
          code: "own_role_change",
          message: "you cannot change your own role or municipality; another administrator can",
        });
      }
    }
    const role = input.role ?? current.role;
    checkGrant(ctx, role, input.gemeenteCode);

    const issues: Issue[] = [];
    const changes: AccountChanges = {};
    if (input.displayName !== undefined) {
      const displayName = displayNameOf(input.displayName, issues);
      if (displayName !== current.displayName) changes.displayName = displayName;
    }
    if (current.role === "resident" || role === "resident") {
      if (roleChanges) issues.push(RESIDENT_REFUSED);
      else if (gemeenteChanges) issues.push({ ...RESIDENT_REFUSED, path: "gemeenteCode" });
    } else if (scope.gemeenteCode === null && (roleChanges || gemeenteChanges)) {
      const gemeenteCode = await gemeenteFor(
        tx,
        role,
        input.gemeenteCode,
        current.gemeenteCode,
        issues,
      );
      if (gemeenteCode !== current.gemeenteCode) changes.gemeenteCode = gemeenteCode;
    }
    if (roleChanges) changes.role = role;
    if (input.active !== undefined && input.active !== current.active) {
      changes.active = input.active;
    }
    if (issues.length) throw new ValidationError(issues);
    if (current.version !== input.version) throw conflict(current);
    const fields = Object.keys(changes);
    if (fields.length === 0) return current;
    if (!(await updateAccount(tx, id, input.version, changes))) throw conflict(current);
    if (changes.active === false) await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, ctx, {
      action: "update",
      entityType: "user",
      entityId: id,
      gemeenteCode: changes.gemeenteCode ?? current.gemeenteCode,
      fields,
    });
    return (await findAccount(tx, id, { gemeenteCode: null, roles: null }))!;
  });
}

/**
 * Gives the account a new one-time password (answered here once) and ends its sessions:
 * for a user who forgot theirs, or whose password may be known to someone else.
 */
export async function resetPassword(
  db: Db,
  ctx: AccessContext,
  id: number,
  input: { version: number },
) {
  const scope = accountScope(ctx);
  if (id === ctx.id) {
    // Checked before the account is read: one's own account is always in scope.
    throw new UnprocessableError({
      path: "id",
      code: "own_password_reset",
      message: "change your own password with PUT /api/auth/me/password",
    });
  }
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const current = await findAccount(tx, id, scope, { lock: true });
    if (!current) throw new NotFoundError("user");
    if (current.version !== input.version) throw conflict(current);
    if (!(await updateAccount(tx, id, input.version, { passwordHash, mustChangePassword: true }))) {
      throw conflict(current);
    }
    await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, ctx, {
      action: "update",
      entityType: "user",
      entityId: id,
      gemeenteCode: current.gemeenteCode,
      fields: ["password", "mustChangePassword"],
    });
    const user = (await findAccount(tx, id, { gemeenteCode: null, roles: null }))!;
    return { user, oneTimePassword: password };
  });
}

/**
 * What the caller's forms may offer: the roles they may give (municipal roles, or all but
 * resident) and the municipalities (their own, or all).
 */
export async function accountOptions(db: Queryable, ctx: AccessContext) {
  const scope = accountScope(ctx);
  return {
    roles: scope.roles ? [...scope.roles] : ROLES.filter((role) => role !== "resident"),
    gemeenten: await listGemeenten(db, scope.gemeenteCode),
  };
}
