/**
 * The working day at a glance: per role what needs attention in the municipality, each a
 * list with a count, a page at a time, the most urgent first. Counts are aggregates; a page
 * of a list names persons, so reading it writes an audit record listing them.
 *
 * - caseworker: children turning 18 next month, placements ending within
 *   PLACEMENT_ENDING_DAYS, incomes missing for the latest complete month after earlier work,
 *   households whose decided months may have changed, and the transition caseload not yet
 *   ready (the transition module's worklist);
 * - finance officer: the two lists about money (changes with effect, incomes missing);
 * - municipal admin: the staff accounts and the audit log's anomalies (many reads in a day,
 *   reads outside working hours).
 *
 * Bank accounts (for the monthly run's payments) do not exist yet; the worklist gets that
 * list when they do.
 */
import { Temporal } from "temporal-polyfill";
import type { Db } from "../../db/connection";
import { type AccessContext, gemeenteOf, type Role } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import { ForbiddenError } from "../../domain/errors";
import { addMonths, daysInMonthOf, parseMonth } from "../../domain/month";
import { effectiveBirthYmd } from "../../rules/household-month";
import { getLawbook } from "../../rules/lawbook";
import type { PartialBirthDateConvention } from "../../rules/month-params";
import { recordAudit, recordAuditForPersons } from "../audit";
import { CHANGES_LOOKBACK_MONTHS } from "../decisions";
import { transitionWorklist } from "../transition";
import * as repo from "./overview.repository";

export const WORKLIST_KINDS = [
  "turning_18",
  "placements_ending",
  "income_missing",
  "changes",
  "transition",
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

/** The lists each role works; a role not listed has no worklist. */
export const KINDS_BY_ROLE: Partial<Record<Role, readonly WorklistKind[]>> = {
  caseworker: WORKLIST_KINDS,
  finance_officer: ["changes", "income_missing"],
};

/** Placements ending from today up to this many days ahead are listed. */
export const PLACEMENT_ENDING_DAYS = 30;
/**
 * A member's income is "missing" when they had a work income in one of this many months
 * before the latest complete month, and no income of any kind in that month.
 */
export const INCOME_LOOKBACK_MONTHS = 3;
/**
 * More than this many reads of personal data by one user on one day is an anomaly for the
 * municipal admin to look at. A caseworker's busy day (intakes, a search per phone call, the
 * household pages of a worklist) stays well below it; a hundred files a day is a list being
 * worked through or someone browsing.
 */
export const MANY_READS_PER_DAY = 100;
/** Working hours in Europe/Amsterdam, Monday to Friday: 07:00 up to 19:00. */
export const WORKING_HOURS = { start: 7, end: 19 } as const;
/** Accounts that never signed in, listed on the admin's overview at most. */
const NEVER_SIGNED_IN_LISTED = 50;

export interface Page {
  limit: number;
  offset: number;
}

function kindsOf(actor: AccessContext): readonly WorklistKind[] {
  const kinds = KINDS_BY_ROLE[actor.role];
  if (!kinds) throw new ForbiddenError();
  return kinds;
}

function allowedKind(actor: AccessContext, kind: WorklistKind) {
  if (!kindsOf(actor).includes(kind)) {
    throw new ForbiddenError(`the ${kind} list is not part of your role`);
  }
}

/** The dates each list is about, as of today (Europe/Amsterdam). */
export function worklistDates(today: string) {
  const thisMonth = parseMonth(today.slice(0, 7));
  const next = addMonths(thisMonth, 1);
  const latest = addMonths(thisMonth, -1);
  return {
    today,
    /** Children turning 18 in this month. */
    nextMonth: next.toString(),
    /** Placements ending from today up to this date. */
    endingUntil: Temporal.PlainDate.from(today).add({ days: PLACEMENT_ENDING_DAYS }).toString(),
    /** The latest complete month, for incomes. */
    latestMonth: latest.toString(),
    /** Work incomes from this month (up to the latest month) count as earlier work. */
    incomeFromMonth: addMonths(latest, -INCOME_LOOKBACK_MONTHS).toString(),
    /** Decided months from this one up to, not including, this month. */
    changesFromMonth: maxMonth(
      "2022-04",
      addMonths(thisMonth, -CHANGES_LOOKBACK_MONTHS).toString(),
    ),
  };
}
type Dates = ReturnType<typeof worklistDates>;

const maxMonth = (a: string, b: string) => (a > b ? a : b);
const firstDay = (month: string) => `${month}-01`;

/** YYYYMMDD of a real date on or after `ymd` (29 February in a common year → 1 March). */
function realYmd(ymd: number): number {
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  if (day <= daysInMonthOf(year, month)) return ymd;
  return month === 12 ? (year + 1) * 10000 + 101 : year * 10000 + (month + 1) * 100 + 1;
}
const isoOf = (ymd: number) =>
  `${String(Math.floor(ymd / 10000)).padStart(4, "0")}-${String(Math.floor(ymd / 100) % 100).padStart(2, "0")}-${String(ymd % 100).padStart(2, "0")}`;

/**
 * The current members who turn 18 in `month`, by the law's adult age and its reading of a
 * partly unknown birth date (rooo.household.partial-birth-date), earliest birthday first.
 */
async function turning18(db: Db, gemeente: string, dates: Dates) {
  const lawbook = getLawbook();
  const adultAge = (lawbook.at("rooo.household.adult-age", dates.today)?.version.value ??
    18) as number;
  const convention = (lawbook.at("rooo.household.partial-birth-date", dates.today)?.version.value ??
    "latest-possible") as PartialBirthDateConvention;
  const [year, month] = dates.nextMonth.split("-").map(Number) as [number, number];
  const from = year * 10000 + month * 100 + 1;
  const to = year * 10000 + month * 100 + daysInMonthOf(year, month);
  const candidates = await repo.birthdayCandidates(
    db,
    gemeente,
    dates.today,
    year - adultAge,
    dates.nextMonth.slice(5, 7),
  );
  const items = [];
  for (const c of candidates) {
    const birth = Number(c.birth_date.replaceAll("-", ""));
    if (!Number.isFinite(birth) || Math.floor(birth / 10000) === 0) continue;
    const birthday = realYmd(effectiveBirthYmd(birth, convention) + adultAge * 10000);
    if (birthday < from || birthday > to) continue;
    items.push({
      householdId: c.household_id,
      label: c.label,
      personId: c.person_id,
      familyName: c.family_name,
      givenNames: c.given_names,
      birthDate: c.birth_date,
      date: isoOf(birthday),
    });
  }
  // A person in two current households (a move on the same day) is listed once.
  const seen = new Set<number>();
  return items
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        a.familyName.localeCompare(b.familyName) ||
        a.personId - b.personId,
    )
    .filter((i) => !seen.has(i.personId) && seen.add(i.personId));
}

