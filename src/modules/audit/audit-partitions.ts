/**
 * The audit log by month. `audit_record` is partitioned by range on `at` (migration 0023):
 * one partition per calendar month in UTC, named `audit_record_y2026m12`, and a default
 * partition that catches a record of a month that has none. A month's records then live
 * in one table of their own, so the indexes of each question (a person's log, a
 * household's history, a user's actions) stay the size of a month, and a month past the
 * retention period is dropped whole instead of deleted row by row.
 *
 * The application creates the months ahead: at server start and with
 * `opvang audit partitions` (run it monthly, docs/operations.md). A record that still fell
 * into the default partition is moved into its own month by the next run. How long the
 * log is kept is the municipality's decision (docs/operations.md): `opvang audit prune`
 * takes the retention period as a required argument and refuses a month within it.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { type Db, type Queryable, query } from "../../db/connection";
import { auditRecord } from "../../db/schema";
import { ValidationError } from "../../domain/errors";
import {
  addMonths,
  compareMonths,
  formatMonth,
  isValidMonth,
  type Month,
  parseMonth,
} from "../../domain/month";
import { recordAudit } from "./audit.repository";

/** Months created ahead of the current one: a server left running that long still finds its month. */
export const AUDIT_MONTHS_AHEAD = 3;

const DEFAULT_PARTITION = "audit_record_default";
const MONTH_PARTITION = /^audit_record_y(\d{4})m(\d{2})$/;
// Any constant: concurrent starts and commands change the partitions one at a time.
const PARTITION_LOCK = 230_023;

export function auditPartitionName(month: Month): string {
  return `audit_record_y${String(month.year).padStart(4, "0")}m${String(month.month).padStart(2, "0")}`;
}

/** A month's range as timestamp literals in UTC (DDL takes no parameters; digits only). */
function bounds(month: Month): { from: SQL; to: SQL } {
  const literal = (m: Month) => sql.raw(`'${formatMonth(m)}-01 00:00:00+00'`);
  return { from: literal(month), to: literal(addMonths(month, 1)) };
}

const COLUMNS = sql.raw(
  Object.values(getTableColumns(auditRecord))
    .map((c) => `"${c.name}"`)
    .join(", "),
);

/** The current month by the database's clock, the one that stamps `at`. */
async function monthNow(db: Queryable): Promise<Month> {
  const [row] = await query<{ m: string }>(
    db,
    sql`select to_char(now() at time zone 'UTC', 'YYYY-MM') as m`,
  );
  return parseMonth(row!.m);
}

export interface AuditPartition {
  name: string;
  /** YYYY-MM; null for the default partition. */
  month: string | null;
}

/** The partitions of audit_record, the months in order, the default partition last. */
export async function listAuditPartitions(db: Queryable): Promise<AuditPartition[]> {
  const rows = await query<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_record'::regclass order by c.relname`,
  );
  return rows
    .map((r) => {
      const m = MONTH_PARTITION.exec(r.name);
      return { name: r.name, month: m ? `${m[1]}-${m[2]}` : null };
    })
    .sort((a, b) => (a.month ?? "9999-99").localeCompare(b.month ?? "9999-99"));
}

export interface EnsureOptions {
  /** Months after the current one (default AUDIT_MONTHS_AHEAD). */
  ahead?: number;
  /** The current month; default: the database's clock (tests pass one). */
  now?: Month;
}

/**
 * Creates the partitions of the current month and the `ahead` months after it, and of
 * every month whose records are in the default partition (moving them there). Idempotent;
 * returns the months it created and how many records it moved.
 */
