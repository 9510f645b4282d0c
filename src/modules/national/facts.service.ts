/**
 * The national facts, kept or read from the ledger (facts.repository.ts): the dashboard
 * reads a municipality's kept facts while they match the ledger, and the ledger itself for
 * municipalities changed since the last rebuild, so every answer is what the ledger says
 * (a test compares both on random changes). `refreshNationalFacts` rebuilds what changed;
 * the server runs it every few seconds (NationalFactsRefresher).
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { type Db, type Queryable, query } from "../../db/connection";
import { todayNl } from "../../domain/dates";
import { getLawbook, type Lawbook } from "../../rules/lawbook";
import { rtbBounds } from "../../rules/transition";
import { type PlaceFacts, placeFacts } from "../occupancy";
import * as kept from "./facts.repository";
import * as repo from "./national.repository";

const LAW = [
  "rtb.protection.start",
  "rtb.protection.end",
  "rooo.household.adult-age",
  "rooo.household.partial-birth-date",
];

const lawKeys = new WeakMap<Lawbook, string>();

/** A fingerprint of the law the kept facts rest on: when it changes, all are rebuilt. */
function lawKey(lawbook: Lawbook): string {
  let key = lawKeys.get(lawbook);
  if (!key) {
    const versions = LAW.map((name) => lawbook.parameters.get(name)?.versions ?? null);
    key = createHash("sha256").update(JSON.stringify(versions)).digest("hex");
    lawKeys.set(lawbook, key);
  }
  return key;
}

/** The adult age and the reading of partly unknown birth dates in force on a day. */
export function adultRule(day: string) {
  const lawbook = getLawbook();
  const lawDate = day < lawbook.firstDayInForce ? lawbook.firstDayInForce : day;
  const age = lawbook.at("rooo.household.adult-age", lawDate);
  const convention = lawbook.at("rooo.household.partial-birth-date", lawDate);
  if (!age || !convention) throw new Error(`no law in force on ${day}: rooo.household`);
  return { age: age.version.value as number, convention: String(convention.version.value) };
}

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
const lastDayOf = (first: string) =>
  Temporal.PlainDate.from(first).add({ months: 1 }).subtract({ days: 1 }).toString();
const nextMonth = (first: string) => Temporal.PlainDate.from(first).add({ months: 1 }).toString();

/** The months from `from` to `to` in groups that share one adult rule. */
function workGroups(from: string, to: string) {
  const groups: { from: string; to: string; adult: { age: number; convention: string } }[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) {
    const adult = adultRule(lastDayOf(m));
    const last = groups.at(-1);
    if (last && last.adult.age === adult.age && last.adult.convention === adult.convention) {
      last.to = m;
    } else {
      groups.push({ from: m, to: m, adult });
    }
  }
  return groups;
}

export interface RefreshResult {
  /** "full": everything rebuilt; "changed": the municipalities listed; "none": up to date. */
  rebuilt: "full" | "changed" | "none" | "busy";
  gemeenten: string[];
}

/**
 * Rebuilds the kept facts that no longer match the ledger, in one transaction that reads
 * one snapshot (repeatable read): a change committed meanwhile leaves its mark, which is
 * cleared only up to the marks this snapshot saw. In full when never built, when the law
 * they rest on changed or when a new month began; else the changed municipalities. One
 * refresh at a time (an advisory lock): another answers "busy".
 */
