/**
 * The transition when temporary protection ends (RTB end, 4 March 2027): which residence
 * status a person has on each day, on which days they are entitled to reception support
 * (leefgeld), and whether they meet the three conditions of the transitiedocument. Every
 * date and rule is read from law/ (rtb/, transitie/); a parameter the legislator has not
 * yet published can be replaced by a scenario value, and the result says so.
 */

import { dayAfter, dayBefore } from "../domain/dates.js";
import type {
  IndDecision,
  PublicOrderStatus,
  ResidenceStatusKind,
  StatusEndReason,
} from "../domain/enums.js";
import type { Lawbook } from "./lawbook.js";

export interface ResidenceStatusFact {
  kind: ResidenceStatusKind;
  from: string;
  /** Inclusive; null = open. */
  to: string | null;
  endReason: StatusEndReason | null;
}

export interface DatePeriod {
  from: string;
  to: string;
}

/** What the transition rules read of a person. */
export interface TransitionPersonFacts {
  /** Start of temporary protection as registered (person.protection_start), if known. */
  protectionStart: string | null;
  /** Recorded residence statuses, any order; none = temporary protection throughout. */
  statuses: readonly ResidenceStatusFact[];
  publicOrder: PublicOrderStatus | null;
  asylumWithdrawn: boolean | null;
  asylumWithdrawnOn: string | null;
  indDecision: IndDecision | null;
}

/** The household's Participatiewet application, as far as it bears on leefgeld. */
export interface ParticipatiewetFacts {
  filedOn: string | null;
  decidedOn: string | null;
}

/** Scenario values the coordinator entered for unpublished parameters, by name. */
export type Scenario = ReadonlyMap<string, string>;

function latest(lawbook: Lawbook, name: string): string | null {
  const versions = lawbook.get(name).versions;
  const v = versions[versions.length - 1];
  return v && typeof v.value === "string" ? v.value : null;
}

/** First and (inclusive) last day of temporary protection under the RTB as it now stands. */
export function rtbBounds(lawbook: Lawbook): DatePeriod {
  const from = latest(lawbook, "rtb.protection.start");
  const to = latest(lawbook, "rtb.protection.end");
  if (!from || !to) throw new Error("law parameter rtb.protection.start or .end has no value");
  return { from, to };
}

/**
 * A person's residence statuses with what is implied: temporary protection from
 * registration until the first recorded status (or until the RTB ends when none is
 * recorded), and an open temporary protection ending with the RTB (reason rtb_end).
 */
