/**
 * The claim's entries through HTTP on a small dataset built by hand, every euro written out
 * as its arithmetic in cents (law: the BooO until 2026-04-30 with GOO 44.00 per place per day
 * and POO 48.00 per person per month; the doelgroepflexibele opvangregeling from 2026-05-01,
 * its amounts not published).
 *
 * Utrecht (GM0344): Sporthal (emergency_hall), realised from 2026-01-01, 100 places, no
 * catering; two persons in private reception from 2026-04-01 (open). Amsterdam (GM0363):
 * Boot IJ (ship), realised from 2026-01-01, 50 places.
 *
 * Transition costs entered below: A 2026-04-15 € 12,500.00 (corrected by C), B 2026-05-02
 * € 800.50, C 2026-04-15 € 12,050.00 (correcting A), D 2026-06-01 € 100.00 (withdrawn).
 */
import { createHash } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  initTestApp,
  insertTestGemeenten,
  insertTestUser,
  signIn,
} from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import type { AccessContext } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import { UnprocessableError } from "../../domain/errors";
import type { AppEnv } from "../../http/context";
import { onError } from "../../http/errors";
import { sessionMiddleware } from "../../http/session";
import { advanceState, requestAdvance } from "./advance.service";
import { EVIDENCE_MAX_BYTES } from "./evidence";
import { fundingRoutes } from "./funding.routes";
import { SISA_CSV_COLUMNS } from "./sisa";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const GIF = new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000");
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

type ErrorBody = {
  error: { code: string; issues?: { path: string; code: string; params?: object }[] };
};
type Cost = {
  id: number;
  status: string;
  scheme: string;
  amountCents: number;
  enteredBy: string | null;
  correctsId: number | null;
  correctedById: number | null;
  withdrawReason: string | null;
  evidence: {
    id: number;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
  }[];
};

/** The form of a new entry; `evidence` files as [name, bytes]. */
function form(fields: Record<string, string>, evidence: [string, Uint8Array][] = []) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [name, bytes] of evidence) {
    f.append("evidence", new File([bytes as Uint8Array<ArrayBuffer>], name));
  }
  return f;
}

