import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
  TEST_PASSWORD,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";

interface Account {
  id: number;
  username: string;
  displayName: string;
  role: string;
  gemeenteCode: string | null;
  gemeenteName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
}
type ErrorAnswer = {
  error: { code: string; message: string; issues?: { path: string; code: string }[] };
};
type Created = { user: Account; initialPassword: string };

describe(`user management (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let sysadmin: Client;
  let adminUtrecht: Client;
  let adminUtrechtId: number;
  let cwAmsterdamId: number;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "sysadmin", "system_admin", null);
    adminUtrechtId = await insertTestUser(t.database, "admin-utrecht", "municipal_admin", "GM0344");
    await insertTestUser(t.database, "admin-amsterdam", "municipal_admin", "GM0363");
    cwAmsterdamId = await insertTestUser(t.database, "cw-amsterdam", "caseworker", "GM0363");
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
    sysadmin = await signIn(t.app, "sysadmin");
    adminUtrecht = await signIn(t.app, "admin-utrecht");
  });
  afterAll(() => t.database.destroy());

  const login = (username: string, password: string) =>
    t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
  const create = (client: Client, body: Record<string, unknown>) =>
    client.json<Created & ErrorAnswer>("POST", "/api/v1/users", { language: "nl", ...body });
  const list = async (client: Client, qs = "") =>
    client.json<{ users: Account[]; total: number } & ErrorAnswer>("GET", `/api/v1/users${qs}`);
  const sessionsOf = async (id: number) =>
    (
      await query<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from session where user_id = ${id}`,
      )
    )[0]!.n;

  it("the system admin creates a caseworker who signs in with the one-time password and must choose their own", async () => {
    const res = await create(sysadmin, {
      username: "new-caseworker",
      displayName: "Olena Kovalenko",
      role: "caseworker",
      gemeenteCode: "GM0344",
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: "new-caseworker",
      displayName: "Olena Kovalenko",
      role: "caseworker",
      gemeenteCode: "GM0344",
      gemeenteName: "Utrecht",
      active: true,
      mustChangePassword: true,
      lastSignInAt: null,
      version: 1,
    });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    const password = res.body.initialPassword;
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

    const cw = await signIn(t.app, "new-caseworker", password);
    const me = await cw.json<{ user: { mustChangePassword: boolean; permissions: string[] } }>(
      "GET",
      "/api/auth/me",
    );
    expect(me.body.user.mustChangePassword).toBe(true);
    // Until the one-time password is replaced, only routes about oneself answer.
    const blocked = await cw.json<ErrorAnswer>("GET", "/api/v1/locations");
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("password_change_required");

    const changed = await cw.json<{ user: { mustChangePassword: boolean } }>(
      "PUT",
      "/api/auth/me/password",
      { currentPassword: password, newPassword: "my-own-password-42" },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await cw.request("/api/v1/locations")).status).toBe(200);
    // The one-time password is spent; the own one signs in.
    expect((await login("new-caseworker", password)).status).toBe(401);
    expect((await login("new-caseworker", "my-own-password-42")).status).toBe(200);

    const found = await list(sysadmin, "?q=new-caseworker");
    expect(found.body.users).toHaveLength(1);
    expect(found.body.users[0]!.lastSignInAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(found.body.users[0]!.mustChangePassword).toBe(false);
  });

  it("two generated passwords differ", async () => {
    const a = await create(sysadmin, { username: "pw-a", displayName: "A", role: "coordinator" });
    expect(a.status).toBe(400); // not a role
    const one = await create(sysadmin, {
      username: "pw-one",
      displayName: "One",
      role: "national_coordinator",
    });
    const two = await create(sysadmin, {
      username: "pw-two",
      displayName: "Two",
      role: "national_coordinator",
    });
    expect(one.status).toBe(201);
    expect(one.body.user.gemeenteCode).toBeNull();
    expect(one.body.initialPassword).not.toBe(two.body.initialPassword);
  });

  it("security: a municipal admin sees only their municipality's staff", async () => {
    const res = await list(adminUtrecht, "?limit=200");
    expect(res.status).toBe(200);
    const names = res.body.users.map((u) => u.username);
    expect(names).toContain("admin-utrecht");
    expect(names).not.toContain("cw-amsterdam");
    expect(names).not.toContain("sysadmin");
    expect(names).not.toContain("coordinator");
    expect(res.body.users.every((u) => u.gemeenteCode === "GM0344")).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/password_?hash|argon2/i);
    // The system admin sees everyone.
    const all = await list(sysadmin, "?limit=200");
    expect(all.body.users.map((u) => u.username)).toEqual(
      expect.arrayContaining(["cw-amsterdam", "sysadmin", "coordinator", "admin-utrecht"]),
    );
  });

  it("security: a municipal admin cannot change or reset another municipality's account (404)", async () => {
    const patch = await adminUtrecht.json<ErrorAnswer>("PATCH", `/api/v1/users/${cwAmsterdamId}`, {
      version: 1,
      active: false,
    });
    expect(patch.status).toBe(404);
    const reset = await adminUtrecht.json<ErrorAnswer>(
      "POST",
      `/api/v1/users/${cwAmsterdamId}/password-reset`,
      { version: 1 },
    );
    expect(reset.status).toBe(404);
    const [row] = await query<{ active: boolean; version: number }>(
      t.db,
      sql`select active, version from app_user where id = ${cwAmsterdamId}`,
    );
    expect(row).toEqual({ active: true, version: 1 });
    // And the Amsterdam caseworker still signs in with their own password.
    expect((await login("cw-amsterdam", TEST_PASSWORD)).status).toBe(200);
  });

  it("security: a municipal admin creates no national role and no account elsewhere (403 with a code)", async () => {
    const national = await create(adminUtrecht, {
      username: "would-be-coordinator",
      displayName: "X",
      role: "national_coordinator",
    });
    expect(national.status).toBe(403);
    expect(national.body.error.code).toBe("role_not_allowed");
    const elsewhere = await create(adminUtrecht, {
      username: "would-be-amsterdam",
      displayName: "X",
      role: "caseworker",
      gemeenteCode: "GM0363",
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe("gemeente_not_allowed");
    const rows = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from app_user where username like 'would-be-%'`,
    );
    expect(rows[0]!.n).toBe(0);
    // Without a municipality the account is the admin's own municipality's.
    const own = await create(adminUtrecht, {
      username: "finance-new",
      displayName: "Finance",
      role: "finance_officer",
    });
    expect(own.status).toBe(201);
    expect(own.body.user.gemeenteCode).toBe("GM0344");
  });

  it("security: a municipal admin cannot raise an account beyond the municipal roles", async () => {
    const id = await insertTestUser(t.database, "cw-to-raise", "caseworker", "GM0344");
    const res = await adminUtrecht.json<ErrorAnswer>("PATCH", `/api/v1/users/${id}`, {
      version: 1,
      role: "system_admin",
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("role_not_allowed");
    const ok = await adminUtrecht.json<{ user: Account }>("PATCH", `/api/v1/users/${id}`, {
      version: 1,
      role: "finance_officer",
      displayName: "  Taras Bondar  ",
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({
      role: "finance_officer",
      displayName: "Taras Bondar",
      version: 2,
    });
  });

  it("security: deactivating ends the sessions at once and sign-in fails as for a wrong password", async () => {
    const id = await insertTestUser(t.database, "leaver", "caseworker", "GM0344");
    const leaver = await signIn(t.app, "leaver");
    expect(await sessionsOf(id)).toBe(1);
    const res = await adminUtrecht.json<{ user: Account }>("PATCH", `/api/v1/users/${id}`, {
      version: 1,
      active: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.user.active).toBe(false);
    expect(await sessionsOf(id)).toBe(0);
    expect((await leaver.request("/api/auth/me")).status).toBe(401);
    const right = await login("leaver", TEST_PASSWORD);
    const wrong = await login("leaver", "not-the-password");
    expect(right.status).toBe(401);
    expect(await right.json()).toEqual(await wrong.json());
    // Listed as inactive; reactivated, they sign in again.
    const inactive = await list(adminUtrecht, "?active=false");
    expect(inactive.body.users.map((u) => u.username)).toContain("leaver");
    await adminUtrecht.json("PATCH", `/api/v1/users/${id}`, { version: 2, active: true });
    expect((await login("leaver", TEST_PASSWORD)).status).toBe(200);
  });

  it("nobody deactivates, demotes or resets their own account", async () => {
    const deactivate = await adminUtrecht.json<ErrorAnswer>(
      "PATCH",
      `/api/v1/users/${adminUtrechtId}`,
      { version: 1, active: false },
    );
    expect(deactivate.status).toBe(422);
    expect(deactivate.body.error.code).toBe("own_account_deactivation");
    const demote = await adminUtrecht.json<ErrorAnswer>(
      "PATCH",
      `/api/v1/users/${adminUtrechtId}`,
      { version: 1, role: "caseworker" },
    );
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe("own_role_change");
    const reset = await adminUtrecht.json<ErrorAnswer>(
      "POST",
      `/api/v1/users/${adminUtrechtId}/password-reset`,
      { version: 1 },
    );
    expect(reset.status).toBe(422);
    expect(reset.body.error.code).toBe("own_password_reset");
    // Their own display name they may change.
    const rename = await adminUtrecht.json<{ user: Account }>(
      "PATCH",
      `/api/v1/users/${adminUtrechtId}`,
      { version: 1, displayName: "Beheer Utrecht" },
    );
    expect(rename.status).toBe(200);
    expect((await adminUtrecht.request("/api/auth/me")).status).toBe(200);
  });

  it("a stale version answers 409 with the current account, and writes nothing", async () => {
    const id = await insertTestUser(t.database, "twice-changed", "caseworker", "GM0344");
    expect(
      (await adminUtrecht.json("PATCH", `/api/v1/users/${id}`, { version: 1, displayName: "A" }))
        .status,
    ).toBe(200);
    const stale = await adminUtrecht.json<ErrorAnswer & { error: { current: Account } }>(
      "PATCH",
      `/api/v1/users/${id}`,
      { version: 1, active: false },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(stale.body.error.current).toMatchObject({ id, displayName: "A", version: 2 });
    const reset = await adminUtrecht.json<ErrorAnswer>(
      "POST",
      `/api/v1/users/${id}/password-reset`,
      { version: 1 },
    );
    expect(reset.status).toBe(409);
    const [row] = await query<{ active: boolean; must: boolean }>(
      t.db,
      sql`select active, must_change_password as must from app_user where id = ${id}`,
    );
    expect(row).toEqual({ active: true, must: false });
  });

  it("a username taken (in any case) answers 409 username_taken naming the field", async () => {
    const res = await create(adminUtrecht, {
      username: "ADMIN-Amsterdam",
      displayName: "X",
      role: "caseworker",
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("username_taken");
    expect(res.body.error.issues?.map((i) => i.path)).toEqual(["username"]);
  });

  it("refuses a bad username, a resident, and a municipality that does not fit, naming the field (400)", async () => {
    const format = await create(sysadmin, {
      username: "a b",
      displayName: "X",
      role: "caseworker",
      gemeenteCode: "GM0344",
    });
    expect(format.status).toBe(400);
    expect(format.body.error.issues).toEqual([
      expect.objectContaining({ path: "username", code: "username_format" }),
    ]);
    const resident = await create(sysadmin, {
      username: "a-resident",
      displayName: "X",
      role: "resident",
      gemeenteCode: "GM0344",
    });
    expect(resident.status).toBe(400);
    expect(resident.body.error.issues?.[0]).toMatchObject({
      path: "role",
      code: "role_resident_not_supported",
    });
    const noGemeente = await create(sysadmin, {
      username: "no-gemeente",
      displayName: "X",
      role: "caseworker",
    });
    expect(noGemeente.body.error.issues?.[0]).toMatchObject({
      path: "gemeenteCode",
      code: "gemeente_required",
    });
    const unknown = await create(sysadmin, {
      username: "unknown-gemeente",
      displayName: "X",
      role: "caseworker",
      gemeenteCode: "GM9999",
    });
    expect(unknown.body.error.issues?.[0]).toMatchObject({
      path: "gemeenteCode",
      code: "gemeente_unknown",
    });
    const national = await create(sysadmin, {
      username: "national-with-gemeente",
      displayName: "X",
      role: "national_coordinator",
      gemeenteCode: "GM0344",
    });
    expect(national.body.error.issues?.[0]).toMatchObject({
      path: "gemeenteCode",
      code: "gemeente_not_allowed",
    });
    const misspelt = await sysadmin.json<ErrorAnswer>("PATCH", `/api/v1/users/${cwAmsterdamId}`, {
      version: 1,
      activ: false,
    });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.issues?.[0]?.path).toBe("activ");
  });

  it("the system admin moves an account between a municipal and a national role", async () => {
    const id = await insertTestUser(t.database, "mover", "caseworker", "GM0344");
    const up = await sysadmin.json<{ user: Account }>("PATCH", `/api/v1/users/${id}`, {
      version: 1,
      role: "national_coordinator",
    });
    expect(up.status).toBe(200);
    expect(up.body.user).toMatchObject({ role: "national_coordinator", gemeenteCode: null });
    const backWithout = await sysadmin.json<ErrorAnswer>("PATCH", `/api/v1/users/${id}`, {
      version: 2,
      role: "caseworker",
    });
    expect(backWithout.status).toBe(400);
    expect(backWithout.body.error.issues?.[0]?.code).toBe("gemeente_required");
    const back = await sysadmin.json<{ user: Account }>("PATCH", `/api/v1/users/${id}`, {
      version: 2,
      role: "caseworker",
      gemeenteCode: "GM0363",
    });
    expect(back.body.user).toMatchObject({ role: "caseworker", gemeenteCode: "GM0363" });
  });

  it("a password reset ends the sessions; the old password stops, the new one-time one signs in", async () => {
    const id = await insertTestUser(t.database, "forgetful", "caseworker", "GM0344");
    const before = await signIn(t.app, "forgetful");
    const res = await adminUtrecht.json<{ user: Account; oneTimePassword: string }>(
      "POST",
      `/api/v1/users/${id}/password-reset`,
      { version: 1 },
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ mustChangePassword: true, version: 2 });
    expect((await before.request("/api/auth/me")).status).toBe(401);
    expect((await login("forgetful", TEST_PASSWORD)).status).toBe(401);
    const after = await signIn(t.app, "forgetful", res.body.oneTimePassword);
    expect((await after.request("/api/v1/locations")).status).toBe(403);
  });

  it("choosing one's own password checks the current one and ends the other sessions", async () => {
    await insertTestUser(t.database, "changer", "caseworker", "GM0344");
    const here = await signIn(t.app, "changer");
    const there = await signIn(t.app, "changer");
    const wrong = await here.json<ErrorAnswer>("PUT", "/api/auth/me/password", {
      currentPassword: "not-the-password",
      newPassword: "a-good-new-password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues?.[0]).toMatchObject({
      path: "currentPassword",
      code: "password_wrong",
    });
    const weak = await here.json<ErrorAnswer>("PUT", "/api/auth/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(weak.body.error.issues?.[0]).toMatchObject({
      path: "newPassword",
      code: "password_weak",
    });
    const ok = await here.json("PUT", "/api/auth/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "a-good-new-password",
    });
    expect(ok.status).toBe(200);
    expect((await here.request("/api/auth/me")).status).toBe(200);
    expect((await there.request("/api/auth/me")).status).toBe(401);
  });

  it("filters by text, role and active, and pages", async () => {
    const byRole = await list(sysadmin, "?role=municipal_admin");
    expect(byRole.body.users.map((u) => u.username).sort()).toEqual([
      "admin-amsterdam",
      "admin-utrecht",
    ]);
    const byText = await list(sysadmin, "?q=AMSTER");
    expect(byText.body.users.map((u) => u.username).sort()).toEqual([
      "admin-amsterdam",
      "cw-amsterdam",
    ]);
    // A pattern character is taken literally.
    expect((await list(sysadmin, "?q=%25")).body.users).toEqual([]);
    const first = await list(sysadmin, "?limit=2&offset=0");
    const second = await list(sysadmin, "?limit=2&offset=2");
    expect(first.body.users).toHaveLength(2);
    expect(second.body.total).toBe(first.body.total);
    expect(second.body.users[0]!.username).not.toBe(first.body.users[1]!.username);
    expect(
      [...first.body.users, ...second.body.users].map((u) => u.username.toLowerCase()),
    ).toEqual(
      [...first.body.users, ...second.body.users].map((u) => u.username.toLowerCase()).sort(),
    );
    const bad = await list(sysadmin, "?active=maybe&limit=0");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(["active", "limit"]);
  });

  it("offers the roles and municipalities each admin may give", async () => {
    const municipal = await adminUtrecht.json<{
      roles: string[];
      gemeenten: { code: string }[];
    }>("GET", "/api/v1/users/options");
    expect(municipal.body).toEqual({
      roles: ["caseworker", "finance_officer", "municipal_admin"],
      gemeenten: [{ code: "GM0344", name: "Utrecht" }],
    });
    const system = await sysadmin.json<{ roles: string[]; gemeenten: { code: string }[] }>(
      "GET",
      "/api/v1/users/options",
    );
    expect(system.body.roles).not.toContain("resident");
    expect(system.body.roles).toContain("system_admin");
    expect(system.body.gemeenten.map((g) => g.code)).toEqual(["GM0363", "GM0344"]);
  });

  it("audits every change and every read of the list, never with a password", async () => {
    const created = await create(adminUtrecht, {
      username: "audited",
      displayName: "Audited",
      role: "caseworker",
    });
    const id = created.body.user.id;
    await adminUtrecht.json("PATCH", `/api/v1/users/${id}`, {
      version: 1,
      role: "municipal_admin",
    });
    const reset = await adminUtrecht.json<{ oneTimePassword: string }>(
      "POST",
      `/api/v1/users/${id}/password-reset`,
      { version: 2 },
    );
    const own = await signIn(t.app, "audited", reset.body.oneTimePassword);
    await own.json("PUT", "/api/auth/me/password", {
      currentPassword: reset.body.oneTimePassword,
      newPassword: "audited-own-password",
    });
    await list(adminUtrecht);
    const rows = await query<Record<string, unknown>>(
      t.db,
      sql`select * from audit_record where entity_type = 'user' and (entity_id = ${String(id)} or entity_id is null) order by id`,
    );
    const mine = rows.filter((r) => r.entity_id === String(id));
    expect(mine.map((r) => [r.action, r.username, r.fields])).toEqual([
      [
        "create",
        "admin-utrecht",
        ["username", "displayName", "role", "gemeenteCode", "language", "password"],
      ],
      ["update", "admin-utrecht", ["role"]],
      ["update", "admin-utrecht", ["password", "mustChangePassword"]],
      ["update", "audited", ["password"]],
    ]);
    expect(mine.every((r) => r.gemeente_code === "GM0344")).toBe(true);
    const reads = rows.filter((r) => r.action === "read" && r.username === "admin-utrecht");
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.at(-1)).toMatchObject({ entity_type: "user", gemeente_code: "GM0344" });
    // No password, one-time or own, nor its hash, in any audit record.
    const all = JSON.stringify(await query(t.db, sql`select * from audit_record`));
    for (const secret of [
      created.body.initialPassword,
      reset.body.oneTimePassword,
      "audited-own-password",
      "my-own-password-42",
      "$argon2",
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it("other roles may not manage accounts (403)", async () => {
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    const cw = await signIn(t.app, "cw-utrecht");
    const coordinator = await signIn(t.app, "coordinator");
    for (const client of [cw, coordinator]) {
      expect((await client.request("/api/v1/users")).status).toBe(403);
      expect(
        (
          await client.json("POST", "/api/v1/users", {
            username: "x-user",
            displayName: "X",
            role: "caseworker",
            language: "nl",
          })
        ).status,
      ).toBe(403);
    }
  });
});
