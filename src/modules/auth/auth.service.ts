import type { Db } from "../../db/connection";
import type { Role } from "../../db/schema";
import type { SessionUser } from "../../domain/access";
import { ValidationError } from "../../domain/errors";
import { recordAudit } from "../audit";
import { BusyError, checkPasswordStrength, hashPassword, verifySignInPassword } from "./password";
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
} from "./session.repository";
import { SignInLimits } from "./sign-in-limits";
import {
  findPasswordHash,
  findSessionUser,
  findUserForSignIn,
  insertUser,
  markSignedIn,
  setOwnPassword,
  setUserLanguage,
  usernameExists,
} from "./user.repository";

export class SignInError extends Error {
  constructor(
    readonly code: "invalid_credentials" | "too_many_attempts" | "sign_in_busy",
    /** For too_many_attempts and sign_in_busy: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(
      code === "invalid_credentials"
        ? "wrong username or password"
        : code === "too_many_attempts"
          ? "too many attempts, try again later"
          : "too many sign-ins at once, try again in a moment",
    );
    this.name = "SignInError";
  }
}

/** Limits for callers that bring none (the CLI, tests of the service); the HTTP app has its own. */
const defaultSignInLimits = new SignInLimits();

/**
 * Signs in with username and password from a client address. Limits are checked before
 * any argon2 work; the password check runs within the process-wide bound, and an unknown
 * username is checked against a dummy hash inside the same bound, so it costs the same as
 * a wrong password and reveals nothing.
 */
export async function signIn(
  db: Db,
  username: string,
  password: string,
  from: { address?: string; limits?: SignInLimits } = {},
) {
  const { address = "unknown", limits = defaultSignInLimits } = from;
  const key = username.toLowerCase();
  const refused = limits.begin(key, address);
  if (refused) throw new SignInError("too_many_attempts", refused.retryAfterSeconds);

  let user: Awaited<ReturnType<typeof findUserForSignIn>>;
  let ok: boolean;
  try {
    user = await findUserForSignIn(db, username);
    ok = await verifySignInPassword(user?.passwordHash, password);
  } catch (e) {
    limits.abandoned(address);
    if (e instanceof BusyError) throw new SignInError("sign_in_busy", 1);
    throw e;
  }
  if (!user || !ok || !user.active) {
    limits.failed(key, address);
    throw new SignInError("invalid_credentials");
  }
  limits.succeeded(key, address);
  const { passwordHash: _hash, active: _active, ...sessionUser } = user;
  return db.transaction(async (tx) => {
    // Expired sessions are removed here rather than by a timer: sign-ins are frequent
    // enough, and no session data outlives its use.
    await deleteExpiredSessions(tx);
    const s = await createSession(tx, user.id);
    await markSignedIn(tx, user.id);
    await recordAudit(tx, sessionUser, { action: "sign_in", entityType: "session" });
    return { ...s, user: sessionUser as SessionUser };
  });
}

export async function signOut(db: Db, user: SessionUser, idHash: string) {
  await db.transaction(async (tx) => {
    await deleteSession(tx, idHash);
    await recordAudit(tx, user, { action: "sign_out", entityType: "session" });
  });
}

/**
 * The signed-in user replaces their password (a one-time password from an administrator,
 * or their own): the current one is checked within the sign-in limits, as a sign-in is, so
 * a session left open cannot be used to guess it. The user's other sessions end.
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  keepSession: string,
  input: { currentPassword: string; newPassword: string },
  from: { address?: string; limits?: SignInLimits } = {},
) {
  const { address = "unknown", limits = defaultSignInLimits } = from;
  const issues = [];
  const weak = checkPasswordStrength(input.newPassword);
  if (weak) issues.push({ path: "newPassword", code: "password_weak", message: weak });
  else if (input.newPassword === input.currentPassword) {
    issues.push({
      path: "newPassword",
      code: "password_unchanged",
      message: "choose a password other than the current one",
    });
  }
  if (issues.length) throw new ValidationError(issues);
  const key = user.username.toLowerCase();
  const refused = limits.begin(key, address);
  if (refused) throw new SignInError("too_many_attempts", refused.retryAfterSeconds);
  let ok: boolean;
  try {
    const hash = await findPasswordHash(db, user.id);
    ok = hash !== undefined && (await verifySignInPassword(hash, input.currentPassword));
  } catch (e) {
    limits.abandoned(address);
    if (e instanceof BusyError) throw new SignInError("sign_in_busy", 1);
    throw e;
  }
  if (!ok) {
    limits.failed(key, address);
    throw new ValidationError({
      path: "currentPassword",
      code: "password_wrong",
      message: "the current password is not right",
    });
  }
  limits.succeeded(key, address);
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await setOwnPassword(tx, user.id, passwordHash);
    await deleteSessionsOfUser(tx, user.id, keepSession);
    await recordAudit(tx, user, {
      action: "update",
      entityType: "user",
      entityId: user.id,
      gemeenteCode: user.gemeenteCode,
      fields: ["password"],
    });
    return (await findSessionUser(tx, user.id))!;
  });
}

export async function changeLanguage(db: Db, user: SessionUser, language: "nl" | "uk" | "en") {
  await setUserLanguage(db, user.id, language);
  return (await findSessionUser(db, user.id))!;
}

const MUNICIPAL_ROLES: Role[] = ["caseworker", "finance_officer", "municipal_admin", "resident"];

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  gemeenteCode?: string | null;
  personId?: number | null;
  language?: "nl" | "uk" | "en";
}

export async function createUser(db: Db, input: CreateUserInput, actor: SessionUser | null = null) {
  const issues = [];
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/i.test(input.username)) {
    issues.push({
      path: "username",
      code: "username_format",
      message: "use 3–64 letters, digits, dots, dashes or underscores",
    });
  }
  const weak = checkPasswordStrength(input.password);
  if (weak) issues.push({ path: "password", code: "password_weak", message: weak });
  const municipal = MUNICIPAL_ROLES.includes(input.role);
  if (municipal && !input.gemeenteCode) {
    issues.push({
      path: "gemeente",
      code: "gemeente_required",
      message: `role ${input.role} needs a municipality (GM code)`,
    });
  }
  if (!municipal && input.gemeenteCode) {
    issues.push({
      path: "gemeente",
      code: "gemeente_not_allowed",
      message: `role ${input.role} is national and takes no municipality`,
    });
  }
  if (input.role === "resident" && !input.personId) {
    issues.push({ path: "person", code: "person_required", message: "a resident needs a person" });
  }
  if (issues.length) throw new ValidationError(issues);
  if (await usernameExists(db, input.username)) {
    throw new ValidationError({
      path: "username",
      code: "username_taken",
      message: `username ${input.username} is taken`,
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      gemeenteCode: municipal ? (input.gemeenteCode ?? null) : null,
      personId: input.personId ?? null,
      language: input.language,
    });
    await recordAudit(tx, actor, { action: "create", entityType: "user", entityId: id });
    return id;
  });
}
