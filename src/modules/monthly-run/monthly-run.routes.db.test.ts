import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, initTestApp, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { generateDemo } from "../../db/demo/generate";
import { todayNl } from "../../domain/dates";
import { monthFactsOfGemeente } from "../entitlement";

const XSD = path.resolve(
  import.meta.dirname,
  "../../../../shared/data/sepa/EPC132-08_2023_V1.0_pain.001.001.09.xsd",
);
const work = mkdtempSync(path.join(tmpdir(), "monthly-run-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Run = {
  id: number;
  month: string;
  status: string;
  version: number;
  progress: { done: number; total: number };
  preparedBy: { id: number; name: string } | null;
  approvedBy: { id: number; name: string } | null;
  totals: {
    households: number;
    persons: number;
    leefgeldCents: number;
    eigenBijdrageCents: number;
    transferCents: number;
    collectCents: number;
    sepaHouseholds: number;
    cardOrCashHouseholds: number;
    corrections: number;
    backPayCents: number;
    recoveryCents: number;
  } | null;
};
type Payment = {
  householdId: number;
  method: string;
  anomalies: string[];
  transferCents: number;
  leefgeldCents: number;
  collectCents: number;
  corrections: number;
  backPayCents: number;
  recoveryCents: number;
  changeReasons: string[];
  endToEndId: string;
};
type ErrorAnswer = { error: { code: string; issues?: { path: string; code: string }[] } };

const SETTINGS = {
  accountName: "Gemeente Utrecht",
  iban: "NL91ABNA0417164300",
  bic: "ABNANL2A",
  senderBlock: "Gemeente Utrecht\nPostbus 16200\n3500 CE Utrecht",
  signatureName: "A. de Vries",
  signatureTitle: "Teamleider Opvang Oekraïne",
  objectionAddress: "Gemeente Utrecht, t.a.v. bezwaarschriften\nPostbus 16200\n3500 CE Utrecht",
  offsetLimitPercent: 10,
};

function xmllint(xml: string) {
  const file = path.join(work, `sepa-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
}

describe(`the monthly run (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let financeA: Client;
  let financeB: Client;
  let financeAms: Client;
  let admin: Client;
  let caseworker: Client;

  async function prepare(client: Client, month: string) {
    const res = await client.json("POST", "/api/v1/monthly-runs", { month });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await t.jobs.idle();
    const run = await client.json("GET", `/api/v1/monthly-runs/${(res.body as Run).id}`);
    expect(run.status).toBe(200);
    return run.body as Run;
  }

  async function allPayments(client: Client, runId: number, filter = "") {
    const out: Payment[] = [];
    for (let offset = 0; ; offset += 500) {
      const r = await client.json(
        "GET",
        `/api/v1/monthly-runs/${runId}/households?limit=500&offset=${offset}${filter}`,
      );
      expect(r.status).toBe(200);
      const body = r.body as { items: Payment[]; more: boolean };
      out.push(...body.items);
      if (!body.more) return out;
    }
  }

  beforeAll(async () => {
    t = await initTestApp();
    await generateDemo(t.db, { scale: "demo", seed: 1 });
    // The demo records Utrecht's settings; this suite records them itself.
    await t.db.execute(sql`delete from gemeente_settings where gemeente_code = 'GM0344'`);
    await insertTestUser(t.database, "run-finance-a", "finance_officer", "GM0344");
    await insertTestUser(t.database, "run-finance-b", "finance_officer", "GM0344");
    await insertTestUser(t.database, "run-finance-ams", "finance_officer", "GM0363");
    await insertTestUser(t.database, "run-admin", "municipal_admin", "GM0344");
    await insertTestUser(t.database, "run-cw", "caseworker", "GM0344");
    financeA = await signIn(t.app, "run-finance-a");
    financeB = await signIn(t.app, "run-finance-b");
    financeAms = await signIn(t.app, "run-finance-ams");
    admin = await signIn(t.app, "run-admin");
    caseworker = await signIn(t.app, "run-cw");
  }, 120_000);
  afterAll(() => t.database.destroy());

  it("refuses a run before the municipality's settings are recorded, naming them", async () => {
    const res = await financeA.json("POST", "/api/v1/monthly-runs", { month: "2026-11" });
    expect(res.status).toBe(422);
    expect((res.body as ErrorAnswer).error.code).toBe("settings_missing");
  });

  it("checks the settings' IBAN and BIC at entry, naming the field; only the municipal admin records them", async () => {
    const bad = await admin.json("PUT", "/api/v1/gemeente-settings", {
      ...SETTINGS,
      iban: "NL92ABNA0417164300",
      bic: "ABN",
    });
    expect(bad.status).toBe(400);
    const codes = (bad.body as ErrorAnswer).error.issues!.map((i) => `${i.path}:${i.code}`);
    expect(codes).toEqual(["iban:iban_checksum", "bic:bic_format"]);
    expect((await financeA.json("PUT", "/api/v1/gemeente-settings", SETTINGS)).status).toBe(403);
    const ok = await admin.json("PUT", "/api/v1/gemeente-settings", {
      ...SETTINGS,
      iban: "nl91 abna 0417 1643 00",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ recorded: true, iban: "NL91ABNA0417164300", version: 1 });
    const stale = await admin.json("PUT", "/api/v1/gemeente-settings", { ...SETTINGS, version: 7 });
    expect(stale.status).toBe(409);
  });

  it("records a household's bank account with a checked IBAN and a member as payee", async () => {
    const [member] = await query<{ person_id: number; household_id: number }>(
      t.db,
      sql`select m.person_id, m.household_id from household_membership m
          join household h on h.id = m.household_id and h.gemeente_code = 'GM0344'
          where m.valid_to is null
            and not exists (select 1 from household_bank_account b where b.household_id = m.household_id)
          order by m.household_id limit 1`,
    );
    const h = member!.household_id;
    const [stranger] = await query<{ id: number }>(
      t.db,
      sql`select p.id from person p where p.gemeente_code = 'GM0344' and not exists (
            select 1 from household_membership m where m.person_id = p.id and m.household_id = ${h}) limit 1`,
    );
    const badIban = await caseworker.json("PUT", `/api/v1/households/${h}/bank-account`, {
      payeePersonId: member!.person_id,
      iban: "NL91ABNA0417164301",
    });
    expect(badIban.status).toBe(400);
    expect((badIban.body as ErrorAnswer).error.issues![0]).toMatchObject({
      path: "iban",
      code: "iban_checksum",
    });
    const ukrainian = await caseworker.json("PUT", `/api/v1/households/${h}/bank-account`, {
      payeePersonId: member!.person_id,
      iban: "UA213223130000026007233566001",
    });
    expect((ukrainian.body as ErrorAnswer).error.issues![0]).toMatchObject({
      path: "iban",
      code: "iban_country",
    });
    const notMember = await caseworker.json("PUT", `/api/v1/households/${h}/bank-account`, {
      payeePersonId: stranger!.id,
      iban: "NL91ABNA0417164300",
    });
    expect((notMember.body as ErrorAnswer).error.issues![0]).toMatchObject({
      path: "payeePersonId",
      code: "payee_not_member",
    });
    const ok = await caseworker.json("PUT", `/api/v1/households/${h}/bank-account`, {
      payeePersonId: member!.person_id,
      iban: "NL91 ABNA 0417 1643 00",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      method: "sepa",
      iban: "NL91ABNA0417164300",
      ibanMasked: "NL91 **** **** **** 4300",
    });
    // Accounts for most households, so the run pays both ways.
    await t.db.execute(sql`
      insert into household_bank_account (household_id, payee_person_id, iban)
      select distinct on (m.household_id) m.household_id, m.person_id, 'NL91ABNA0417164300'
      from household_membership m join household h on h.id = m.household_id
      where h.gemeente_code = 'GM0344' and m.household_id % 5 <> 0
      order by m.household_id, m.role = 'head' desc, m.person_id
      on conflict (household_id) do nothing`);
  });

  it("refuses months before the law and after next month, naming the field", async () => {
    for (const [month, code] of [
      ["2022-03", "no_law"],
      ["2027-12", "month_too_early"],
      ["2027-1", "month_format"],
    ] as const) {
      const res = await financeA.json("POST", "/api/v1/monthly-runs", { month });
      expect(res.status, month).toBe(400);
      expect((res.body as ErrorAnswer).error.issues![0]).toMatchObject({ path: "month", code });
    }
  });

  let december: Run;
  it("prepares a month: one payment per household in reception, totals that add up", async () => {
    december = await prepare(financeA, "2026-12");
    expect(december.status).toBe("prepared");
    expect(december.preparedBy?.name).toBe("run-finance-a");
    const facts = await monthFactsOfGemeente(t.db, "GM0344", "2026-12");
    const inReception = [...facts.values()].filter((f) => f.request).length;
    expect(december.totals!.households).toBe(inReception);
    const payments = await allPayments(financeA, december.id);
    expect(payments).toHaveLength(inReception);
    expect(new Set(payments.map((p) => p.householdId)).size).toBe(payments.length);
    const sum = (f: (p: Payment) => number) => payments.reduce((s, p) => s + f(p), 0);
    expect(sum((p) => p.transferCents)).toBe(december.totals!.transferCents);
    expect(sum((p) => p.leefgeldCents)).toBe(december.totals!.leefgeldCents);
    expect(december.totals!.sepaHouseholds).toBeGreaterThan(0);
    expect(december.totals!.cardOrCashHouseholds).toBeGreaterThan(0);
    // No earlier decisions: each household's first.
    expect(
      payments.every((p) => p.changeReasons.includes("first_decision") || p.leefgeldCents === 0),
    ).toBe(true);
    const noAccount = await allPayments(financeA, december.id, "&anomaly=no_bank_account");
    const payeeLeft = await allPayments(financeA, december.id, "&anomaly=payee_left");
    // Paid by card or cash: no account, or an account whose payee is not in reception.
    expect(noAccount.length + payeeLeft.length).toBe(
      payments.filter((p) => p.method === "card_or_cash").length,
    );
    expect(noAccount.every((p) => p.anomalies.includes("no_bank_account"))).toBe(true);
    expect(payeeLeft.every((p) => p.method === "card_or_cash")).toBe(true);
  });

  it("lists the review as CSV with a line per household", async () => {
    const res = await financeA.request(`/api/v1/monthly-runs/${december.id}/households.csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^household_id,household,method,/);
    expect(lines.length - 1).toBe(december.totals!.households);
  });

  it("preparing again before approval replaces the draft; two at once: one wins, the other is told", async () => {
    const again = await prepare(financeA, "2026-12");
    expect(again.id).toBe(december.id);
    expect(again.totals).toEqual(december.totals);
    const [a, b] = await Promise.all([
      financeA.json("POST", "/api/v1/monthly-runs", { month: "2026-12" }),
      financeB.json("POST", "/api/v1/monthly-runs", { month: "2026-12" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const lost = a.status === 409 ? a : b;
    expect((lost.body as ErrorAnswer).error.code).toBe("run_in_progress");
    await t.jobs.idle();
    december = (await financeA.json("GET", `/api/v1/monthly-runs/${december.id}`)).body as Run;
    expect(december.status).toBe("prepared");
  });

  it("four eyes: the preparer cannot approve; another finance officer can, once, at the version read", async () => {
    const preparer = december.preparedBy!.name === "run-finance-a" ? financeA : financeB;
    const other = preparer === financeA ? financeB : financeA;
    const own = await preparer.json("POST", `/api/v1/monthly-runs/${december.id}/approve`, {
      version: december.version,
    });
    expect(own.status).toBe(403);
    expect((own.body as ErrorAnswer).error.code).toBe("four_eyes");
    const stale = await other.json("POST", `/api/v1/monthly-runs/${december.id}/approve`, {
      version: december.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await financeAms.json("POST", `/api/v1/monthly-runs/${december.id}/approve`, {
          version: december.version,
        })
      ).status,
    ).toBe(404);
    const ok = await other.json("POST", `/api/v1/monthly-runs/${december.id}/approve`, {
      version: december.version,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((ok.body as Run).status).toBe("approved");
    const decisions = await query<{ n: number; households: number }>(
      t.db,
      sql`select count(*)::int as n, count(distinct household_id)::int as households
          from decision where run_id = ${december.id} and kind = 'run'`,
    );
    expect(decisions[0]).toEqual({
      n: december.totals!.households,
      households: december.totals!.households,
    });
    const again = await other.json("POST", `/api/v1/monthly-runs/${december.id}/approve`, {
      version: (ok.body as Run).version,
    });
    expect((again.body as ErrorAnswer).error.code).toBe("run_approved");
    const rerun = await financeA.json("POST", "/api/v1/monthly-runs", { month: "2026-12" });
    expect(rerun.status).toBe(409);
    expect((rerun.body as ErrorAnswer).error.code).toBe("run_approved");
  });

  it("a closed run never changes: the database refuses to touch its items, payments and row", async () => {
    await expect(
      t.db.execute(
        sql`update monthly_run_payment set transfer_cents = 0 where run_id = ${december.id}`,
      ),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`delete from monthly_run_item where run_id = ${december.id}`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`update monthly_run set status = 'prepared' where id = ${december.id}`),
    ).rejects.toThrow();
  });

  it("writes a SEPA file that the EPC schema validates, each transfer once, traced to the run and household", async () => {
    const res = await financeA.request(`/api/v1/monthly-runs/${december.id}/sepa.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const lint = xmllint(xml);
    expect(lint.status, lint.stderr).toBe(0);
    const ids = [...xml.matchAll(/<EndToEndId>([^<]+)<\/EndToEndId>/g)].map((m) => m[1]);
    expect(ids.length).toBe(december.totals!.sepaHouseholds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id!.startsWith(`OPV-R${december.id}-H`))).toBe(true);
    const payments = (await allPayments(financeA, december.id, "&method=sepa")).filter(
      (p) => p.transferCents > 0,
    );
    const cents = [...xml.matchAll(/<InstdAmt Ccy="EUR">([0-9.]+)<\/InstdAmt>/g)].reduce(
      (s, m) => s + Math.round(Number(m[1]) * 100),
      0,
    );
    expect(cents).toBe(payments.reduce((s, p) => s + p.transferCents, 0));
    const [audit] = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_record where action = 'export' and entity_type = 'monthly_run'`,
    );
    expect(audit!.n).toBeGreaterThan(0);
  });

  it("lists card or cash and collections, and the letters in one PDF with Ukrainian text", async () => {
    const cash = await financeA.request(`/api/v1/monthly-runs/${december.id}/card-or-cash.csv`);
    expect((await cash.text()).trimEnd().split("\r\n").length - 1).toBe(
      december.totals!.cardOrCashHouseholds,
    );
    const collections = await financeA.request(
      `/api/v1/monthly-runs/${december.id}/collections.csv`,
    );
    expect(collections.status).toBe(200);
    const [uk] = await query<{ household_id: number }>(
      t.db,
      sql`select p.household_id from monthly_run_payment p
          join household_membership m on m.household_id = p.household_id and m.role = 'head'
          join person x on x.id = m.person_id and x.contact_language = 'uk'
          where p.run_id = ${december.id} and p.leefgeld_cents > 0 limit 1`,
    );
    const letter = await financeA.request(
      `/api/v1/monthly-runs/${december.id}/households/${uk!.household_id}/letter.pdf`,
    );
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    const file = path.join(work, "letter.pdf");
    writeFileSync(file, Buffer.from(await letter.arrayBuffer()));
    const text = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain("Beschikking");
    expect(text).toMatch(/[а-яіїєґ]{4,}/);
    expect(text).toContain("bezwaar");
  });

  it("corrects an earlier month when its facts change: the difference is booked in the next run", async () => {
    // A household paid in December gets a work income for December afterwards.
    const [target] = await query<{ household_id: number; person_id: number }>(
      t.db,
      sql`select p.household_id, m.person_id from monthly_run_payment p
          join household_membership m on m.household_id = p.household_id and m.role = 'head'
          join person x on x.id = m.person_id and x.birth_date < '2000-01-01'
          where p.run_id = ${december.id} and p.leefgeld_cents > 0
            and not exists (select 1 from income i where i.person_id = m.person_id and i.month = '2026-12-01')
          order by p.household_id limit 1`,
    );
    await t.db.execute(sql`insert into income (person_id, month, kind, source, net_cents)
      values (${target!.person_id}, '2026-12-01', 'work', 'caseworker', 250000)`);
    // Another household's account names a payee who is not (or no longer) its member.
    const [moved] = await query<{ household_id: number }>(
      t.db,
      sql`update household_bank_account set payee_person_id = ${target!.person_id}
          where household_id = (select b.household_id from household_bank_account b
            join monthly_run_payment p on p.household_id = b.household_id and p.run_id = ${december.id}
            where b.household_id <> ${target!.household_id} and p.leefgeld_cents > 0
            order by b.household_id limit 1)
          returning household_id`,
    );
    const january = await prepare(financeB, "2027-01");
    const left = (await allPayments(financeB, january.id, "&anomaly=payee_left")).map((p) => [
      p.householdId,
      p.method,
    ]);
    expect(left).toContainEqual([moved!.household_id, "card_or_cash"]);
    expect(left.every(([, method]) => method === "card_or_cash")).toBe(true);
    expect(january.status).toBe("prepared");
    expect(january.totals!.corrections).toBeGreaterThanOrEqual(1);
    const corrected = (await allPayments(financeB, january.id, "&corrections=true")).find(
      (p) => p.householdId === target!.household_id,
    );
    expect(corrected).toBeDefined();
    expect(corrected!.corrections).toBe(1);
    expect(corrected!.recoveryCents).toBeGreaterThan(0);
    const detail = await financeB.json(
      "GET",
      `/api/v1/monthly-runs/${january.id}/households/${target!.household_id}`,
    );
    const item = (
      detail.body as { items: { month: string; kind: string; changeReasons: string[] }[] }
    ).items.find((i) => i.kind === "correction");
    expect(item).toMatchObject({ month: "2026-12", changeReasons: ["income"] });
    const ok = await financeA.json("POST", `/api/v1/monthly-runs/${january.id}/approve`, {
      version: january.version,
    });
    expect(ok.status).toBe(200);
    const [c] = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from decision where run_id = ${january.id} and kind = 'correction'
            and household_id = ${target!.household_id} and month = '2026-12-01'`,
    );
    expect(c!.n).toBe(1);
    // The December decision stands as it was.
    const [dec] = await query<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from decision where run_id = ${december.id} and household_id = ${target!.household_id}`,
    );
    expect(dec!.n).toBe(1);
  });

  it("another municipality sees none of it", async () => {
    expect((await financeAms.json("GET", `/api/v1/monthly-runs/${december.id}`)).status).toBe(404);
    expect(
      (await financeAms.json("GET", `/api/v1/monthly-runs/${december.id}/households`)).status,
    ).toBe(404);
    expect((await financeAms.request(`/api/v1/monthly-runs/${december.id}/sepa.xml`)).status).toBe(
      404,
    );
    const list = await financeAms.json("GET", "/api/v1/monthly-runs");
    expect((list.body as { runs: Run[] }).runs).toEqual([]);
  });
  it("a household that moved is the receiving municipality's from the next month's run, without the sender's corrections", async () => {
    const [h] = await query<{ household_id: number; version: number }>(
      t.db,
      sql`select p.household_id, h.version from monthly_run_payment p
          join household h on h.id = p.household_id
          where p.run_id = ${december.id} and p.leefgeld_cents > 0
          order by p.household_id desc limit 1`,
    );
    const moved = await caseworker.json("POST", `/api/v1/households/${h!.household_id}/transfer`, {
      gemeente: "GM0363",
      from: todayNl(),
      reason: "moved to Amsterdam",
      version: h!.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const january = await prepare(financeAms, "2027-01");
    expect(january.status).toBe("prepared");
    const paid = (await allPayments(financeAms, january.id)).find(
      (p) => p.householdId === h!.household_id,
    );
    expect(paid).toBeDefined();
    expect(paid!.leefgeldCents).toBeGreaterThan(0);
    expect(paid!.corrections).toBe(0);
    // Utrecht's December stays Utrecht's: its run and decision are where they were.
    expect(
      (
        await financeA.json(
          "GET",
          `/api/v1/monthly-runs/${december.id}/households/${h!.household_id}`,
        )
      ).status,
    ).toBe(200);
  });
});
