/**
 * Fuzzing the API from its own OpenAPI document: every operation is called a few dozen
 * times with parameters and bodies generated from its JSON schema (fast-check, seeded):
 * mostly plausible values, and among them NUL characters, emoji, very long strings,
 * numbers at and beyond the 32-bit integer range, NaN-like strings, fields left out or
 * added, wrong types, no body, no Content-Type and broken JSON; and valid bodies with one
 * field spoiled, which get past validation into the services. Calls are made as a
 * signed-in caseworker where the operation allows it, otherwise as a role that may, and a
 * few as another role. Every answer must hold:
 *
 * - no 5xx;
 * - a 4xx is the API's JSON error shape; a 400 names each problem's field (`issues[].path`);
 * - a refused write (4xx) wrote nothing: the main tables' row count and row versions
 *   (xmin) are the same before and after.
 *
 * Bounded in time (TIME_BUDGET_MS) so the suite stays quick on PGlite and PostgreSQL.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "../src/db/connection";
import type { Role } from "../src/db/schema";
import type { Access } from "../src/http/access";
import { ALL_ROLES } from "../src/http/access";
import { type Client, initTestApp, insertTestGemeenten, insertTestUser, signIn } from "./app";
import { testEngine } from "./db";

/** Fixed, so every run makes the same requests; FUZZ_SEED and FUZZ_SAMPLES explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_131);
const SAMPLES_PER_OPERATION = Number(process.env.FUZZ_SAMPLES ?? 100);
const TIME_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 45_000);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
};
type Parameter = { name: string; in: "path" | "query"; schema?: Schema; required?: boolean };
type Operation = {
  "x-opvang-access": Access;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

/** BSNs that pass the 11-check (and so reach the database). */
function validBsn(n: number): string {
  for (let last = 0; ; last++) {
    const digits = `${String(n).padStart(8, "0").slice(0, 8)}${last}`;
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0);
    if (sum % 11 === 0 && last <= 9) return digits;
    if (last >= 9) return validBsn(n + 1);
  }
}
const BSNS = [validBsn(11_111_110), validBsn(22_222_220), validBsn(33_333_330)];

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "Ivan\u0000Petrenko",
  "😀👨‍👩‍👧",
  "Олександр Шевченко",
  "x".repeat(5_000),
  "2147483648",
  "-1",
  "NaN",
  "Infinity",
  "null",
  "0x10",
  "1e309",
  "'; select pg_sleep(1); --",
  "<script>alert(1)</script>",
  "\uD800",
  "2025-02-30",
  "2025-13",
  "0000-00-00",
  "1968-00-00",
  "9999-12-31",
  "-0001-01-01",
  "2025-1-1",
];
const NASTY_NUMBERS = [
  0,
  -1,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
];
const DATES = ["2024-01-01", "2025-01-15", "2025-06-30", "2025-12-31", "2026-01-01", "2022-03-01"];
const MONTHS = ["2025-01", "2025-06", "2025-11", "2022-03", "2022-04", "2030-01"];

/** Real ids after the arrange step, by the kind of record a name points at. */
const realIds: Record<string, number[]> = {};

function idKind(name: string, path = ""): string {
  if (/membership/i.test(name)) return "membership";
  if (/location/i.test(name)) return "location";
  if (/person/i.test(name)) return "person";
  if (/income/i.test(name)) return "income";
  if (name !== "id") return "household";
  // `id` in the path: the resource before it.
  const m = /\/(\w+)\/\{id\}/.exec(path);
  const resource = m?.[1] ?? "households";
  return (
    (
      {
        households: "household",
        persons: "person",
        locations: "location",
        placements: "placement",
        incomes: "income",
        decisions: "decision",
        users: "user",
      } as Record<string, string>
    )[resource] ?? "household"
  );
}

function resolve(doc: Doc, s: Schema | undefined): Schema {
  if (!s) return {};
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.split("/").pop()!]);
  return s;
}

function typesOf(s: Schema): string[] {
  if (s.enum) return ["enum"];
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ["object"];
  return ["any"];
}

const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(...NASTY_STRINGS),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ nested: { deeper: ["\u0000"] } }),
);

