import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initTestApp, insertTestGemeenten, insertTestUser, signIn } from "../../../test/app";
import { testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { NotFoundError } from "../../domain/errors";
import { getLawbook } from "../../rules/lawbook";
import { ENGINE_VERSION } from "../../rules/receipt";
import { listAuditForPerson } from "../audit/audit.repository";
import { explainDecision, replayDecision } from "./decisions.service";

describe(`decisions: immutable, replayable (${testEngine})`, () => {
  let t: Awaited<ReturnType<typeof initTestApp>>;
  let decisionId: number;
  let personId: number;

  beforeAll(async () => {
    t = await initTestApp();
    await insertTestGemeenten(t.database);
    await insertTestUser(t.database, "cw-utr", "caseworker", "GM0344");
    const cw = await signIn(t.app, "cw-utr");
    const h = await cw.json<{ id: number; memberIds: number[] }>("POST", "/api/v1/households", {
      validFrom: "2025-01-01",
      members: [
        {
          role: "head",
          person: { familyName: "Melnyk", givenNames: "Oksana", birthDate: "1985-01-01" },
        },
      ],
    });
    personId = h.body.memberIds[0]!;
    const [loc] = await query<{ id: number }>(
      t.db,
      sql`insert into location (gemeente_code, name, kind) values ('GM0344', 'Hotel Domstad', 'hotel') returning id`,
    );
    await t.db.execute(
      sql`insert into placement (person_id, kind, location_id, gemeente_code, valid_from) values (${personId}, 'goo', ${loc!.id}, 'GM0344', '2025-01-01')`,
    );
    await t.db.execute(sql`insert into income (person_id, month, net_cents, kind, source, payer)
      values (${personId}, '2025-11-01', 40000, 'work', 'caseworker', 'Bakkerij')`);
    const d = await cw.json<{ id: number }>("POST", `/api/v1/households/${h.body.id}/decisions`, {
      month: "2025-11",
      reason: "first decision",
    });
    expect(d.status).toBe(201);
    decisionId = d.body.id;
  });
  afterAll(() => t.database.destroy());

  const refused = async (statement: ReturnType<typeof sql>) => {
    const error = await t.db.execute(statement).then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(error, "the database must refuse this").not.toBeNull();
    return `${error!.message} ${error!.cause?.message ?? ""}`;
  };

  it("the database refuses UPDATE, DELETE and TRUNCATE of a decision", async () => {
    expect(
      await refused(sql`update decision set reason = 'rewritten' where id = ${decisionId}`),
    ).toMatch(/immutable/);
    expect(await refused(sql`delete from decision where id = ${decisionId}`)).toMatch(/immutable/);
    // Run items refer to decisions: PostgreSQL refuses the TRUNCATE for that before the
    // trigger is reached; refused either way.
    expect(await refused(sql`truncate decision`)).toMatch(/immutable|referenced in a foreign key/);
    // Even a statement that matches no row is refused: nothing is quietly allowed.
    expect(await refused(sql`delete from decision where id = -1`)).toMatch(/immutable/);
    const [row] = await query<{ reason: string }>(
      t.db,
      sql`select reason from decision where id = ${decisionId}`,
    );
    expect(row!.reason).toBe("first decision");
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE of a law version", async () => {
    const hash = getLawbook().hash;
    expect(await refused(sql`update law_version set files = '[]' where hash = ${hash}`)).toMatch(
      /immutable/,
    );
    expect(await refused(sql`delete from law_version where hash = ${hash}`)).toMatch(/immutable/);
    expect(await refused(sql`truncate law_version cascade`)).toMatch(/immutable/);
  });

  it("replays a decision with its own law: identical, naming law and engine versions", async () => {
    const r = await replayDecision(t.db, decisionId);
    expect(r).toEqual({
      identical: true,
      differences: [],
      lawHash: getLawbook().hash,
      replayLawHash: getLawbook().hash,
      engineVersionThen: ENGINE_VERSION,
      engineVersionNow: ENGINE_VERSION,
    });
    expect((await replayDecision(t.db, decisionId, { currentLaw: true })).identical).toBe(true);
  });

  it("a replay names each difference between what was stored and what the law gives", async () => {
    // A decision whose stored amount is not what its inputs give (as if computed wrongly).
    const [row] = await query<{ id: number }>(
      t.db,
      sql`insert into decision (household_id, gemeente_code, month, kind, reason, inputs, result,
            trace, law_hash, engine_version)
          select household_id, gemeente_code, month, 'manual', 'tampered', inputs,
            jsonb_set(result, '{leefgeld,paidCents}', '1'), trace, law_hash, '2020.1.1'
          from decision where id = ${decisionId} returning id`,
    );
    const r = await replayDecision(t.db, row!.id);
    expect(r.identical).toBe(false);
    expect(r.differences).toEqual([
      expect.stringMatching(/^result\.leefgeld\.paidCents: 1 → \d+$/),
    ]);
    expect(r.engineVersionThen).toBe("2020.1.1");
  });

  it("explains a decision in Ukrainian from the stored law", async () => {
    expect(await explainDecision(t.db, decisionId, "uk")).toMatch(/[а-яіїє]/i);
  });

  it("an unknown decision is not found", async () => {
    await expect(replayDecision(t.db, 999999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(explainDecision(t.db, 999999, "nl")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a replay by the system is in the person's access log without a user", async () => {
    await replayDecision(t.db, decisionId);
    const [latest] = await listAuditForPerson(t.db, personId);
    expect(latest).toMatchObject({
      action: "replay",
      entityType: "decision",
      entityId: String(decisionId),
      userId: null,
      username: null,
    });
  });
});
