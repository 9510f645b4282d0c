/**
 * Builds the real app over a test database and signs users in through the real login
 * route, so route tests are arrange, act, assert in a few lines.
 */

import { sql } from "drizzle-orm";
import { VERSION } from "../src/config";
import type { Role } from "../src/db/schema";
import { createApp } from "../src/http/app";
import { createUser } from "../src/modules/auth/auth.service";
import { RunJobs } from "../src/modules/monthly-run";
import { createTestDatabase, type TestDatabase } from "./db";

export const TEST_PASSWORD = "test-password-123";

export async function initTestApp() {
  const database = await createTestDatabase();
  const jobs = new RunJobs(database.db);
  const app = createApp({
    database,
    jobs,
    config: {
      port: 0,
      databaseUrl: "",
      secureCookies: false,
      trustedProxies: [],
      version: VERSION,
    },
  });
  return { database, app, db: database.db, jobs };
}

/** The two municipalities tests use, in different safety regions. */
export async function insertTestGemeenten(database: TestDatabase) {
  await database.db.execute(sql`
    insert into veiligheidsregio (code, name) values ('VR09','Utrecht'), ('VR13','Amsterdam-Amstelland')
    on conflict do nothing`);
  await database.db.execute(sql`
    insert into gemeente (code, name, province_code, province_name) values
      ('GM0344','Utrecht','PV26','Utrecht'), ('GM0363','Amsterdam','PV27','Noord-Holland')
    on conflict do nothing`);
  await database.db.execute(sql`
    insert into gemeente_veiligheidsregio (gemeente_code, veiligheidsregio_code, valid_from) values
      ('GM0344','VR09','2023-01-01'), ('GM0363','VR13','2023-01-01')
    on conflict do nothing`);
}

export async function insertTestUser(
  database: TestDatabase,
  username: string,
  role: Role,
  gemeenteCode: string | null,
  personId: number | null = null,
) {
  return createUser(database.db, {
    username,
    displayName: username,
    password: TEST_PASSWORD,
    role,
    gemeenteCode,
    personId,
  });
}

export interface Client {
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  cookie: string;
  csrf: string;
}

type AppLike = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** Signs in through POST /api/auth/login and returns a client that sends cookie and CSRF. */
export async function signIn(
  app: AppLike,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.request("/api/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200)
    throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = cookies.find((c) => c.startsWith("opvang_csrf="))!.split("=")[1]!;
  const cookie = cookies.join("; ");
  const client: Client = {
    cookie,
    csrf,
    request: async (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set("Cookie", cookie);
      if (init.method && init.method !== "GET") headers.set("X-CSRF-Token", csrf);
      return app.request(path, { ...init, headers });
    },
    json: async (method, path, body) => {
      const res = await client.request(path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
  return client;
}