/** Values that are valid for a field of this name (as far as its name tells). */
function plausibleString(name: string): fc.Arbitrary<string> {
  const n = name.toLowerCase();
  if (n === "bsn") return fc.constantFrom(...BSNS);
  if (n === "vnumber") return fc.constantFrom("1234567890", "2234567890");
  if (n.includes("month")) return fc.constantFrom(...MONTHS);
  // Periods are months on some routes and days on others (flows, funding claims).
  if (n === "from" || n === "to") return fc.constantFrom(...MONTHS, ...DATES);
  if (
    n.includes("date") ||
    n.startsWith("valid") ||
    n === "on" ||
    n.includes("start") ||
    n === "deadline" ||
    n === "seton"
  )
    return fc.constantFrom(...DATES, "1988-02-29");
  if (n === "year") return fc.constantFrom("2022", "2025", "2026");
  if (n === "presentfrom" || n === "presentto") return fc.constantFrom("2025-06-01", "2025-06-15");
  if (n === "lang" || n.includes("language")) return fc.constantFrom("nl", "uk", "en");
  if (n.includes("gemeente")) return fc.constantFrom("GM0344", "GM0363");
  if (n === "nationalitycode") return fc.constantFrom("0034", "0001");
  if (n.includes("cyrillic")) return fc.constantFrom("Шевченко", "Олена");
  if (n === "code") return fc.constantFrom("VR09", "VR13");
  if (n === "postcode") return fc.constantFrom("3511 AB", "3572AB");
  if (n === "housenumber") return fc.constantFrom("5", "12a");
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom("Petrenko", "Kovalenko", "Oksana", "Hotel Amstel") },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }) },
  );
}

/** Values that are wrong for a field of this name, besides the nasty strings of any field. */
function invalidStrings(name: string): string[] {
  const n = name.toLowerCase();
  if (n === "bsn") return ["123456782", "12345678", "000000000"];
  if (n === "vnumber") return ["12345"];
  if (n.includes("gemeente")) return ["0344", "GM9999", "gm0344"];
  if (n === "nationalitycode") return ["34", "", "00345"];
  if (n === "code") return ["VR99", "vr09"];
  if (n === "postcode") return ["x", "1234"];
  if (n.includes("cyrillic")) return ["Shevchenko"];
  return [];
}

function plausibleNumber(name: string, s: Schema): fc.Arbitrary<number> {
  if (name === "version") return fc.constantFrom(1, 1, 2, 3);
  if (/id$/i.test(name) || /Id$/.test(name)) {
    const ids = realIds[idKind(name)] ?? [1];
    return fc.constantFrom(...ids, 1, 999_999);
  }
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
  const max = Math.min(s.maximum ?? 1_000_000, 1_000_000_000);
  return fc.integer({ min: Math.max(min, -1_000_000), max: Math.max(min, max) });
}

/** A value for a schema: plausible most of the time, sometimes nasty, sometimes wrong. */
function valueFor(
  doc: Doc,
  schema: Schema | undefined,
  name: string,
  depth = 0,
  wild = true,
  root = false,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return fc.oneof(...alt.map((x) => valueFor(doc, x, name, depth, wild)));
  if (s.allOf?.length) {
    // An extended schema: the union of its parts' properties and required fields.
    const parts = s.allOf.map((x) => resolve(doc, x));
    const merged: Schema = {
      type: "object",
      properties: Object.assign({}, ...parts.map((x) => x.properties ?? {})),
      required: parts.flatMap((x) => x.required ?? []),
    };
    return valueFor(doc, merged, name, depth, wild, root);
  }
  const types = typesOf(s);
  const options: fc.Arbitrary<unknown>[] = [];
  for (const t of types) {
    if (t === "enum") options.push(fc.constantFrom(...s.enum!));
    else if (t === "null") options.push(fc.constant(null));
    else if (t === "string") options.push(plausibleString(name));
    else if (t === "integer" || t === "number") options.push(plausibleNumber(name, s));
    else if (t === "boolean") options.push(fc.boolean());
    else if (t === "array")
      options.push(
        depth > 3
          ? fc.constant([])
          : fc.array(valueFor(doc, s.items, name, depth + 1, wild), {
              minLength: 0,
              maxLength: Math.min(s.maxItems ?? 4, 4),
            }),
      );
    else if (t === "object") options.push(objectOf(doc, s, depth, wild));
    else options.push(anyJson);
  }
  const plausible = options.length === 1 ? options[0]! : fc.oneof(...options);
  const nasty =
    types.includes("integer") || types.includes("number")
      ? fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.constantFrom("1", "NaN", "2147483648"))
      : fc.constantFrom(...NASTY_STRINGS, ...invalidStrings(name));
  // The body itself stays an object here; bodies of the wrong type are a body kind.
  if (!wild || root) return plausible;
  return fc.oneof(
    { weight: 12, arbitrary: plausible },
    { weight: 3, arbitrary: nasty },
    { weight: 1, arbitrary: anyJson },
  );
}