export async function ensureAuditPartitions(
  db: Db,
  options: EnsureOptions = {},
): Promise<{ created: string[]; moved: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
    const now = options.now ?? (await monthNow(tx));
    const ahead = options.ahead ?? AUDIT_MONTHS_AHEAD;
    if (!Number.isInteger(ahead) || ahead < 0 || ahead > 120) {
      throw new ValidationError({
        path: "ahead",
        code: "out_of_range",
        message: "a whole number of months from 0 to 120",
      });
    }
    const existing = new Set((await listAuditPartitions(tx)).map((p) => p.month));
    const stray = new Set(
      (
        await query<{ m: string }>(
          tx,
          sql`select distinct to_char(at at time zone 'UTC', 'YYYY-MM') as m
              from ${sql.identifier(DEFAULT_PARTITION)}`,
        )
      ).map((r) => r.m),
    );
    const wanted = new Set(stray);
    for (let i = 0; i <= ahead; i++) wanted.add(formatMonth(addMonths(now, i)));
    const created: string[] = [];
    let moved = 0;
    for (const key of [...wanted].sort()) {
      if (existing.has(key)) continue;
      const month = parseMonth(key);
      const name = sql.identifier(auditPartitionName(month));
      const { from, to } = bounds(month);
      if (!stray.has(key)) {
        await tx.execute(
          sql`create table ${name} partition of audit_record for values from (${from}) to (${to})`,
        );
      } else {
        // A new month may not overlap records the default partition holds: take the default
        // partition out, create the month, move its records through the parent, put it back.
        const fallback = sql.identifier(DEFAULT_PARTITION);
        await tx.execute(sql`alter table audit_record detach partition ${fallback}`);
        await tx.execute(
          sql`create table ${name} partition of audit_record for values from (${from}) to (${to})`,
        );
        const [n] = await query<{ n: number }>(
          tx,
          sql`with taken as (
                delete from ${fallback} where at >= ${from} and at < ${to} returning ${COLUMNS}
              ), put as (
                insert into audit_record (${COLUMNS}) overriding system value
                select ${COLUMNS} from taken returning 1
              )
              select count(*)::int as n from put`,
        );
        moved += n!.n;
        await tx.execute(sql`alter table audit_record attach partition ${fallback} default`);
      }
      created.push(key);
    }
    return { created, moved };
  });
}

export interface PruneOptions {
  /** YYYY-MM: every whole month before it is dropped. */
  before: string;
  /** How long the municipality keeps the log, in months; months within it are refused. */
  retentionMonths: number;
  /** The current month; default: the database's clock (tests pass one). */
  now?: Month;
}

/**
 * Drops the audit log's months before `before`: each month's partition is detached and
 * dropped, and the drop itself is recorded (action delete, entity audit, the month as
 * its id). Refuses the current month or later, and a month any
 * of whose records are younger than the retention period: `before` may be at most the
 * current month minus `retentionMonths` (with 84 months in December 2026: 2019-12, which
 * drops November 2019 and earlier).
 */
export async function pruneAuditPartitions(
  db: Db,
  options: PruneOptions,
): Promise<{ dropped: { month: string; records: number }[] }> {
  if (!isValidMonth(options.before)) {
    throw new ValidationError({ path: "before", code: "invalid_month", message: "YYYY-MM" });
  }
  const retention = options.retentionMonths;
  if (!Number.isInteger(retention) || retention < 1) {
    throw new ValidationError({
      path: "retentionMonths",
      code: "out_of_range",
      message: "a whole number of months, at least 1",
    });
  }
  const before = parseMonth(options.before);
  const now = options.now ?? (await monthNow(db));
  if (compareMonths(before, now) >= 0) {
    throw new ValidationError({
      path: "before",
      code: "not_past",
      message: `${options.before} is not before the current month (${formatMonth(now)}): only whole past months are dropped`,
    });
  }
  const latest = addMonths(now, -retention);
  if (compareMonths(before, latest) > 0) {
    throw new ValidationError({
      path: "before",
      code: "within_retention",
      message: `records of ${formatMonth(addMonths(before, -1))} are within the retention of ${retention} months: the latest allowed is ${formatMonth(latest)}`,
    });
  }
  // Records of those months in the default partition first get their month, and go with it.
  await ensureAuditPartitions(db, { now });
  const old = (await listAuditPartitions(db)).filter(
    (p) => p.month !== null && p.month < options.before,
  );
  const dropped: { month: string; records: number }[] = [];
  for (const p of old) {
    const name = sql.identifier(p.name);
    // Counted before the lock: nothing writes into a past month, and a count of a large
    // month must not hold up every request that writes an audit record.
    const [c] = await query<{ n: number }>(db, sql`select count(*)::int as n from ${name}`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`);
      // Detaching takes the audit table's strongest lock for a moment: give up rather than
      // queue every request behind a long transaction (run the command again).
      await tx.execute(sql`set local lock_timeout = '10s'`);
      await tx.execute(sql`alter table audit_record detach partition ${name}`);
      await tx.execute(sql`drop table ${name}`);
      // The drop itself stays in the log: the system deleted the audit records of a month.
      await recordAudit(tx, null, {
        action: "delete",
        entityType: "audit",
        entityId: p.month,
        fields: ["audit"],
      });
    });
    dropped.push({ month: p.month!, records: c!.n });
  }
  return { dropped };
}
