import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { ValidationError } from "../../domain/errors";
import { parseMonth } from "../../domain/month";
import { historyOfHousehold } from "../registry/registry.repository";
import {
  ensureAuditPartitions,
  listAuditPartitions,
  pruneAuditPartitions,
} from "./audit-partitions";

describe(`the audit log by month (${testEngine})`, () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(() => d.destroy());

  /** Writes a record at a moment (UTC) and answers the partition it landed in. */
  const recordAt = async (at: string, action = "read") => {
    const [row] = await query<{ id: number; partition: string }>(
      d.db,
      sql`insert into audit_record (at, action, entity_type, person_id)
          values (${at}::timestamptz, ${action}, 'person', 1)
          returning id::int, tableoid::regclass::text as partition`,
    );
    return row!;
  };
  const months = async () => (await listAuditPartitions(d.db)).map((p) => p.month);
  const countIn = async (name: string) =>
    (
      await query<{ n: number }>(d.db, sql`select count(*)::int as n from ${sql.identifier(name)}`)
    )[0]!.n;

  it("the migration made the current month, three months ahead and a default partition", async () => {
    const [now] = await query<{ m: string }>(
      d.db,
      sql`select to_char(now() at time zone 'UTC', 'YYYY-MM') as m`,
    );
    const list = await months();
    expect(list).toContain(now!.m);
    expect(list.filter((m) => m !== null && m > now!.m)).toHaveLength(3);
    expect(list.at(-1)).toBeNull(); // the default partition
  });

  it("records of different months land in their month's partition, by UTC month", async () => {
    await ensureAuditPartitions(d.db, { now: parseMonth("2024-01"), ahead: 2 });
    expect((await recordAt("2024-01-15T10:00:00Z")).partition).toBe("audit_record_y2024m01");
    expect((await recordAt("2024-02-29T23:59:59.999Z")).partition).toBe("audit_record_y2024m02");
    // Midnight in Amsterdam is still February in UTC; the first instant of March is March.
    expect((await recordAt("2024-03-01T00:30:00+01:00")).partition).toBe("audit_record_y2024m02");
    expect((await recordAt("2024-03-01T00:00:00Z")).partition).toBe("audit_record_y2024m03");
    // A month without a partition: the default partition keeps it.
    expect((await recordAt("2023-05-01T12:00:00Z")).partition).toBe("audit_record_default");
  });

  it("creating the partitions ahead is idempotent", async () => {
    const first = await ensureAuditPartitions(d.db, { now: parseMonth("2030-11"), ahead: 3 });
    expect(first.created).toEqual(
      expect.arrayContaining(["2030-11", "2030-12", "2031-01", "2031-02"]),
    );
    const before = await months();
    const again = await ensureAuditPartitions(d.db, { now: parseMonth("2030-11"), ahead: 3 });
    expect(again).toEqual({ created: [], moved: 0 });
    expect(await months()).toEqual(before);
  });

  it("moves a record that fell into the default partition into its month, keeping its id", async () => {
    const stray = await recordAt("2022-07-04T08:00:00Z", "update");
    expect(stray.partition).toBe("audit_record_default");
    const r = await ensureAuditPartitions(d.db, { now: parseMonth("2030-11"), ahead: 0 });
    expect(r.created).toEqual(expect.arrayContaining(["2022-07"]));
    expect(r.moved).toBeGreaterThanOrEqual(1);
    const [row] = await query<{ partition: string; action: string }>(
      d.db,
      sql`select tableoid::regclass::text as partition, action from audit_record where id = ${stray.id}`,
    );
    expect(row).toEqual({ partition: "audit_record_y2022m07", action: "update" });
    expect(await countIn("audit_record_default")).toBe(0);
    // New records get ids after the moved ones.
    expect((await recordAt("2022-07-05T08:00:00Z")).id).toBeGreaterThan(stray.id);
  });

  it("prune drops only the whole months before the date, and records that it did", async () => {
    await ensureAuditPartitions(d.db, { now: parseMonth("2021-10"), ahead: 2 });
    await recordAt("2021-10-31T23:00:00Z");
    await recordAt("2021-11-15T12:00:00Z");
    await recordAt("2021-11-16T12:00:00Z");
    const kept = await recordAt("2021-12-01T00:00:00Z");
    const r = await pruneAuditPartitions(d.db, {
      before: "2021-12",
      retentionMonths: 12,
      now: parseMonth("2026-12"),
    });
    // Every month before December 2021 goes, also the older ones of the tests above.
    expect(r.dropped).toEqual(
      expect.arrayContaining([
        { month: "2021-10", records: 1 },
        { month: "2021-11", records: 2 },
      ]),
    );
    expect(r.dropped.every((m) => m.month < "2021-12")).toBe(true);
    const left = await months();
    expect(left.filter((m) => m !== null && m < "2021-12")).toEqual([]);
    expect(left).toContain("2021-12");
    const [row] = await query<{ n: number }>(
      d.db,
      sql`select count(*)::int as n from audit_record where id = ${kept.id}`,
    );
    expect(row!.n).toBe(1);
    const log = await query<{ entity_id: string; user_id: number | null }>(
      d.db,
      sql`select entity_id, user_id from audit_record
          where action = 'delete' and entity_type = 'audit' order by entity_id`,
    );
    expect(log.map((x) => x.entity_id)).toEqual(expect.arrayContaining(["2021-10", "2021-11"]));
    expect(log.every((x) => x.user_id === null)).toBe(true);
  });

  it("prune refuses a month within the retention, the current month and later, and bad input", async () => {
    const now = parseMonth("2026-12");
    const before = await months();
    const refused = async (o: { before: string; retentionMonths: number }) => {
      const e = await pruneAuditPartitions(d.db, { ...o, now }).catch((x: unknown) => x);
      expect(e, JSON.stringify(o)).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues[0]!.code;
    };
    // 84 months back from December 2026 is December 2019: that is the latest allowed.
    expect(await refused({ before: "2020-01", retentionMonths: 84 })).toBe("within_retention");
    expect(await refused({ before: "2026-12", retentionMonths: 1 })).toBe("not_past");
    expect(await refused({ before: "2027-03", retentionMonths: 1 })).toBe("not_past");
    expect(await refused({ before: "2026-11", retentionMonths: 2 })).toBe("within_retention");
    expect(await refused({ before: "2026-13", retentionMonths: 12 })).toBe("invalid_month");
    expect(await refused({ before: "2020-01", retentionMonths: 0 })).toBe("out_of_range");
    expect(await months()).toEqual(before);
    // The latest allowed month is accepted.
    await expect(
      pruneAuditPartitions(d.db, { before: "2019-12", retentionMonths: 84, now }),
    ).resolves.toEqual({ dropped: [] });
  });

  it("a household's history finds its changes in every month, newest first, a page at a time", async () => {
    await ensureAuditPartitions(d.db, { now: parseMonth("2025-01"), ahead: 2 });
    const write = async (at: string, action: string, what: string) => {
      const [row] = await query<{ id: number }>(
        d.db,
        sql`insert into audit_record (at, action, entity_type, entity_id, person_id, person_ids, reason)
            values (${at}::timestamptz, ${action}, ${what === "household" ? "household" : "person"},
              ${what === "household" ? "900" : "901"}, ${what === "member" ? 901 : null},
              ${what === "shared" ? "{5,901,7}" : null}::int[], ${`${what} ${at}`})
            returning id::int`,
      );
      return row!.id;
    };
    const a = await write("2025-01-10T10:00:00Z", "create", "household");
    const b = await write("2025-02-11T10:00:00Z", "update", "member");
    await write("2025-02-12T10:00:00Z", "read", "member"); // a read: not a change
    const c = await write("2025-03-13T10:00:00Z", "import", "shared");
    const e = await write("2023-09-14T10:00:00Z", "update", "member"); // the default partition
    const all = await historyOfHousehold(d.db, 900, [901, 902]);
    expect(all.map((r) => [r.id, r.personId, r.action])).toEqual([
      [e, 901, "update"],
      [c, 901, "import"],
      [b, 901, "update"],
      [a, null, "create"],
    ]);
    // Paged by id: the two before c.
    const older = await historyOfHousehold(d.db, 900, [901, 902], { before: c, limit: 2 });
    expect(older.map((r) => r.id)).toEqual([b, a]);
    expect(older[0]!.at).toMatch(/^2025-02-11/);
  });

  it("keeps no GIN pending list in any month (migration 0009)", async () => {
    const gin = await query<{ name: string; reloptions: string[] | null }>(
      d.db,
      sql`select c.relname as name, c.reloptions from pg_index i
          join pg_class c on c.oid = i.indexrelid
          join pg_class t on t.oid = i.indrelid
          join pg_am am on am.oid = c.relam
          where am.amname = 'gin' and t.relname like 'audit_record%'`,
    );
    expect(gin.length).toBeGreaterThan(4);
    for (const g of gin) expect(g.reloptions, g.name).toContain("fastupdate=off");
  });
});
