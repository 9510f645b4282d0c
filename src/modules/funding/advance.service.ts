/**
 * The advance (voorschot) a municipality requests for a book year (BooO article 5, before
 * 1 November from the amendment of November 2025; law/booo/regeling.yaml). Opvang proposes
 * an amount from the claim of the year as the facts stand (open capacities and placements
 * run on to the end of the year), plus the transition costs entered for it; the officer may
 * request another amount with a reason. One request per municipality and year: a later one
 * replaces it before the deadline, the earlier one kept as history. The advance received is
 * recorded on the current request (for SiSa). Every change writes an audit record.
 */
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { parseIsoDate, todayNl } from "../../domain/dates";
import { type Issue, UnprocessableError, ValidationError } from "../../domain/errors";
import {
  advanceDeadline,
  computeClaim,
  fundingFirstDay,
  fundingPeriods,
} from "../../rules/funding";
import { getLawbook } from "../../rules/lawbook";
import { recordAudit } from "../audit";
import { readFacts } from "./funding.service";
import * as repo from "./funding-entries.repository";
import { MAX_AMOUNT_CENTS, MAX_REASON } from "./transition-costs.service";

/** A book year Opvang takes: from the first year of funding to next year. */
export function parseBookYear(value: unknown, today: string = todayNl()): number {
  const last = Number(today.slice(0, 4)) + 1;
  const first = Number(fundingFirstDay(getLawbook()).slice(0, 4));
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^\d{4}$/.test(text)) {
    throw new ValidationError({
      path: "year",
      code: "year_format",
      message: `expected a year as YYYY, got ${JSON.stringify(value ?? null)}`,
    });
  }
  const year = Number(text);
  if (year < first || year > last) {
    throw new ValidationError({
      path: "year",
      code: "year_out_of_range",
      message: `book years are ${first} to ${last}`,
      // Years as text: a client formats numbers with thousands separators.
      params: { min: String(first), max: String(last) },
    });
  }
  return year;
}

/** The whole book year as a claim period (2022 from 1 March, the first day of funding). */
export function bookYearPeriod(year: number) {
  const first = fundingFirstDay(getLawbook());
  const from = `${year}-01-01` < first ? first : `${year}-01-01`;
  return { from, to: `${year}-12-31` };
}

/**
 * Opvang's proposal for a book year: the claim of the year with the facts as they stand,
 * plus the transition costs entered for it. `complete` is false when part of the year has
 * no published amount (its days are counted, and the amount proposed leaves them out).
 */
export async function advanceProposal(db: Queryable, gemeente: string, year: number) {
  const lawbook = getLawbook();
  const { from, to } = bookYearPeriod(year);
  const periods = fundingPeriods(lawbook, from, to);
  const facts = await readFacts(db, periods, [gemeente]);
  const claim = computeClaim(periods, facts.get(gemeente) ?? { locations: [], poo: [] });
  const t = claim.totals;
  return {
    from,
    to,
    lawHash: lawbook.hash,
    amountCents: t.totalWithTransitionCostsCents,
    complete:
      t.notPublishedPlaceDays +
        t.notPublishedPersonDays +
        t.otherTargetGroupNotPublishedPlaceDays ===
      0,
    gooCents: t.gooCents,
    pooCents: t.pooCents,
    otherTargetGroupCents: t.otherTargetGroupCents,
    transitionCostCents: t.transitionCostCents,
    notPublishedPlaceDays: t.notPublishedPlaceDays,
    notPublishedPersonDays: t.notPublishedPersonDays,
    otherTargetGroupNotPublishedPlaceDays: t.otherTargetGroupNotPublishedPlaceDays,
    schemes: claim.schemes.map((s) => ({
      scheme: s.scheme,
      from: s.from,
      to: s.to,
      gooAmountPublished: s.gooAmountPublished,
      pooAmountPublished: s.pooAmountPublished,
    })),
  };
}

function requestView(r: repo.AdvanceRecord) {
  return {
    id: r.id,
    year: r.bookYear,
    status: r.replacedAt === null ? ("current" as const) : ("replaced" as const),
    requestedOn: r.requestedOn,
    requestedBy: r.requestedBy,
    proposedCents: r.proposedCents,
    amountCents: r.amountCents,
    reason: r.reason,
    createdAt: r.createdAt,
    replacedAt: r.replacedAt,
    received:
      r.receivedOn === null
        ? null
        : { amountCents: r.receivedCents!, on: r.receivedOn, by: r.receivedBy },
  };
}

/** The deadline of the year by the law in force today; null when none is in force. */
function deadlineOf(year: number, today: string) {
  return advanceDeadline(getLawbook(), year, today);
}

/** The state of a book year's advance: deadline, proposal, current request and history. */
export async function advanceState(
  db: Queryable,
  actor: AccessContext,
  q: { year?: unknown },
  today: string = todayNl(),
) {
  const gemeente = gemeenteOf(actor);
  const year = parseBookYear(q.year, today);
  const deadline = deadlineOf(year, today);
  const requests = await repo.advancesOf(db, gemeente, year);
  const current = requests.find((r) => r.replacedAt === null) ?? null;
  return {
    gemeenteCode: gemeente,
    year,
    today,
    deadline,
    open: deadline !== null && today < deadline.tooLateFrom && !current?.receivedOn,
    proposal: await advanceProposal(db, gemeente, year),
    current: current ? requestView(current) : null,
    history: requests.filter((r) => r !== current).map(requestView),
  };
}