const OMIT = Symbol("omit");

function objectOf(
  doc: Doc,
  s: Schema,
  depth: number,
  wild: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 4) return fc.constant({});
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    model[key] = fc.oneof(
      { weight: required.has(key) ? 30 : 8, arbitrary: valueFor(doc, prop, key, depth + 1, wild) },
      { weight: required.has(key) ? (wild ? 1 : 0) : 6, arbitrary: fc.constant(OMIT) },
    );
  }
  return fc
    .tuple(
      fc.record(model),
      fc.oneof(
        { weight: 9, arbitrary: fc.constant(null) },
        {
          weight: wild ? 1 : 0,
          arbitrary: fc.tuple(
            fc.constantFrom("extra", "__proto__", "constructor", "\u0000"),
            anyJson,
          ),
        },
      ),
    )
    .map(([rec, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rec)) if (v !== OMIT) out[k] = v;
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true });
      return out;
    });
}

/** A path or query parameter as it is sent: a string, plausible or not. */
function paramOf(doc: Doc, p: Parameter, template: string): fc.Arbitrary<string> {
  const s = resolve(doc, p.schema);
  const nasty = fc.constantFrom(
    "0",
    "-1",
    "2147483647",
    "2147483648",
    "99999999999999999999",
    "1.5",
    "1e3",
    "abc",
    "NaN",
    " 1",
    "\u0000",
    "😀",
    "x".repeat(300),
  );
  let plausible: fc.Arbitrary<string>;
  if (p.in === "path" && p.name !== "code") {
    const ids = realIds[idKind(p.name, template)] ?? [1];
    plausible = fc.constantFrom(...ids.map(String), "999999");
  } else if (typesOf(s).includes("integer")) {
    plausible = plausibleNumber(p.name, s).map(String);
  } else if (s.enum) {
    plausible = fc.constantFrom(...s.enum.map(String));
  } else {
    plausible = plausibleString(p.name);
  }
  return fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: nasty });
}

/** A CSV for the income import: a header and a few rows of plausible and nasty fields. */
const csvFile = fc
  .tuple(
    fc.constantFrom(
      "bsn,month,net_amount,kind,payer",
      "bsn,month",
      "",
      "bsn,month,net_amount,kind,payer,extra",
    ),
    fc.array(
      fc.tuple(
        fc.constantFrom(...BSNS, "123456789", "", "\u0000", "2147483648"),
        fc.constantFrom(...MONTHS, "2025-13", "", "\u0000"),
        fc.constantFrom("1234.56", "-1", "99999999999999", "NaN", "1,5", "", "\u0000"),
        fc.constantFrom("work", "benefit", "other", "x", "\u0000"),
        fc.constantFrom("Albert Heijn", "", "😀", "a\u0000b", '"quoted, comma"', "x".repeat(500)),
      ),
      { maxLength: 5 },
    ),
  )
  .map(([header, rows]) => [header, ...rows.map((r) => r.join(","))].join("\n"));

/**
 * A valid body per write operation (with the ids of the arrange step): the schema alone
 * cannot tell that a member has a person or a personId, or that a GOO placement needs a
 * location, so most generated bodies stop at validation. Mutating one field of a valid body
 * gets past it and into the services with one bad value.
 */