/** Households whose decided months' facts changed after the decision, earliest month first. */
function changed(db: Db, gemeente: string, d: Dates) {
  return repo.changedHouseholds(
    db,
    gemeente,
    firstDay(d.changesFromMonth),
    firstDay(d.today.slice(0, 7)),
  );
}

/** How many items each of the caller's lists holds today. Counts only: no audit record. */
export async function worklistCounts(db: Db, actor: AccessContext) {
  const gemeente = gemeenteOf(actor);
  const kinds = kindsOf(actor);
  const dates = worklistDates(todayNl());
  const counts: Partial<Record<WorklistKind, number>> = {};
  for (const kind of kinds) counts[kind] = await countOf(db, actor, gemeente, kind, dates);
  return { ...dates, kinds: [...kinds], counts };
}

async function countOf(
  db: Db,
  actor: AccessContext,
  gemeente: string,
  kind: WorklistKind,
  d: Dates,
): Promise<number> {
  switch (kind) {
    case "turning_18":
      return (await turning18(db, gemeente, d)).length;
    case "placements_ending":
      return repo.countPlacementsEnding(db, gemeente, d.today, d.endingUntil);
    case "income_missing":
      return repo.countIncomesMissing(
        db,
        gemeente,
        d.today,
        firstDay(d.incomeFromMonth),
        firstDay(d.latestMonth),
      );
    case "changes":
      return (await changed(db, gemeente, d)).length;
    case "transition":
      // A page of none: the count, and no audit record (no person is shown).
      return (
        await transitionWorklist(db, actor, {
          sort: "blocking",
          include: "open",
          limit: 0,
          offset: 0,
        })
      ).total;
  }
}

/** The rows of a page and the list's total (also when the page lies past the end). */
async function paged<T extends { total: number }>(
  page: Page,
  rows: () => Promise<T[]>,
  count: () => Promise<number>,
) {
  const got = await rows();
  const total = got[0]?.total ?? (page.offset > 0 ? await count() : 0);
  return { total, rows: got };
}