/** Refuses a request on or after the deadline of its book year, naming `year`. */
function checkDeadline(year: number, today: string) {
  const deadline = deadlineOf(year, today);
  if (!deadline) {
    throw new UnprocessableError({
      path: "year",
      code: "no_law_in_force",
      message: `no advance deadline in force on ${today}`,
      params: { date: today },
    });
  }
  if (today >= deadline.tooLateFrom) {
    throw new UnprocessableError({
      path: "year",
      code: "advance_deadline_passed",
      message: `the advance for ${year} is requested before ${deadline.tooLateFrom} (on or before ${deadline.lastDay}); that date has passed`,
      params: { deadline: deadline.lastDay, year: String(year) },
    });
  }
}

function checkAmount(value: unknown, path: string, issues: Issue[]): number | undefined {
  if (
    typeof value !== "number" ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > MAX_AMOUNT_CENTS
  ) {
    issues.push({
      path,
      code: "amount_invalid",
      message: `a whole number of cents, 0 or more and at most ${MAX_AMOUNT_CENTS}`,
      params: { max: MAX_AMOUNT_CENTS },
    });
    return undefined;
  }
  return value;
}

/**
 * Requests the advance of a book year (replacing the current request before the deadline).
 * Without `amountCents` the proposal is requested; another amount needs a reason.
 */
export async function requestAdvance(
  db: Db,
  actor: AccessContext,
  input: { year: unknown; amountCents?: number | null; reason?: string | null },
  today: string = todayNl(),
) {
  const gemeente = gemeenteOf(actor);
  const year = parseBookYear(input.year, today);
  const issues: Issue[] = [];
  const amount =
    input.amountCents === undefined || input.amountCents === null
      ? null
      : checkAmount(input.amountCents, "amountCents", issues);
  const reason = input.reason?.trim() || null;
  if (reason !== null && reason.length > MAX_REASON) {
    issues.push({
      path: "reason",
      code: "too_long",
      message: `at most ${MAX_REASON} characters`,
      params: { max: MAX_REASON },
    });
  }
  if (issues.length) throw new ValidationError(issues);
  checkDeadline(year, today);
  await db.transaction(async (tx) => {
    const requests = await repo.advancesOf(tx, gemeente, year, true);
    const current = requests.find((r) => r.replacedAt === null);
    if (current?.receivedOn) {
      throw new UnprocessableError({
        path: "year",
        code: "advance_received",
        message: `the advance for ${year} has been received; the request is no longer replaced`,
      });
    }
    const proposal = await advanceProposal(tx, gemeente, year);
    const amountCents = amount ?? proposal.amountCents;
    if (amountCents !== proposal.amountCents && reason === null) {
      throw new ValidationError({
        path: "reason",
        code: "reason_required",
        message: "give a reason for an amount other than the one proposed",
        params: { proposedCents: proposal.amountCents },
      });
    }
    // The current request steps aside first (one current request per year, a unique
    // index), and then names the request that replaced it.
    if (current) await repo.replaceAdvance(tx, current.id, null);
    const id = await repo.insertAdvance(tx, {
      gemeenteCode: gemeente,
      bookYear: year,
      requestedOn: today,
      proposedCents: proposal.amountCents,
      proposal,
      amountCents,
      reason,
      requestedBy: actor.id,
    });
    if (current) await repo.replaceAdvance(tx, current.id, id);
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "funding_advance",
      entityId: id,
      gemeenteCode: gemeente,
      fields: ["year", "amountCents", ...(reason === null ? [] : ["reason"])],
      reason,
    });
  });
  return advanceState(db, actor, { year }, today);
}

/** Records the advance received for the current request of a book year, once. */
export async function recordAdvanceReceived(
  db: Db,
  actor: AccessContext,
  input: { year: unknown; amountCents: unknown; receivedOn: unknown },
  today: string = todayNl(),
) {
  const gemeente = gemeenteOf(actor);
  const year = parseBookYear(input.year, today);
  const issues: Issue[] = [];
  const amountCents = checkAmount(input.amountCents, "amountCents", issues);
  let receivedOn: string | undefined;
  try {
    receivedOn = parseIsoDate(input.receivedOn, "receivedOn");
    if (receivedOn > today) {
      issues.push({
        path: "receivedOn",
        code: "in_future",
        message: "the date lies after today",
        params: { max: today },
      });
    }
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.issues);
  }
  if (issues.length) throw new ValidationError(issues);
  await db.transaction(async (tx) => {
    const current = (await repo.advancesOf(tx, gemeente, year, true)).find(
      (r) => r.replacedAt === null,
    );
    if (!current) {
      throw new UnprocessableError({
        path: "year",
        code: "no_advance_request",
        message: `no advance has been requested for ${year}`,
      });
    }
    if (
      !(await repo.recordAdvanceReceipt(tx, current.id, {
        receivedCents: amountCents!,
        receivedOn: receivedOn!,
        receivedBy: actor.id,
      }))
    ) {
      throw new UnprocessableError({
        path: "year",
        code: "advance_receipt_recorded",
        message: `the advance received for ${year} is already recorded`,
      });
    }
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "funding_advance",
      entityId: current.id,
      gemeenteCode: gemeente,
      fields: ["receivedCents", "receivedOn"],
    });
  });
  return advanceState(db, actor, { year }, today);
}