function validBodies(): Record<string, unknown[]> {
  const id = (kind: string) => realIds[kind]?.[0] ?? 1;
  const address = {
    street: "Biltstraat",
    houseNumber: "5",
    postcode: "3572 AB",
    city: "Utrecht",
    hostName: "De Vries",
  };
  const person = {
    bsn: BSNS[1],
    familyName: "Bondar",
    givenNames: "Iryna",
    familyNameCyrillic: "Бондар",
    givenNamesCyrillic: "Ірина",
    birthDate: "1990-05-05",
    sex: "V",
    nationalityCode: "0034",
    protectionStart: "2022-03-04",
    contactLanguage: "uk",
  };
  return {
    "PUT /api/auth/me/language": [{ language: "uk" }],
    "POST /api/v1/calculations": [
      {
        month: "2025-11",
        reception: "goo",
        members: [
          { birthDate: "1988-02-29", netIncomeCents: 120_000 },
          { birthDate: "2016-07-01" },
        ],
        lang: "uk",
      },
    ],
    "POST /api/v1/households": [
      {
        validFrom: "2025-01-01",
        reason: "arrival",
        members: [
          { role: "head", person },
          {
            role: "child",
            person: { familyName: "Bondar", givenNames: "Taras", birthDate: "2018-02-02" },
          },
        ],
      },
      { validFrom: "2025-01-01", members: [{ role: "head", person: { ...person, bsn: null } }] },
    ],
    "POST /api/v1/households/{id}/members": [
      {
        role: "child",
        person: { familyName: "Petrenko", givenNames: "Mariia", birthDate: "2025-02-01" },
        validFrom: "2025-02-01",
        reason: "birth",
        version: 1,
      },
    ],
    "POST /api/v1/households/{id}/members/{membershipId}/end": [
      { validTo: "2025-06-30", reason: "departure", version: 1, endPlacement: true },
    ],
    "PATCH /api/v1/persons/{id}": [
      { version: 1, givenNames: "Olena", nationalityCode: "0034", reason: "a typo" },
    ],
    "POST /api/v1/households/{id}/decisions": [{ month: "2025-01", reason: "checked" }],
    "POST /api/v1/households/{id}/transfer": [
      { gemeente: "GM0363", from: "2025-06-01", reason: "moved", version: 1 },
    ],
    "POST /api/v1/households/{id}/changes/acknowledge": [
      { months: ["2025-01"], reason: "checked" },
    ],
    "POST /api/v1/locations": [
      {
        name: "Sporthal",
        kind: "emergency_hall",
        validFrom: "2025-01-01",
        places: 10,
        status: "realised",
        catering: true,
        street: "Biltstraat",
        houseNumber: "5",
        postcode: "3572 AB",
        city: "Utrecht",
      },
    ],
    "PATCH /api/v1/locations/{id}": [{ version: 1, name: "Hotel Amstel II" }],
    "POST /api/v1/locations/{id}/capacity": [{ places: 20, validFrom: "2025-03-01", version: 1 }],
    "POST /api/v1/locations/{id}/status": [
      { status: "closed", validFrom: "2025-03-01", version: 1 },
    ],
    "POST /api/v1/locations/{id}/catering": [
      { catering: true, validFrom: "2025-03-01", version: 1 },
    ],
    "POST /api/v1/households/{id}/placements": [
      { kind: "goo", locationId: id("location"), validFrom: "2025-01-01" },
      { kind: "poo", address, validFrom: "2025-01-01" },
    ],
    "POST /api/v1/households/{id}/placements/move": [
      { kind: "poo", address, validFrom: "2025-04-01", reason: "a host family" },
      { kind: "goo", locationId: id("location"), validFrom: "2025-05-01", reason: "back" },
    ],
    "POST /api/v1/households/{id}/placements/end": [{ validTo: "2025-05-31", reason: "left" }],
    "POST /api/v1/placements/{id}/end": [{ validTo: "2025-05-31", reason: "left" }],
    "POST /api/v1/persons/{id}/incomes": [
      { month: "2025-02", netCents: 1000, kind: "work", source: "caseworker", payer: "X" },
    ],
    "PUT /api/v1/incomes/{id}": [
      {
        month: "2025-01",
        netCents: 2000,
        kind: "work",
        source: "caseworker",
        payer: "X",
        reason: "correction",
        version: 1,
      },
    ],
    "DELETE /api/v1/incomes/{id}": [{ reason: "wrong person", version: 1 }],
  };
}