export async function refreshNationalFacts(
  db: Db,
  options: { full?: boolean; today?: string } = {},
): Promise<RefreshResult> {
  const lawbook = getLawbook();
  const rtb = rtbBounds(lawbook);
  const key = lawKey(lawbook);
  const thisMonth = monthOf(options.today ?? todayNl());
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    await tx.execute(sql`set local jit = off`);
    // The work facts group some 3 million placement-months nationally: in memory, not on disk.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const [lock] = await query<{ ok: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('national_fact_refresh')) as ok`,
    );
    if (!lock?.ok) return { rebuilt: "busy", gemeenten: [] };
    const meta = await kept.readMeta(tx);
    const marks = await kept.changed(tx);
    const full = options.full || !meta || meta.law_key !== key || meta.work_months_to < thisMonth;
    if (full) {
      const first = (await kept.firstPlacementMonth(tx)) ?? thisMonth;
      const from = first < thisMonth ? first : thisMonth;
      await kept.rebuildRuns(tx, rtb, null);
      await kept.rebuildWorkMonths(tx, workGroups(from, thisMonth), null);
      await kept.rebuildFlows(tx, null);
      await kept.clearChanged(tx, marks.upTo, null);
      await kept.writeMeta(tx, { law_key: key, work_months_from: from, work_months_to: thisMonth });
      // Statistics for the reads' plans now, not when autovacuum comes (PGlite has none).
      await tx.execute(sql`analyze national_fact_run, national_work_month, national_flow_week`);
      return { rebuilt: "full", gemeenten: [] };
    }
    if (marks.codes.length === 0) return { rebuilt: "none", gemeenten: [] };
    await kept.rebuildRuns(tx, rtb, marks.codes);
    await kept.rebuildWorkMonths(
      tx,
      workGroups(meta.work_months_from, meta.work_months_to),
      marks.codes,
    );
    await kept.rebuildFlows(tx, marks.codes);
    await kept.clearChanged(tx, marks.upTo, marks.codes);
    return { rebuilt: "changed", gemeenten: marks.codes };
  });
}

export interface Facts {
  places: PlaceFacts[];
  registered: repo.RegisteredRow[];
  work: repo.WorkRow[];
}

/**
 * The facts of a day (places, registrations) and of a month (work, read on its last day)
 * for the municipalities listed (all: null): kept where they match the ledger, read from
 * the ledger for the changed municipalities and when nothing is kept (never built, other
 * law, a month outside the kept ones).
 */
export async function factsOn(
  db: Queryable,
  on: string,
  gemeenten: readonly string[] | null,
  work: { month: string } | null,
): Promise<Facts> {
  if (gemeenten?.length === 0) return { places: [], registered: [], work: [] };
  const lawbook = getLawbook();
  const rtb = rtbBounds(lawbook);
  const meta = await kept.readMeta(db);
  if (meta === undefined || meta.law_key !== lawKey(lawbook)) {
    return ledgerFacts(db, on, gemeenten, work, rtb);
  }
  const workKept =
    work !== null && work.month >= meta.work_months_from && work.month <= meta.work_months_to;
  return inOneSnapshot(db, async (tx) => {
    const { codes: changedCodes } = await kept.changed(tx, gemeenten);
    const day = await kept.keptOn(tx, on, gemeenten, changedCodes);
    const workRows =
      work !== null && workKept ? await kept.keptWork(tx, work.month, gemeenten, changedCodes) : [];
    const live = changedCodes.length
      ? await ledgerFacts(tx, on, changedCodes, workKept ? work : null, rtb, false)
      : null;
    // Outside the kept months, the month's work comes from the ledger for all of them.
    const ledgerWork =
      work !== null && !workKept
        ? await repo.workOn(
            tx,
            work.month,
            lastDayOf(work.month),
            adultRule(lastDayOf(work.month)),
            gemeenten,
          )
        : [];
    return {
      places: [...day.places, ...(live?.places ?? [])],
      registered: [...day.registered, ...(live?.registered ?? [])],
      work: [...workRows, ...(workKept ? (live?.work ?? []) : ledgerWork)],
    };
  });
}

/**
 * Runs the reads of one answer in one snapshot (a read-only repeatable-read transaction),
 * so that the marks, the kept facts and the ledger's facts of the marked municipalities are
 * of one moment: a change committed between two reads cannot be counted twice or not at
 * all. Within a caller's transaction, that transaction's snapshot is used. One after
 * another: a transaction is one connection.
 */