export function effectiveStatuses(
  person: Pick<TransitionPersonFacts, "protectionStart" | "statuses">,
  lawbook: Lawbook,
): ResidenceStatusFact[] {
  const rtb = rtbBounds(lawbook);
  const recorded = [...person.statuses].sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: ResidenceStatusFact[] = [];
  const start = person.protectionStart ?? rtb.from;
  const first = recorded[0];
  if (!first || first.from > start) {
    const to = first ? minDate(dayBefore(first.from), rtb.to) : rtb.to;
    if (to >= start) {
      out.push({
        kind: "temporary_protection",
        from: start,
        to,
        endReason: to === rtb.to ? "rtb_end" : null,
      });
    }
  }
  for (const s of recorded) {
    if (s.kind === "temporary_protection") {
      const to = s.to === null || s.to > rtb.to ? rtb.to : s.to;
      out.push({ ...s, to, endReason: s.endReason ?? (to === rtb.to ? "rtb_end" : null) });
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** The residence status on a date, or null (none: out of reception's scope). */
export function statusOn(statuses: readonly ResidenceStatusFact[], date: string) {
  return statuses.find((s) => s.from <= date && (s.to === null || s.to >= date)) ?? null;
}

/**
 * Days on which the person is entitled to reception support (leefgeld): temporary
 * protection, and after it ended with the RTB, a transitiedocument while
 * transitie.leefgeld.continuation keeps the municipality's duty (until the household's
 * Participatiewet decision takes effect, at most to transitie.municipal-duty.last-day).
 * Other permits give none.
 */
export function supportPeriods(
  person: Pick<TransitionPersonFacts, "protectionStart" | "statuses">,
  participatiewet: ParticipatiewetFacts | null,
  lawbook: Lawbook,
): DatePeriod[] {
  const rtb = rtbBounds(lawbook);
  const statuses = effectiveStatuses(person, lawbook);
  const periods: DatePeriod[] = [];
  let protectedUntilRtbEnd = false;
  for (const s of statuses) {
    if (s.kind !== "temporary_protection" || s.to === null) continue;
    periods.push({ from: s.from, to: s.to });
    if (s.to === rtb.to && s.endReason === "rtb_end") protectedUntilRtbEnd = true;
  }
  const firstAfterRtb = dayAfter(rtb.to);
  const rule = lawbook.at("transitie.leefgeld.continuation", firstAfterRtb);
  const dutyEnd = lawbook.at("transitie.municipal-duty.last-day", firstAfterRtb);
  if (protectedUntilRtbEnd && rule?.version.value === "until-participatiewet-decision" && dutyEnd) {
    let until = dutyEnd.version.value as string;
    if (participatiewet?.decidedOn) until = minDate(until, dayBefore(participatiewet.decidedOn));
    for (const s of statuses) {
      if (s.kind !== "transitiedocument") continue;
      const from = s.from > firstAfterRtb ? s.from : firstAfterRtb;
      const to = s.to === null ? until : minDate(s.to, until);
      if (to >= from) periods.push({ from, to });
    }
  }
  return periods.sort((a, b) => (a.from < b.from ? -1 : 1));
}

// --- Transitiedocument ----------------------------------------------------------------

export const TRANSITIEDOCUMENT_CONDITIONS = [
  "protection_before_cutoff",
  "public_order",
  "asylum_withdrawn",
] as const;
export type TransitiedocumentCondition = (typeof TRANSITIEDOCUMENT_CONDITIONS)[number];

export type ConditionState = "met" | "not_met" | "unknown";

export interface ConditionResult {
  condition: TransitiedocumentCondition;
  state: ConditionState;
  /** What is missing (unknown) or why it fails (not_met), as a code. */
  reason: string | null;
  /** Where the fact comes from: law, scenario, ind, caseworker, registry. */
  source: string;
  /** The date the fact refers to, where there is one. */
  date: string | null;
}

export type Eligibility = "eligible" | "not_eligible" | "unknown" | "out_of_caseload";

export interface TransitiedocumentResult {
  eligibility: Eligibility;
  /** For out_of_caseload: why (the status or the end reason). */
  outReason: string | null;
  conditions: ConditionResult[];
  /** The cut-off date used, and whether it is published law or a scenario value. */
  cutoff: { date: string; basis: "law" | "scenario" } | null;
  /** True when the result rests on a value the legislator has not published. */
  restsOnScenario: boolean;
}

export const CUTOFF_PARAMETER = "transitie.transitiedocument.protection-cutoff";

/** The cut-off date in force on `asOf`, from law or else from the scenario. */
export function cutoffDate(
  lawbook: Lawbook,
  scenario: Scenario,
  asOf: string,
): TransitiedocumentResult["cutoff"] {
  const law = lawbook.at(CUTOFF_PARAMETER, asOf);
  if (law) return { date: law.version.value as string, basis: "law" };
  const s = scenario.get(CUTOFF_PARAMETER);
  return s ? { date: s, basis: "scenario" } : null;
}

/**
 * The three conditions of the transitiedocument for one person, on `asOf`. A person who
 * no longer has temporary protection for a reason other than the RTB's end (departure,
 * another permit, a third-country national whose protection ended) is out of the caseload.
 */
export function transitiedocumentEligibility(
  person: TransitionPersonFacts,
  lawbook: Lawbook,
  scenario: Scenario,
  asOf: string,
): TransitiedocumentResult {
  const statuses = effectiveStatuses(person, lawbook);
  const cutoff = cutoffDate(lawbook, scenario, asOf);
  const restsOnScenario = cutoff?.basis === "scenario";

  // Out of the caseload: the latest status is another permit, or protection ended early.
  const last = statuses[statuses.length - 1];
  const outReason = !last
    ? "no_protection"
    : last.kind.startsWith("permit_")
      ? last.kind
      : last.kind === "temporary_protection" && last.endReason !== "rtb_end"
        ? (last.endReason ?? "protection_ended")
        : null;

  const protections = statuses.filter((s) => s.kind === "temporary_protection");
  const firstProtection = protections[0]?.from ?? null;
  const c1: ConditionResult = !cutoff
    ? {
        condition: "protection_before_cutoff",
        state: "unknown",
        reason: "cutoff_unpublished",
        source: "law",
        date: firstProtection,
      }
    : firstProtection === null
      ? {
          condition: "protection_before_cutoff",
          state: "not_met",
          reason: "no_protection",
          source: cutoff.basis,
          date: null,
        }
      : {
          condition: "protection_before_cutoff",
          state: firstProtection < cutoff.date ? "met" : "not_met",
          reason: firstProtection < cutoff.date ? null : "protection_after_cutoff",
          source: cutoff.basis,
          date: firstProtection,
        };
  const c2: ConditionResult = {
    condition: "public_order",
    state:
      person.publicOrder === "passed"
        ? "met"
        : person.publicOrder === "failed"
          ? "not_met"
          : "unknown",
    reason:
      person.publicOrder === "failed"
        ? "public_order_failed"
        : person.publicOrder === "pending"
          ? "public_order_pending"
          : person.publicOrder === null
            ? "public_order_missing"
            : null,
    source: "ind",
    date: null,
  };
  const c3: ConditionResult = {
    condition: "asylum_withdrawn",
    state:
      person.asylumWithdrawn === true
        ? "met"
        : person.asylumWithdrawn === false
          ? "not_met"
          : "unknown",
    reason:
      person.asylumWithdrawn === false
        ? "asylum_not_withdrawn"
        : person.asylumWithdrawn === null
          ? "asylum_withdrawal_missing"
          : null,
    source: "caseworker",
    date: person.asylumWithdrawnOn,
  };
  const conditions = [c1, c2, c3];
  // Protection has ended for a reason other than the RTB's end, before the RTB's end.
  if (outReason !== null && !(last?.kind === "transitiedocument")) {
    return { eligibility: "out_of_caseload", outReason, conditions, cutoff, restsOnScenario };
  }
  const eligibility: Eligibility = conditions.some((c) => c.state === "not_met")
    ? "not_eligible"
    : conditions.some((c) => c.state === "unknown")
      ? "unknown"
      : "eligible";
  return { eligibility, outReason: null, conditions, cutoff, restsOnScenario };
}

/**
 * How far a person is from the transitiedocument, for sorting a worklist: what blocks them
 * first (a failed condition, then missing facts, then nothing).
 */
export function blockingRank(r: TransitiedocumentResult): number {
  if (r.eligibility === "not_eligible") return 0;
  if (r.eligibility === "unknown") {
    return 1 + r.conditions.findIndex((c) => c.state === "unknown");
  }
  if (r.eligibility === "eligible") return 5;
  return 6;
}