/** Every path to a value inside a JSON value (objects and arrays), the root excluded. */
function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) {
    return v.flatMap((x, i) => [[...prefix, i], ...leafPaths(x, [...prefix, i])]);
  }
  if (v && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...leafPaths(x, [...prefix, k])]);
  }
  return [];
}

const badValue = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  anyJson,
);

/** A valid body with one field replaced by a bad value, removed, or left as it is. */
function mutated(seeds: unknown[]): fc.Arbitrary<unknown> {
  return fc
    .record({
      seed: fc.nat(),
      pick: fc.nat(),
      how: fc.constantFrom("keep", "replace", "replace", "replace", "delete"),
      value: badValue,
    })
    .map(({ seed, pick, how, value }) => {
      const body = structuredClone(seeds[seed % seeds.length]) as Record<string, unknown>;
      const paths = leafPaths(body);
      if (how === "keep" || !paths.length) return body;
      const path = paths[pick % paths.length]!;
      let parent: Record<string | number, unknown> = body;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = path.at(-1)!;
      if (how === "delete" && !Array.isArray(parent)) delete parent[last];
      else parent[last] = value;
      return body;
    });
}

type BodyKind = "json" | "none" | "empty-json" | "broken-json" | "wrong-type" | "text-plain";
const bodyKind = fc.oneof(
  { weight: 85, arbitrary: fc.constant<BodyKind>("json") },
  { weight: 4, arbitrary: fc.constant<BodyKind>("none") },
  { weight: 3, arbitrary: fc.constant<BodyKind>("empty-json") },
  { weight: 3, arbitrary: fc.constant<BodyKind>("broken-json") },
  { weight: 3, arbitrary: fc.constant<BodyKind>("wrong-type") },
  { weight: 2, arbitrary: fc.constant<BodyKind>("text-plain") },
);

interface Call {
  method: string;
  template: string;
  url: string;
  init: RequestInit;
  role: Role;
  label: string;
}