/** One page of one of the caller's lists; the persons it names are audited. */
export async function worklist(db: Db, actor: AccessContext, kind: WorklistKind, page: Page) {
  const gemeente = gemeenteOf(actor);
  allowedKind(actor, kind);
  const d = worklistDates(todayNl());
  const audit = (entityType: string, fields: string[], personIds: readonly number[]) =>
    recordAuditForPersons(
      db,
      actor,
      { action: "read", entityType, gemeenteCode: gemeente, fields },
      personIds,
    );
  const base = { kind, offset: page.offset, limit: page.limit, dates: d };

  switch (kind) {
    case "turning_18": {
      const all = await turning18(db, gemeente, d);
      const items = all.slice(page.offset, page.offset + page.limit);
      await audit(
        "person",
        ["name", "birthDate"],
        items.map((i) => i.personId),
      );
      return { ...base, kind, total: all.length, items };
    }
    case "placements_ending": {
      const { total, rows } = await paged(
        page,
        () => repo.placementsEnding(db, gemeente, d.today, d.endingUntil, page),
        () => repo.countPlacementsEnding(db, gemeente, d.today, d.endingUntil),
      );
      await audit(
        "placement",
        ["name", "placement"],
        rows.flatMap((r) => r.person_ids),
      );
      return {
        ...base,
        kind,
        total,
        items: rows.map((r) => ({
          householdId: r.household_id,
          label: r.label,
          date: r.ends_on,
          persons: r.persons,
          kinds: [...r.kinds].sort() as ("goo" | "poo")[],
          locationNames: [...r.location_names].sort(),
        })),
      };
    }
    case "income_missing": {
      const from = firstDay(d.incomeFromMonth);
      const latest = firstDay(d.latestMonth);
      const { total, rows } = await paged(
        page,
        () => repo.incomesMissing(db, gemeente, d.today, from, latest, page),
        () => repo.countIncomesMissing(db, gemeente, d.today, from, latest),
      );
      await audit(
        "income",
        ["name", "income"],
        rows.flatMap((r) => r.persons.map((p) => p.personId)),
      );
      return {
        ...base,
        kind,
        total,
        items: rows.map((r) => ({
          householdId: r.household_id,
          label: r.label,
          lastMonth: r.last_month,
          persons: r.persons,
        })),
      };
    }
    case "changes": {
      const all = await changed(db, gemeente, d);
      const items = all.slice(page.offset, page.offset + page.limit);
      await audit(
        "entitlement",
        ["name", "month"],
        await repo.memberIds(
          db,
          items.map((i) => i.householdId),
        ),
      );
      return { ...base, kind, total: all.length, items };
    }
    case "transition": {
      // The transition module audits the persons of its page itself.
      const list = await transitionWorklist(db, actor, {
        sort: "blocking",
        include: "open",
        limit: page.limit,
        offset: page.offset,
      });
      return {
        ...base,
        kind,
        total: list.total,
        items: list.items.map((i) => ({
          householdId: i.householdId,
          personId: i.personId,
          familyName: i.familyName,
          givenNames: i.givenNames,
          birthDate: i.birthDate,
          blocking: i.blocking,
        })),
      };
    }
  }
}

// --- The municipal admin ------------------------------------------------------------------

/** The last `days` days up to today (Europe/Amsterdam). */
function periodOf(days: number) {
  const to = todayNl();
  return {
    from: Temporal.PlainDate.from(to)
      .subtract({ days: days - 1 })
      .toString(),
    to,
  };
}

/**
 * The municipal admin's overview: the staff accounts (active, inactive, never signed in)
 * and how many anomalies the audit log shows in the period. Reading it is recorded.
 */
export async function adminOverview(db: Db, actor: AccessContext, days: number) {
  const gemeente = gemeenteOf(actor);
  const period = periodOf(days);
  const [users, never, manyReads, outOfHours] = [
    await repo.userCounts(db, gemeente),
    await repo.neverSignedIn(db, gemeente, NEVER_SIGNED_IN_LISTED),
    await repo.countAnomalies(
      db,
      gemeente,
      "many_reads",
      period,
      MANY_READS_PER_DAY,
      WORKING_HOURS,
    ),
    await repo.countAnomalies(
      db,
      gemeente,
      "out_of_hours",
      period,
      MANY_READS_PER_DAY,
      WORKING_HOURS,
    ),
  ];
  await recordAudit(db, actor, {
    action: "read",
    entityType: "audit",
    gemeenteCode: gemeente,
    fields: ["audit"],
  });
  return {
    ...period,
    users: {
      total: users.total,
      active: users.active,
      inactive: users.inactive,
      neverSignedIn: users.never_signed_in,
      neverSignedInAccounts: never.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        createdAt: u.created_at,
      })),
    },
    anomalies: {
      manyReadsPerDay: MANY_READS_PER_DAY,
      workingHours: { ...WORKING_HOURS },
      counts: { many_reads: manyReads, out_of_hours: outOfHours },
    },
  };
}

export const ANOMALY_KINDS = ["many_reads", "out_of_hours"] as const;

/** One page of one kind of anomaly: per user and day the number of reads. */
export async function anomalies(
  db: Db,
  actor: AccessContext,
  kind: repo.AnomalyKind,
  days: number,
  page: Page,
) {
  const gemeente = gemeenteOf(actor);
  const period = periodOf(days);
  const { total, rows } = await paged(
    page,
    () => repo.listAnomalies(db, gemeente, kind, period, MANY_READS_PER_DAY, WORKING_HOURS, page),
    () => repo.countAnomalies(db, gemeente, kind, period, MANY_READS_PER_DAY, WORKING_HOURS),
  );
  await recordAudit(db, actor, {
    action: "read",
    entityType: "audit",
    gemeenteCode: gemeente,
    fields: ["audit"],
  });
  return {
    kind,
    ...period,
    manyReadsPerDay: MANY_READS_PER_DAY,
    workingHours: { ...WORKING_HOURS },
    total,
    offset: page.offset,
    limit: page.limit,
    items: rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role as Role,
      day: r.day,
      reads: r.reads,
    })),
  };
}