async function inOneSnapshot<T>(db: Queryable, read: (tx: Queryable) => Promise<T>): Promise<T> {
  if (typeof (db as { rollback?: unknown }).rollback === "function") return read(db);
  return (db as Db).transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    return read(tx);
  });
}

/**
 * The flows per week from the week of `fromMonday` to that of `toMonday` (repo.flowsBetween):
 * kept while no municipality is marked as changed (a move joins two municipalities, so one
 * mark anywhere can change another's flows), else from the ledger; a location's always
 * from the ledger.
 */
export async function flowsOf(
  db: Queryable,
  fromMonday: string,
  toMonday: string,
  unit: repo.FlowUnit,
): Promise<repo.FlowRow[]> {
  if (unit.kind !== "location") {
    const meta = await kept.readMeta(db);
    if (meta && meta.law_key === lawKey(getLawbook())) {
      const rows = await inOneSnapshot(db, async (tx) => {
        const { codes } = await kept.changed(tx);
        if (codes.length > 0) return null;
        return kept.keptFlows(tx, fromMonday, toMonday, unit.kind === "all" ? null : unit.codes);
      });
      if (rows) return rows;
    }
  }
  return repo.flowsBetween(db, fromMonday, toMonday, unit);
}

/**
 * A unit's totals on each of the days (the series of the charts): one read of the kept
 * runs, plus the changed municipalities from the ledger day by day (until the refresher has
 * rebuilt them); null when nothing is kept (the caller reads the ledger day by day).
 */
export async function seriesOf(
  db: Queryable,
  days: readonly string[],
  scope: { gemeenten: readonly string[] | null; locationId: number | null },
): Promise<kept.SeriesRow[] | null> {
  const meta = await kept.readMeta(db);
  if (!meta || meta.law_key !== lawKey(getLawbook())) return null;
  return inOneSnapshot(db, async (tx) => {
    const { codes } = await kept.changed(tx, scope.gemeenten);
    const rows = await kept.keptSeries(tx, days, scope, codes);
    if (codes.length === 0) return rows;
    for (const row of rows) {
      const live = await ledgerFacts(tx, row.on, codes, null, undefined, false);
      for (const p of live.places) {
        if (scope.locationId !== null && p.location_id !== scope.locationId) continue;
        row.realised += p.realised;
        row.occupied += p.occupied;
        row.free += p.free;
        row.poo += p.poo;
      }
      if (scope.locationId === null) {
        for (const r of live.registered) row.registered += r.ukrainian + r.other;
      }
    }
    return rows;
  });
}

/** The facts read from the ledger (no kept fact): what kept facts must equal. */
export async function ledgerFacts(
  db: Queryable,
  on: string,
  gemeenten: readonly string[] | null,
  work: { month: string } | null,
  rtb = rtbBounds(getLawbook()),
  parallel = true,
): Promise<Facts> {
  const places = () => placeFacts(db, on, gemeenten ?? undefined);
  const registered = () => repo.registeredOn(db, on, rtb, gemeenten);
  const workRows = async () =>
    work
      ? repo.workOn(
          db,
          work.month,
          lastDayOf(work.month),
          adultRule(lastDayOf(work.month)),
          gemeenten,
        )
      : [];
  if (parallel) {
    const [p, r, w] = await Promise.all([places(), registered(), workRows()]);
    return { places: p, registered: r, work: w };
  }
  // In one transaction (one connection): one after another.
  return { places: await places(), registered: await registered(), work: await workRows() };
}

/**
 * Runs refreshNationalFacts every few seconds in the server, one at a time, without
 * keeping the process alive; a failure is logged by its code and tried again.
 */
export class NationalFactsRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly everySeconds = 5,
  ) {}

  tick(): Promise<unknown> {
    if (!this.running) {
      this.running = refreshNationalFacts(this.db)
        .catch((e: { code?: string; name?: string }) => {
          console.error(`national facts: refresh failed (${e.code ?? e.name ?? "error"})`);
        })
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  watch(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.everySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