describe(`fuzz: every operation of the OpenAPI document (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let doc: Doc;
  const clients = new Map<Role, Client>();

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    // The account user management may change, reset and deactivate: the first one made, so
    // that a path id of 1 (" 1") names it and not an account whose session the fuzz uses.
    const target = await insertTestUser(t.database, "fuzz-target", "caseworker", "GM0344");
    for (const role of ALL_ROLES.filter((r) => r !== "resident")) {
      const national = role === "national_coordinator" || role === "system_admin";
      await insertTestUser(t.database, `fuzz-${role}`, role, national ? null : "GM0344");
    }
    const cw = await signIn(t.app, "fuzz-caseworker");
    // Arrange: a household of two, a location, a placement, an income and a decision, so
    // that generated ids often name real records and requests reach the services.
    const ok = async (method: string, path: string, body: unknown) => {
      const res = await cw.json<Record<string, unknown>>(method, path, body);
      if (res.status >= 300)
        throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const hh = await ok("POST", "/api/v1/households", {
      validFrom: "2024-01-01",
      members: [
        {
          role: "head",
          person: {
            bsn: BSNS[0],
            familyName: "Petrenko",
            givenNames: "Oksana",
            birthDate: "1985-04-02",
          },
        },
        {
          role: "child",
          person: { familyName: "Petrenko", givenNames: "Ivan", birthDate: "2015-09-01" },
        },
      ],
    });
    const household = hh.id as number;
    const persons = hh.memberIds as number[];
    const loc = await ok("POST", "/api/v1/locations", {
      name: "Hotel Amstel",
      kind: "hotel",
      validFrom: "2024-01-01",
      places: 40,
      status: "realised",
    });
    const location = loc.id as number;
    const placed = await ok("POST", `/api/v1/households/${household}/placements`, {
      kind: "goo",
      locationId: location,
      validFrom: "2024-01-01",
    });
    const income = await ok("POST", `/api/v1/persons/${persons[0]}/incomes`, {
      month: "2025-01",
      netCents: 100_000,
      kind: "work",
      source: "caseworker",
      payer: "Albert Heijn",
    });
    const decision = await ok("POST", `/api/v1/households/${household}/decisions`, {
      month: "2025-01",
      reason: "first month",
    });
    const [m] = await query<{ id: number }>(
      t.db,
      sql`select id from household_membership where household_id = ${household} order by id limit 1`,
    );
    const placements = await query<{ id: number }>(t.db, sql`select id from placement`);
    Object.assign(realIds, {
      household: [household],
      person: persons,
      location: [location],
      income: [income.id as number],
      decision: [decision.id as number],
      membership: [m!.id],
      placement: placements.map((p) => p.id),
      user: [target],
    });
    expect(placed).toBeTruthy();
    // The resident is the household's head.
    await insertTestUser(t.database, "fuzz-resident-own", "resident", "GM0344", persons[0]!);
    for (const role of ALL_ROLES) {
      clients.set(
        role,
        role === "resident"
          ? await signIn(t.app, "fuzz-resident-own")
          : role === "caseworker"
            ? cw
            : await signIn(t.app, `fuzz-${role}`),
      );
    }
    doc = (await (await t.app.request("/api/openapi.json")).json()) as Doc;
  }, 120_000);
  afterAll(() => t?.database.destroy());

  /** Row counts and row versions of the tables a change writes (not the audit log). */
  async function checksum() {
    const tables = [
      "person",
      "household",
      "household_membership",
      "placement",
      "location",
      "location_capacity",
      "location_status",
      "location_catering",
      "income",
      "decision",
      "law_version",
      "app_user",
    ];
    const [row] = await query<Record<string, string>>(
      t.db,
      sql.raw(
        `select ${tables
          .map(
            (n) =>
              `(select count(*)::text || '/' || coalesce(sum(xmin::text::bigint), 0)::text from ${n}) as ${n}`,
          )
          .join(", ")}`,
      ),
    );
    return row!;
  }

  function callsFor(template: string, method: string, op: Operation, index: number): Call[] {
    const access = op["x-opvang-access"];
    const allowed = access.roles;
    const home: Role | null = allowed.includes("caseworker") ? "caseworker" : (allowed[0] ?? null);
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === "path");
    const queryParams = params.filter((p) => p.in === "query");
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content["application/json"]?.schema;
    const csv = "text/csv" in content;
    const n =
      template === "/api/auth/login"
        ? 6
        : template === "/api/v1/calculations"
          ? 40
          : SAMPLES_PER_OPERATION;
    const seeds = validBodies()[`${method} ${template}`];
    const arb = fc.record({
      path: fc.tuple(...pathParams.map((p) => paramOf(doc, p, template))),
      query: fc.tuple(
        ...queryParams.map((p) =>
          fc.option(paramOf(doc, p, template), { freq: 3, nil: undefined }),
        ),
      ),
      // Four bodies in ten only plausible (they reach the services), the others with some
      // fields nasty or of the wrong type.
      json: jsonSchema
        ? fc.oneof(
            { weight: 2, arbitrary: valueFor(doc, jsonSchema, "body", 0, false, true) },
            { weight: 3, arbitrary: valueFor(doc, jsonSchema, "body", 0, true, true) },
            ...(seeds ? [{ weight: 5, arbitrary: mutated(seeds) }] : []),
          )
        : fc.constant(undefined),
      csv: csv ? csvFile : fc.constant(undefined),
      bodyKind,
      // Mostly the operation's own role; one call in ten as any role.
      otherRole: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...ALL_ROLES) },
      ),
    });
    return fc.sample(arb, { seed: SEED + index, numRuns: n }).map((g) => {
      let url = template;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeURIComponent(g.path[i]!));
      });
      const qs = queryParams
        .map((p, i) =>
          g.query[i] === undefined ? null : `${p.name}=${encodeURIComponent(g.query[i]!)}`,
        )
        .filter(Boolean)
        .join("&");
      if (qs) url += `?${qs}`;
      const headers: Record<string, string> = {};
      let body: string | undefined;
      if (method !== "GET") {
        if (csv) {
          headers["Content-Type"] = "text/csv";
          body = g.csv;
        } else if (jsonSchema) {
          switch (g.bodyKind) {
            case "json":
              headers["Content-Type"] = "application/json";
              body = JSON.stringify(g.json);
              break;
            case "empty-json":
              headers["Content-Type"] = "application/json";
              body = "";
              break;
            case "broken-json":
              headers["Content-Type"] = "application/json";
              body = `${JSON.stringify(g.json)?.slice(0, 20) ?? ""}{`;
              break;
            case "wrong-type":
              headers["Content-Type"] = "application/json";
              body = JSON.stringify([g.json]);
              break;
            case "text-plain":
              headers["Content-Type"] = "text/plain";
              body = JSON.stringify(g.json);
              break;
            case "none":
              break;
          }
        }
      }
      const role = g.otherRole ?? home ?? "caseworker";
      return {
        method,
        template,
        url,
        init: { method, headers, body },
        role,
        label: `${role} ${method} ${url.slice(0, 200)} ${g.bodyKind} ${(body ?? "").slice(0, 300)}`,
      };
    });
  }

  it(
    "no 5xx, every error in the API's shape with field paths, nothing written by a refused write",
    async () => {
      const started = Date.now();
      const operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          template,
          method: method.toUpperCase(),
          op,
        })),
      );
      // Signing out would end the session every other call needs.
      const perOperation = operations
        .filter((o) => o.template !== "/api/auth/logout")
        .map((o, i) => callsFor(o.template, o.method, o.op, i));
      // Interleaved (round robin), so that the time limit cuts every operation evenly.
      const calls: Call[] = [];
      for (let i = 0; i < SAMPLES_PER_OPERATION; i++) {
        for (const list of perOperation) if (list[i]) calls.push(list[i]!);
      }
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      const byOperation = new Map<string, Record<number, number>>();
      let done = 0;
      let last = await checksum();
      for (const c of calls) {
        if (Date.now() - started > TIME_BUDGET_MS) break;
        const client = clients.get(c.role)!;
        const res = await client.request(c.url, c.init);
        const text = await res.text();
        done++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const opKey = `${c.method} ${c.template}`;
        const perOp = byOperation.get(opKey) ?? {};
        perOp[res.status] = (perOp[res.status] ?? 0) + 1;
        byOperation.set(opKey, perOp);
        const fail = (why: string) =>
          failures.length < 40 &&
          failures.push(`${why}: ${c.label} → ${res.status} ${text.slice(0, 300)}`);
        if (res.status >= 500) fail("5xx");
        if (res.status >= 400) {
          let body: { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined;
          try {
            body = JSON.parse(text);
          } catch {
            fail("not JSON");
          }
          const e = body?.error;
          if (!e || typeof e.code !== "string" || typeof e.message !== "string")
            fail("not the error shape");
          else if (res.status === 400) {
            const issues = e.issues as { path?: unknown }[] | undefined;
            if (!Array.isArray(issues) || issues.length === 0) fail("400 without issues");
            else if (issues.some((i) => typeof i.path !== "string" || i.path === ""))
              fail("400 with an issue without a field path");
          }
        }
        if (c.method !== "GET") {
          const now = await checksum();
          if (res.status >= 400 && JSON.stringify(now) !== JSON.stringify(last))
            fail(`refused but written (${JSON.stringify(last)} → ${JSON.stringify(now)})`);
          last = now;
        }
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `fuzz (${testEngine}): ${done} of ${calls.length} requests over ${perOperation.length} operations in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
      );
      if (process.env.FUZZ_VERBOSE) {
        for (const [op, st] of byOperation) console.log(`${op}: ${JSON.stringify(st)}`);
      }
      expect(failures).toEqual([]);
      expect(done).toBeGreaterThan(500);
    },
    TIME_BUDGET_MS + 60_000,
  );
});