describe(`funding entries on a hand-built dataset (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  /** The funding routes alone, without the app's request size limit (see the too-large test). */
  let bare: { request(path: string, init?: RequestInit): Promise<Response> };
  let finance: Client;
  let admin: Client;
  let amsterdam: Client;
  let caseworker: Client;
  let coordinator: Client;
  let financeActor: AccessContext;
  const ids: Record<string, number> = {};
  const today = todayNl();
  const thisYear = Number(today.slice(0, 4));

  const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;
  const counts = async () =>
    (
      await query<{ costs: number; evidence: number; advances: number; places: number }>(
        t.db,
        sql`select (select count(*)::int from transition_cost) as costs,
              (select count(*)::int from transition_cost_evidence) as evidence,
              (select count(*)::int from funding_advance) as advances,
              (select count(*)::int from location_target_group_places) as places`,
      )
    )[0]!;

  async function addLocation(gemeente: string, name: string, kind: string, places: number) {
    const id = await one(
      sql`insert into location (gemeente_code, name, kind) values (${gemeente}, ${name}, ${kind}) returning id`,
    );
    await t.db.execute(
      sql`insert into location_status (location_id, status, valid_from) values (${id}, 'realised', '2026-01-01')`,
    );
    await t.db.execute(
      sql`insert into location_capacity (location_id, places, valid_from) values (${id}, ${places}, '2026-01-01')`,
    );
    return id;
  }

  const post = (client: Client, body: FormData) =>
    client.request("/api/v1/funding/transition-costs", { method: "POST", body });

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    ids.hall = await addLocation("GM0344", "Sporthal", "emergency_hall", 100);
    ids.ship = await addLocation("GM0363", "Boot IJ", "ship", 50);
    for (const name of ["Melnyk", "Bondar"]) {
      const person = await one(
        sql`insert into person (gemeente_code, family_name, given_names, birth_date)
            values ('GM0344', ${name}, 'Olena', '1980-01-01') returning id`,
      );
      await t.db.execute(
        sql`insert into placement (person_id, kind, street, house_number, postcode, city, host_name, gemeente_code, valid_from)
            values (${person}, 'poo', 'Biltstraat', '5', '3572 AB', 'Utrecht', 'De Vries', 'GM0344', '2026-04-01')`,
      );
    }
    const fin = await insertTestUser(t.database, "fin-utrecht", "finance_officer", "GM0344");
    await insertTestUser(t.database, "admin-utrecht", "municipal_admin", "GM0344");
    await insertTestUser(t.database, "fin-amsterdam", "finance_officer", "GM0363");
    await insertTestUser(t.database, "cw-utrecht", "caseworker", "GM0344");
    await insertTestUser(t.database, "coordinator", "national_coordinator", null);
    finance = await signIn(t.app, "fin-utrecht");
    admin = await signIn(t.app, "admin-utrecht");
    amsterdam = await signIn(t.app, "fin-amsterdam");
    caseworker = await signIn(t.app, "cw-utrecht");
    coordinator = await signIn(t.app, "coordinator");
    financeActor = {
      id: fin as number,
      username: "fin-utrecht",
      role: "finance_officer",
      language: "nl",
      scope: { kind: "gemeente", gemeente: "GM0344" },
    };
    const routes = new OpenAPIHono<AppEnv>();
    routes.onError(onError);
    routes.use("/api/*", sessionMiddleware(t.db));
    routes.route("/api/v1", fundingRoutes(t.db));
    bare = { request: async (path, init) => routes.request(path, init) };
  });
  afterAll(() => t.database.destroy());

  describe("transition costs with evidence", () => {
    it("enters a cost with a PDF: stored with its size and sha256, downloadable again", async () => {
      const res = await post(
        finance,
        form(
          {
            locationId: String(ids.hall),
            incurredOn: "2026-04-15",
            description: "Douches en brandmelders",
            amountCents: "1250000",
          },
          [["factuur-douches.pdf", PDF]],
        ),
      );
      const body = (await res.json()) as Cost;
      expect(res.status, JSON.stringify(body)).toBe(201);
      ids.a = body.id;
      expect(body).toMatchObject({
        status: "active",
        scheme: "booo",
        amountCents: 1_250_000,
        enteredBy: "fin-utrecht",
      });
      expect(body.evidence).toEqual([
        expect.objectContaining({
          fileName: "factuur-douches.pdf",
          mediaType: "application/pdf",
          sizeBytes: PDF.length,
          sha256: sha(PDF),
        }),
      ]);
      const file = await finance.request(
        `/api/v1/funding/transition-costs/${ids.a}/evidence/${body.evidence[0]!.id}`,
      );
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("application/pdf");
      expect(file.headers.get("content-disposition")).toContain('filename="factuur-douches.pdf"');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
      // Who entered it and who read the evidence, in the audit log.
      const audit = await query<{ action: string; username: string; fields: string[] }>(
        t.db,
        sql`select action, username, fields from audit_record
            where entity_type = 'transition_cost' and entity_id = ${String(ids.a)} order by id`,
      );
      expect(audit.map((a) => [a.action, a.username])).toEqual([
        ["create", "fin-utrecht"],
        ["read", "fin-utrecht"],
      ]);
      expect(audit[0]!.fields).toContain("amountCents");
    });

    it("takes a PNG and a JPEG; a cost in May falls under the new scheme", async () => {
      const res = await post(
        admin,
        form(
          {
            locationId: String(ids.hall),
            incurredOn: "2026-05-02",
            description: "Brandmelders",
            amountCents: "80050",
          },
          [
            ["foto.png", PNG],
            ["bon.jpeg", JPEG],
          ],
        ),
      );
      const body = (await res.json()) as Cost;
      expect(res.status, JSON.stringify(body)).toBe(201);
      ids.b = body.id;
      expect(body.scheme).toBe("doelgroepflexibel");
      expect(body.evidence.map((e) => [e.fileName, e.mediaType])).toEqual([
        ["foto.png", "image/png"],
        ["bon.jpg", "image/jpeg"],
      ]);
    });

    describe("bad input is refused naming the field, and nothing is written", () => {
      const valid = () => ({
        locationId: String(ids.hall),
        incurredOn: "2026-04-20",
        description: "Keuken",
        amountCents: "50000",
      });
      const refused = async (
        body: FormData | string,
        path: string,
        code: string,
        client: Client = finance,
      ) => {
        const before = await counts();
        const res =
          typeof body === "string"
            ? await client.request("/api/v1/funding/transition-costs", {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body,
              })
            : await post(client, body);
        const answer = (await res.json()) as ErrorBody;
        expect(res.status, JSON.stringify(answer)).toBe(400);
        expect(answer.error.issues).toContainEqual(expect.objectContaining({ path, code }));
        expect(await counts()).toEqual(before);
        return answer;
      };

      it("a file that is not a PDF, PNG or JPEG (by its content, whatever its name)", async () => {
        await refused(
          form(valid(), [
            ["scan.pdf", GIF],
            ["ok.pdf", PDF],
          ]),
          "evidence.0",
          "evidence_type",
        );
      });

      it("no evidence", async () => {
        await refused(form(valid()), "evidence", "evidence_required");
      });

      it("a location of another municipality (as one that does not exist)", async () => {
        for (const id of [ids.ship!, 999_999]) {
          await refused(
            form({ ...valid(), locationId: String(id) }, [["f.pdf", PDF]]),
            "locationId",
            "location_not_found",
          );
        }
      });

      it("an unknown field, by its name", async () => {
        await refused(
          form({ ...valid(), bedrag: "500" }, [["f.pdf", PDF]]),
          "bedrag",
          "unknown_field",
        );
      });

      it("an amount that is not whole cents, a date after today, an empty description", async () => {
        const answer = await refused(
          form({ ...valid(), amountCents: "12,50", incurredOn: "2099-01-01", description: " " }, [
            ["f.pdf", PDF],
          ]),
          "amountCents",
          "amount_invalid",
        );
        expect(answer.error.issues!.map((i) => [i.path, i.code])).toEqual([
          ["incurredOn", "in_future"],
          ["description", "required"],
          ["amountCents", "amount_invalid"],
        ]);
      });

      it("JSON instead of a form", async () => {
        await refused(JSON.stringify(valid()), "body", "multipart_required");
      });

      it("a file larger than 10 MB", async () => {
        const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
        big.set(PDF);
        const before = await counts();
        // The funding routes' own check; the app limits the whole request too (a 413 before
        // the route sees it when the request is larger than the app's limit for the path).
        const res = await bare.request("/api/v1/funding/transition-costs", {
          method: "POST",
          headers: { Cookie: finance.cookie, "X-CSRF-Token": finance.csrf },
          body: form(valid(), [["groot.pdf", big]]),
        });
        const answer = (await res.json()) as ErrorBody;
        expect(res.status, JSON.stringify(answer)).toBe(400);
        expect(answer.error.issues).toContainEqual(
          expect.objectContaining({
            path: "evidence.0",
            code: "evidence_too_large",
            params: expect.objectContaining({ maxMb: 10, sizeBytes: EVIDENCE_MAX_BYTES + 1 }),
          }),
        );
        expect(await counts()).toEqual(before);
      });

      it("a correction of another municipality's entry; its evidence and withdrawal answer 404", async () => {
        await refused(
          form(
            {
              ...valid(),
              locationId: String(ids.ship),
              correctsId: String(ids.a),
              correctionReason: "x",
            },
            [["f.pdf", PDF]],
          ),
          "correctsId",
          "not_found",
          amsterdam,
        );
        const before = await counts();
        const withdraw = await amsterdam.json<ErrorBody>(
          "POST",
          "/api/v1/funding/transition-cost-withdrawals",
          { transitionCostId: ids.a, reason: "not ours" },
        );
        expect(withdraw.status).toBe(404);
        const evidence = await query<{ id: number }>(
          t.db,
          sql`select id from transition_cost_evidence where transition_cost_id = ${ids.a}`,
        );
        const file = await amsterdam.request(
          `/api/v1/funding/transition-costs/${ids.a}/evidence/${evidence[0]!.id}`,
        );
        expect(file.status).toBe(404);
        expect(await counts()).toEqual(before);
      });
    });

    it("a correction withdraws the entry with its reason and adds the new one, together", async () => {
      const res = await post(
        finance,
        form(
          {
            locationId: String(ids.hall),
            incurredOn: "2026-04-15",
            description: "Douches en brandmelders (factuur gecorrigeerd)",
            amountCents: "1205000",
            correctsId: String(ids.a),
            correctionReason: "Creditnota van de aannemer",
          },
          [["creditnota.pdf", PDF]],
        ),
      );
      const body = (await res.json()) as Cost;
      expect(res.status, JSON.stringify(body)).toBe(201);
      ids.c = body.id;
      expect(body).toMatchObject({ correctsId: ids.a, status: "active", amountCents: 1_205_000 });
      const list = await finance.json<{ activeCents: number; entries: Cost[] }>(
        "GET",
        "/api/v1/funding/transition-costs",
      );
      const a = list.body.entries.find((e) => e.id === ids.a)!;
      expect(a).toMatchObject({
        status: "withdrawn",
        withdrawReason: "Creditnota van de aannemer",
        correctedById: ids.c,
        amountCents: 1_250_000,
      });
      // Active: B 80,050 + C 1,205,000 = 1,285,050
      expect(list.body.activeCents).toBe(1_285_050);
      // An entry already withdrawn is not corrected again.
      const again = await post(
        finance,
        form(
          {
            locationId: String(ids.hall),
            incurredOn: "2026-04-15",
            description: "x",
            amountCents: "1",
            correctsId: String(ids.a),
            correctionReason: "again",
          },
          [["f.pdf", PDF]],
        ),
      );
      expect(again.status).toBe(422);
      expect(((await again.json()) as ErrorBody).error.issues![0]).toMatchObject({
        path: "correctsId",
        code: "already_withdrawn",
      });
    });

    it("withdraws an entry with a reason, once; a withdrawn entry is never changed", async () => {
      const res = await post(
        finance,
        form(
          {
            locationId: String(ids.hall),
            incurredOn: "2026-06-01",
            description: "Hekwerk",
            amountCents: "10000",
          },
          [["hek.pdf", PDF]],
        ),
      );
      ids.d = ((await res.json()) as Cost).id;
      const withdrawn = await finance.json<Cost>(
        "POST",
        "/api/v1/funding/transition-cost-withdrawals",
        { transitionCostId: ids.d, reason: "Dubbel ingevoerd" },
      );
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({
        status: "withdrawn",
        withdrawReason: "Dubbel ingevoerd",
      });
      const twice = await finance.json<ErrorBody>(
        "POST",
        "/api/v1/funding/transition-cost-withdrawals",
        { transitionCostId: ids.d, reason: "again" },
      );
      expect(twice.status).toBe(422);
      expect(twice.body.error.issues![0]).toMatchObject({
        path: "transitionCostId",
        code: "already_withdrawn",
      });
      const noReason = await finance.json<ErrorBody>(
        "POST",
        "/api/v1/funding/transition-cost-withdrawals",
        { transitionCostId: ids.b, reason: "" },
      );
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.issues![0]).toMatchObject({ path: "reason", code: "required" });
      // The database refuses a rewrite, whoever asks.
      await expect(
        t.db.execute(sql`update transition_cost set amount_cents = 1 where id = ${ids.b}`),
      ).rejects.toThrow();
      await expect(
        t.db.execute(sql`delete from transition_cost_evidence where transition_cost_id = ${ids.b}`),
      ).rejects.toThrow();
    });
  });

  describe("the claim", () => {
    type Claim = {
      totals: Record<string, number>;
      schemes: { scheme: string; gooCents: number; notPublishedPlaceDays: number }[];
      locations: {
        locationId: number;
        lines: { scheme: string; placeDays: number; amountCents: number | null }[];
      }[];
      poo: { month: string; scheme: string; personDays: number; amountCents: number | null }[];
      transitionCosts: {
        totalCents: number;
        locations: { locationId: number; amountCents: number; entries: { id: number }[] }[];
      };
    };

    it("April and May 2026: the BooO's amounts, May counted without one, transition costs apart", async () => {
      const res = await finance.json<Claim>(
        "GET",
        "/api/v1/funding/claim?from=2026-04-01&to=2026-05-31",
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const c = res.body;
      // April: 30 × 100 = 3,000 place-days × 4,400 = 13,200,000; May: 3,100, not published.
      expect(c.locations[0]!.lines.map((l) => [l.scheme, l.placeDays, l.amountCents])).toEqual([
        ["booo", 3000, 13_200_000],
        ["doelgroepflexibel", 3100, null],
      ]);
      // POO: April 2 × 30 = 60 person-days × 4,800 ÷ 30 = 9,600; May 62, not published.
      expect(c.poo.map((m) => [m.month, m.scheme, m.personDays, m.amountCents])).toEqual([
        ["2026-04", "booo", 60, 9_600],
        ["2026-05", "doelgroepflexibel", 62, null],
      ]);
      // Transition costs in the period: C 1,205,000 (April) + B 80,050 (May); A withdrawn.
      expect(c.transitionCosts.totalCents).toBe(1_285_050);
      expect(c.transitionCosts.locations[0]!.entries.map((e) => e.id)).toEqual([ids.c, ids.b]);
      expect(c.totals).toMatchObject({
        gooPlaceDays: 3000,
        gooCents: 13_200_000,
        notPublishedPlaceDays: 3100,
        pooCents: 9_600,
        notPublishedPersonDays: 62,
        totalCents: 13_209_600,
        transitionCostCents: 1_285_050,
        totalWithTransitionCostsCents: 14_494_650,
      });
      expect(c.schemes.map((s) => [s.scheme, s.gooCents, s.notPublishedPlaceDays])).toEqual([
        ["booo", 13_200_000, 0],
        ["doelgroepflexibel", 0, 3100],
      ]);
    });

    it("the CSV says each line's scheme, leaves an unpublished amount empty, lists the costs", async () => {
      const res = await finance.request("/api/v1/funding/claim.csv?from=2026-04-01&to=2026-05-31");
      const rows = (await res.text()).trimEnd().split("\r\n");
      expect(rows).toContain(
        `goo,doelgroepflexibel,GM0344,${ids.hall},Sporthal,emergency_hall,,2026-05-01,2026-05-31,3100,,,,,not_published,`,
      );
      expect(rows).toContain(
        `transition_cost,booo,GM0344,${ids.hall},Sporthal,emergency_hall,,2026-04-15,2026-04-15,,,,,12050.00,,Douches en brandmelders (factuur gecorrigeerd)`,
      );
      expect(rows).toContain(
        "poo,doelgroepflexibel,GM0344,,,,2026-05,2026-05-01,2026-05-31,,62,31,,,not_published,",
      );
      const amount = rows[0]!.split(",").indexOf("amount");
      const cents = rows
        .slice(1)
        .map((r) => r.split(",")[amount]!)
        .filter(Boolean)
        .reduce((s, a) => s + Math.round(Number(a) * 100), 0);
      expect(cents).toBe(14_494_650);
    });
  });

  describe("other target groups", () => {
    it("counts a location's status holders apart, from the new scheme's start", async () => {
      const res = await finance.json<{ rows: { targetGroup: string; places: number }[] }>(
        "POST",
        "/api/v1/funding/target-group-places",
        { locationId: ids.hall, targetGroup: "status_holder", places: 20, validFrom: "2026-05-10" },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.rows).toMatchObject([{ targetGroup: "status_holder", places: 20 }]);
      const claim = await finance.json<{ totals: Record<string, number> }>(
        "GET",
        "/api/v1/funding/claim?from=2026-04-01&to=2026-05-31",
      );
      // 22 days (10–31 May) × 20 = 440, apart: the displaced persons' 3,100 stay as they were.
      expect(claim.body.totals).toMatchObject({
        statusHolderPlaceDays: 440,
        asylumSeekerPlaceDays: 0,
        notPublishedPlaceDays: 3100,
        otherTargetGroupNotPublishedPlaceDays: 440,
      });
    });

    it("refuses a date before the scheme, another municipality's location, naming the field", async () => {
      const before = await counts();
      for (const [body, path, code] of [
        [
          {
            locationId: ids.hall,
            targetGroup: "asylum_seeker",
            places: 5,
            validFrom: "2026-04-30",
          },
          "validFrom",
          "before_scheme",
        ],
        [
          {
            locationId: ids.ship,
            targetGroup: "asylum_seeker",
            places: 5,
            validFrom: "2026-06-01",
          },
          "locationId",
          "location_not_found",
        ],
        [
          { locationId: ids.hall, targetGroup: "student", places: 5, validFrom: "2026-06-01" },
          "targetGroup",
          "invalid_value",
        ],
      ] as const) {
        const res = await finance.json<ErrorBody>(
          "POST",
          "/api/v1/funding/target-group-places",
          body,
        );
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.error.issues![0]).toMatchObject({ path, code });
      }
      expect(await counts()).toEqual(before);
    });
  });

  describe("the advance", () => {
    type State = {
      year: number;
      open: boolean;
      deadline: { lastDay: string; tooLateFrom: string } | null;
      proposal: { amountCents: number; complete: boolean; notPublishedPlaceDays: number };
      current: { amountCents: number; reason: string | null; received: unknown } | null;
      history: { status: string; amountCents: number }[];
    };
    const next = thisYear + 1;
    const daysIn = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365);

    it("proposes next year's amount from the claim as the facts stand; open until 31 October", async () => {
      const res = await finance.json<State>("GET", `/api/v1/funding/advance?year=${next}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.deadline).toMatchObject({
        lastDay: `${next}-10-31`,
        tooLateFrom: `${next}-11-01`,
      });
      expect(res.body.open).toBe(true);
      // Next year lies wholly under the new scheme: its days are counted (100 places every
      // day), its amount is not published, so the proposal is incomplete and holds € 0.
      expect(res.body.proposal).toMatchObject({
        amountCents: 0,
        complete: false,
        notPublishedPlaceDays: 100 * daysIn(next),
      });
      expect(res.body.current).toBeNull();
    });

    it("requests the proposal; another amount needs a reason; a later request replaces it", async () => {
      const first = await finance.json<State>("POST", "/api/v1/funding/advance", { year: next });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.current).toMatchObject({ amountCents: 0, reason: null });
      const before = await counts();
      const noReason = await finance.json<ErrorBody>("POST", "/api/v1/funding/advance", {
        year: next,
        amountCents: 5_000_000,
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.issues![0]).toMatchObject({
        path: "reason",
        code: "reason_required",
      });
      expect(await counts()).toEqual(before);
      const second = await finance.json<State>("POST", "/api/v1/funding/advance", {
        year: next,
        amountCents: 5_000_000,
        reason: "Raming op basis van de bezetting van dit jaar",
      });
      expect(second.status).toBe(201);
      expect(second.body.current).toMatchObject({ amountCents: 5_000_000 });
      expect(second.body.history).toMatchObject([{ status: "replaced", amountCents: 0 }]);
    });

    it("after the deadline a request is refused naming the year, and nothing is written", async () => {
      const before = await counts();
      const res = await finance.json<ErrorBody>("POST", "/api/v1/funding/advance", {
        year: thisYear - 1,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("advance_deadline_passed");
      expect(res.body.error.issues![0]).toMatchObject({
        path: "year",
        code: "advance_deadline_passed",
        params: { deadline: `${thisYear - 1}-10-31`, year: String(thisYear - 1) },
      });
      const unknown = await finance.json<ErrorBody>("POST", "/api/v1/funding/advance", {
        year: next,
        bedrag: 5,
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.issues![0]).toMatchObject({
        path: "bedrag",
        code: "unknown_field",
      });
      expect(await counts()).toEqual(before);
    });

    it("2026 by hand: the proposal, a request on 31 October, refused from 1 November", async () => {
      const state = await advanceState(t.db, financeActor, { year: "2026" }, "2026-06-01");
      // BooO January–April: 120 days × 100 × 4,400 = 52,800,000; POO April 9,600;
      // transition costs C 1,205,000 + B 80,050 (A and D withdrawn) = 1,285,050;
      // May–December under the new scheme: 245 × 100 = 24,500 place-days, not published.
      expect(state.proposal).toMatchObject({
        gooCents: 52_800_000,
        pooCents: 9_600,
        transitionCostCents: 1_285_050,
        amountCents: 54_094_650,
        complete: false,
        notPublishedPlaceDays: 24_500,
        notPublishedPersonDays: 2 * 245,
      });
      const requested = await requestAdvance(t.db, financeActor, { year: 2026 }, "2026-10-31");
      expect(requested.current).toMatchObject({
        amountCents: 54_094_650,
        requestedOn: "2026-10-31",
      });
      await expect(
        requestAdvance(
          t.db,
          financeActor,
          { year: 2026, amountCents: 1, reason: "x" },
          "2026-11-01",
        ),
      ).rejects.toThrow(UnprocessableError);
    });

    it("records the advance received once; a received advance is no longer replaced", async () => {
      const res = await finance.json<State>("POST", "/api/v1/funding/advance/receipt", {
        year: next,
        amountCents: 4_000_000,
        receivedOn: today,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.current?.received).toMatchObject({ amountCents: 4_000_000, on: today });
      expect(res.body.open).toBe(false);
      const twice = await finance.json<ErrorBody>("POST", "/api/v1/funding/advance/receipt", {
        year: next,
        amountCents: 1,
        receivedOn: today,
      });
      expect(twice.status).toBe(422);
      expect(twice.body.error.issues![0]).toMatchObject({
        path: "year",
        code: "advance_receipt_recorded",
      });
      const replace = await finance.json<ErrorBody>("POST", "/api/v1/funding/advance", {
        year: next,
      });
      expect(replace.status).toBe(422);
      expect(replace.body.error.issues![0]).toMatchObject({
        path: "year",
        code: "advance_received",
      });
    });
  });

  describe("SiSa", () => {
    it("2026 as CSV: one row per indicator and scheme, the new scheme's amounts empty", async () => {
      const res = await finance.request("/api/v1/funding/sisa.csv?year=2026");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(
        'attachment; filename="opvang-sisa-GM0344-2026.csv"',
      );
      const text = await res.text();
      expect(text.split("\r\n")[0]).toBe(SISA_CSV_COLUMNS.join(","));
      const [, ...lines] = parse(text) as string[][];
      const row = (scheme: string, indicator: string) =>
        lines.find((c) => c[2] === scheme && c[3] === indicator)?.slice(5);
      // BooO, January–April: 120 × 100 = 12,000 place-days × 44.00 = 528,000.00; POO April
      // 60 person-days ÷ 30 = 2.00 person-months, € 96.00; transition cost C € 12,050.00.
      expect(row("booo", "goo_realised_place_days")).toEqual(["12000", "place_days", "counted"]);
      expect(row("booo", "goo_amount")).toEqual(["528000.00", "euro", "published"]);
      expect(row("booo", "goo_outside_base_rate_place_days")).toEqual([
        "0",
        "place_days",
        "no_amount",
      ]);
      expect(row("booo", "poo_person_months")).toEqual(["2.00", "person_months", "counted"]);
      expect(row("booo", "poo_amount")).toEqual(["96.00", "euro", "published"]);
      expect(row("booo", "transition_costs")).toEqual(["12050.00", "euro", "published"]);
      // The new scheme, May–December: 245 × 100 = 24,500 place-days; 2 persons × 8 months =
      // 16.00 person-months; status holders 236 days (10 May – 31 December) × 20 = 4,720;
      // transition cost B € 800.50; amounts not published (empty).
      expect(row("doelgroepflexibel", "goo_realised_place_days")).toEqual([
        "24500",
        "place_days",
        "counted",
      ]);
      expect(row("doelgroepflexibel", "goo_amount")).toEqual(["", "euro", "not_published"]);
      expect(row("doelgroepflexibel", "poo_person_months")).toEqual([
        "16.00",
        "person_months",
        "counted",
      ]);
      expect(row("doelgroepflexibel", "poo_amount")).toEqual(["", "euro", "not_published"]);
      expect(row("doelgroepflexibel", "status_holder_place_days")).toEqual([
        "4720",
        "place_days",
        "counted",
      ]);
      expect(row("doelgroepflexibel", "other_target_groups_amount")).toEqual([
        "",
        "euro",
        "not_published",
      ]);
      expect(row("doelgroepflexibel", "transition_costs")).toEqual(["800.50", "euro", "published"]);
      expect(row("", "advance_requested")).toEqual(["540946.50", "euro", "recorded"]);
      expect(row("", "advance_received")).toEqual(["", "euro", "not_recorded"]);
      expect(lines).toHaveLength(6 + 8 + 2);
    });

    it("refuses a year out of range and an unknown field, naming them", async () => {
      for (const [q, path, code] of [
        ["year=2021", "year", "year_out_of_range"],
        ["year=26", "year", "year_format"],
        ["year=2026&gemeente=GM0363", "gemeente", "unknown_field"],
      ]) {
        const res = await finance.json<ErrorBody>("GET", `/api/v1/funding/sisa.csv?${q}`);
        expect(res.status).toBe(400);
        expect(res.body.error.issues![0]).toMatchObject({ path, code });
      }
    });
  });

  it("the national view adds the transition costs and the days without an amount", async () => {
    const res = await coordinator.json<{
      periods: { scheme: string }[];
      schemePeriods: { scheme: string; gooPerPlacePerDayCents: number | null }[];
      gemeenten: { code: string; transitionCostCents: number; notPublishedPlaceDays: number }[];
    }>("GET", "/api/v1/national/funding?year=2026");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.periods.map((p) => p.scheme)).toEqual(["booo"]);
    expect(res.body.schemePeriods.map((p) => [p.scheme, p.gooPerPlacePerDayCents])).toEqual([
      ["booo", 4400],
      ["doelgroepflexibel", null],
    ]);
    expect(res.body.gemeenten.find((g) => g.code === "GM0344")).toMatchObject({
      transitionCostCents: 1_285_050,
      notPublishedPlaceDays: 24_500,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Douches|Melnyk|Biltstraat/);
  });

  it("access: the finance officer and the municipal admin; not the caseworker or the nation", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/funding/transition-costs"],
      ["GET", `/api/v1/funding/advance?year=${thisYear}`],
      ["GET", "/api/v1/funding/target-group-places"],
      ["GET", `/api/v1/funding/sisa.csv?year=${thisYear}`],
      ["POST", "/api/v1/funding/transition-costs"],
      ["POST", "/api/v1/funding/advance"],
    ] as const) {
      const init = {
        method,
        headers: { "Content-Type": "application/json" },
        body: method === "GET" ? undefined : "{}",
      };
      expect((await caseworker.request(path, init)).status, path).toBe(403);
      expect((await coordinator.request(path, init)).status, path).toBe(403);
      expect((await t.app.request(path, init)).status, path).toBe(401);
    }
    expect((await admin.request("/api/v1/funding/transition-costs")).status).toBe(200);
  });
});
