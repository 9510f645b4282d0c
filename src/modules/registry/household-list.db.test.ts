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
import { todayNl } from "../../domain/dates";
import { latestCompleteMonth } from "./household-list";

interface Item {
  id: number;
  label: string;
  size: number;
  arrival: string | null;
  receptionKinds: string[];
  locations: { id: number; name: string }[];
  incomeInLatestMonth: boolean;
  contactLanguage: string | null;
}
type List = { total: number; offset: number; limit: number; latestMonth: string; items: Item[] };

describe(`household list (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let cw: Client;
  let fin: Client;
  let cwAms: Client;
  const ids: Record<string, number> = {};
  const latest = latestCompleteMonth(todayNl());
  const one = async (q: ReturnType<typeof sql>) => (await query<{ id: number }>(t.db, q))[0]!.id;

  async function household(
    gemeente: string,
    label: string,
    opts: {
      size: number;
      from: string;
      language?: string;
      to?: string;
      location?: number;
      poo?: boolean;
      income?: boolean;
    },
  ) {
    const h = await one(
      sql`insert into household (gemeente_code, label) values (${gemeente}, ${label}) returning id`,
    );
    for (let i = 0; i < opts.size; i++) {
      const p = await one(
        sql`insert into person (gemeente_code, family_name, given_names, birth_date, contact_language)
            values (${gemeente}, ${label}, ${`Member ${i}`}, '1990-01-01', ${opts.language ?? "uk"}) returning id`,
      );
      await t.db.execute(
        sql`insert into household_membership (household_id, person_id, role, valid_from, valid_to)
            values (${h}, ${p}, ${i === 0 ? "head" : "child"}, ${opts.from}, ${opts.to ?? null})`,
      );
      if (opts.location) {
        await t.db.execute(
          sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from)
              values (${p}, 'goo', ${opts.location}, ${gemeente}, ${opts.from})`,
        );
      }
      if (opts.poo) {
        await t.db.execute(
          sql`insert into placement (person_id, kind, gemeente_code, valid_from, city)
              values (${p}, 'poo', ${gemeente}, ${opts.from}, 'Utrecht')`,
        );
      }
      if (opts.income && i === 0) {
        await t.db.execute(
          sql`insert into income (person_id, month, net_cents, kind, source, payer)
              values (${p}, ${`${latest}-01`}, 90000, 'work', 'caseworker', 'Jumbo')`,
        );
      }
    }
    return h;
  }

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    await insertTestUser(t.database, "fin-utr", "finance_officer", "GM0344");
    await insertTestUser(t.database, "cw-ams", "caseworker", "GM0363");
    cw = await signIn(t.app, "cw-utr");
    fin = await signIn(t.app, "fin-utr");
    cwAms = await signIn(t.app, "cw-ams");
    ids.hotel = await one(
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Hotel Dom', 'hotel') returning id`,
    );
    ids.ship = await one(
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Boot Vecht', 'ship') returning id`,
    );
    ids.amstel = await one(
      sql`insert into location (gemeente_code, name, kind) values ('GM0363', 'Hotel Amstel', 'hotel') returning id`,
    );
    ids.bondar = await household("GM0344", "Bondar", {
      size: 4,
      from: "2022-03-20",
      location: ids.hotel,
      income: true,
    });
    ids.antonenko = await household("GM0344", "antonenko", {
      size: 1,
      from: "2023-06-01",
      poo: true,
      language: "nl",
    });
    ids.chernenko = await household("GM0344", "Chernenko", {
      size: 2,
      from: "2022-05-01",
      location: ids.ship,
      language: "en",
    });
    ids.gone = await household("GM0344", "Departed", {
      size: 2,
      from: "2022-04-01",
      to: "2023-01-31",
    });
    ids.amsterdam = await household("GM0363", "Amstel", {
      size: 3,
      from: "2022-03-10",
      location: ids.amstel,
      income: true,
    });
  });
  afterAll(() => t.database.destroy());

  const list = (client: Client, q = "") => client.json<List>("GET", `/api/v1/households${q}`);
  const labels = (l: List) => l.items.map((i) => i.label);

  it("lists every current household of the municipality, by label, with its facts", async () => {
    const res = await list(cw);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.latestMonth).toBe(latest);
    expect(labels(res.body)).toEqual(["antonenko", "Bondar", "Chernenko"]);
    expect(res.body.items[1]).toEqual({
      id: ids.bondar,
      label: "Bondar",
      size: 4,
      arrival: "2022-03-20",
      receptionKinds: ["goo"],
      locations: [{ id: ids.hotel, name: "Hotel Dom" }],
      incomeInLatestMonth: true,
      contactLanguage: "uk",
    });
    expect(res.body.items[0]).toMatchObject({ receptionKinds: ["poo"], locations: [] });
  });

  it("also lists ended households when asked", async () => {
    const res = await list(cw, "?include=all");
    expect(labels(res.body)).toEqual(["antonenko", "Bondar", "Chernenko", "Departed"]);
    expect(res.body.items[3]).toMatchObject({ size: 0, receptionKinds: [] });
  });

  it("filters by location, reception, size, income and contact language", async () => {
    expect(labels((await list(cw, `?locationId=${ids.ship}`)).body)).toEqual(["Chernenko"]);
    expect(labels((await list(cw, "?reception=goo")).body)).toEqual(["Bondar", "Chernenko"]);
    expect(labels((await list(cw, "?reception=poo")).body)).toEqual(["antonenko"]);
    expect(labels((await list(cw, "?minSize=2&maxSize=3")).body)).toEqual(["Chernenko"]);
    expect(labels((await list(cw, "?income=yes")).body)).toEqual(["Bondar"]);
    expect(labels((await list(cw, "?income=no")).body)).toEqual(["antonenko", "Chernenko"]);
    expect(labels((await list(cw, "?language=nl")).body)).toEqual(["antonenko"]);
    expect((await list(cw, "?language=en&reception=poo")).body.total).toBe(0);
  });

  it("sorts by size and arrival, either way", async () => {
    expect(labels((await list(cw, "?sort=-size")).body)).toEqual([
      "Bondar",
      "Chernenko",
      "antonenko",
    ]);
    expect(labels((await list(cw, "?sort=arrival")).body)).toEqual([
      "Bondar",
      "Chernenko",
      "antonenko",
    ]);
    expect(labels((await list(cw, "?sort=-label")).body)).toEqual([
      "Chernenko",
      "Bondar",
      "antonenko",
    ]);
  });

  it("pages, with the total over all pages", async () => {
    const second = await list(fin, "?limit=2&offset=2");
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ total: 3, offset: 2, limit: 2 });
    expect(labels(second.body)).toEqual(["Chernenko"]);
    const past = await list(fin, "?limit=2&offset=10");
    expect(past.body).toMatchObject({ total: 3, items: [] });
  });

  it("audits a page as a search naming the persons of its households", async () => {
    await list(cw, `?locationId=${ids.ship}`);
    const [record] = await query<{
      action: string;
      entity_type: string;
      n: number;
      gemeente_code: string;
    }>(
      t.db,
      sql`select action, entity_type, cardinality(person_ids)::int as n, gemeente_code
          from audit_record order by id desc limit 1`,
    );
    expect(record).toEqual({
      action: "search",
      entity_type: "household",
      n: 2,
      gemeente_code: "GM0344",
    });
  });

  it("security: another municipality's households never appear, also not by its location", async () => {
    const ams = await list(cwAms);
    expect(labels(ams.body)).toEqual(["Amstel"]);
    expect((await list(cw, `?locationId=${ids.amstel}`)).body.total).toBe(0);
    expect((await list(cwAms, `?locationId=${ids.hotel}`)).body.total).toBe(0);
  });

  it("refuses unknown filters and values", async () => {
    expect((await list(cw, "?sort=name")).status).toBe(400);
    expect((await list(cw, "?reception=hotel")).status).toBe(400);
    expect((await list(cw, "?minSize=0")).status).toBe(400);
    expect((await list(cw, "?q=Bondar")).status).toBe(400);
  });
});
