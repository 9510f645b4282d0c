/**
 * Resolves the lawbook for one month into plain numbers, once: the hot loop then computes
 * many households without looking anything up. A value applies to a month when it is in
 * force on the month's first day (every household amount starts on a first of the month).
 */
import { ValidationError } from "../domain/errors.js";
import { daysInMonthOf } from "../domain/month.js";
import type { Interpretation, Lawbook, ResolvedParameter } from "./lawbook.js";

export type Reception = "goo" | "goo-catering" | "poo";
export const RECEPTIONS: readonly Reception[] = ["goo", "goo-catering", "poo"];

import {
  WITHDRAWAL_RULES,
  type WithdrawalRule,
  type WithdrawalRuleDefinition,
} from "./withdrawal.js";

export type { WithdrawalRule } from "./withdrawal.js";

export type PartialBirthDateConvention = "latest-possible" | "mid-year";

export interface LawVersion {
  lastPublishedValueFrom: string;
  usesLatestPublished: boolean;
  note: string;
}

/** A value the regulation leaves to the municipality, as applied to this month. */
export interface PolicyChoice {
  parameter: string;
  value: string;
  /** "gemeente": the municipality's recorded choice; "national-default": none recorded. */
  by: "gemeente" | "national-default";
  validFrom: string;
  source: string;
}

export interface MonthParams {
  month: string;
  /** The municipality whose policy was applied (CBS code), or null for national law only. */
  gemeente: string | null;
  /** Municipal choices in force this month and what was applied for each. */
  policy: readonly PolicyChoice[];
  year: number;
  monthNumber: number;
  daysInMonth: number;
  firstDay: string;
  lastDay: string;
  firstDayYmd: number;
  lastDayYmd: number;
  adultAge: number;
  partialBirthDate: PartialBirthDateConvention;
  /** A child of the household who is an adult this month: "own-household". */
  adultChild: "own-household";
  receptionOfMonth: "most-person-days";
  proration: "by-days-present";
  incomePrecedence: "caseworker-inlichtingenbureau-self-reported";
  /** Index 0: household of 1-2 persons, 1: 3 persons, 2: 4 or more. */
  eetgeldAdult: readonly [number, number, number];
  eetgeldMinor: readonly [number, number, number];
  kleedgeld: number;
  wooncomponentAdult: number;
  wooncomponentMinor: number;
  /** Whether an eigen bijdrage is charged this month (in law and by the municipality). */
  eigenBijdrageCharged: boolean;
  /** 0 where no eigen bijdrage is charged. */
  eigenBijdragePerAdult: number;
  cateringPerAdult: number;
  eigenBijdrageMaxAdults: number;
  /** How much one adult with income can be charged: see law/rooo/eigen-bijdrage.yaml. */
  eigenBijdrageAdultLimit: "limited-to-own-income" | "full-per-earner";
  rule: WithdrawalRule;
  ruleInterpretation: Interpretation | null;
  /** The 115% factor as a fraction (115/100); null before the threshold rule. */
  thresholdFactor: { numerator: number; denominator: number } | null;
  /** Each parameter read, by name, for the trace (null where none is in force). */
  refs: Readonly<Record<string, ResolvedParameter | null>>;
  lawVersion: LawVersion;
}

const EETGELD_BANDS = ["size-1-2", "size-3", "size-4-plus"] as const;

export const PARAMETER_NAMES = [
  ...EETGELD_BANDS.map((b) => `rooo.eetgeld.adult.${b}`),
  ...EETGELD_BANDS.map((b) => `rooo.eetgeld.minor.${b}`),
  "rooo.kleedgeld",
  "rooo.wooncomponent.adult",
  "rooo.wooncomponent.minor",
  "rooo.eigen-bijdrage.per-adult",
  "rooo.eigen-bijdrage.catering-per-adult",
  "rooo.eigen-bijdrage.max-adults",
  "rooo.eigen-bijdrage.adult-limit",
  "rooo.withdrawal.rule",
  "rooo.withdrawal.threshold-factor",
  "rooo.household.adult-age",
  "rooo.household.partial-birth-date",
  "rooo.household.adult-child",
  "rooo.household.reception-of-month",
  "rooo.leefgeld.proration",
  "rooo.eigen-bijdrage.charging",
  "rooo.income.source-precedence",
] as const;

const cache = new WeakMap<Lawbook, Map<string, MonthParams>>();

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function noLaw(month: string, detail: string): ValidationError {
  return new ValidationError({
    path: "month",
    code: "no_law_in_force",
    message: `no law in force for ${month}: ${detail}`,
    params: { month },
  });
}

/**
 * Resolves (and caches) the parameters for "YYYY-MM", with a municipality's policy where it
 * recorded one (CBS code); ValidationError on `month` if no law is in force.
 */
export function resolveMonth(
  lawbook: Lawbook,
  month: string,
  gemeente: string | null = null,
): MonthParams {
  let perBook = cache.get(lawbook);
  if (!perBook) {
    perBook = new Map();
    cache.set(lawbook, perBook);
  }
  const key = gemeente === null ? month : `${gemeente}|${month}`;
  const hit = perBook.get(key);
  if (hit) return hit;
  const params = buildMonthParams(lawbook, month, gemeente);
  perBook.set(key, params);
  return params;
}

function buildMonthParams(lawbook: Lawbook, month: string, gemeente: string | null): MonthParams {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const monthNumber = Number(m?.[2]);
  if (!m || monthNumber < 1 || monthNumber > 12) {
    throw new ValidationError({
      path: "month",
      code: "invalid_month",
      message: `not a month (YYYY-MM): ${JSON.stringify(month)}`,
    });
  }
  const dim = daysInMonthOf(year, monthNumber);
  const firstDay = `${year}-${pad2(monthNumber)}-01`;
  const lastDay = `${year}-${pad2(monthNumber)}-${pad2(dim)}`;
  const refs: Record<string, ResolvedParameter | null> = {};
  const policy: PolicyChoice[] = [];
  for (const name of PARAMETER_NAMES) {
    const r = lawbook.at(name, firstDay, gemeente ?? undefined);
    refs[name] = r;
    if (r && (r.version.gemeente || lawbook.at(name, firstDay)?.version.municipalChoice)) {
      policy.push({
        parameter: name,
        value: r.version.text ?? "",
        by: r.version.gemeente ? "gemeente" : "national-default",
        validFrom: r.version.validFrom,
        source: r.version.source,
      });
    }
  }
  const required = <T = number>(name: string): T => {
    const r = refs[name];
    if (!r) throw noLaw(month, `${name} has no value on ${firstDay}`);
    return r.version.value as T;
  };
  const eetA = EETGELD_BANDS.map((b) => required(`rooo.eetgeld.adult.${b}`));
  const eetM = EETGELD_BANDS.map((b) => required(`rooo.eetgeld.minor.${b}`));
  const kleedgeld = required("rooo.kleedgeld");
  const rule = refs["rooo.withdrawal.rule"];
  if (!rule) throw noLaw(month, `rooo.withdrawal.rule has no value on ${firstDay}`);
  const factor = refs["rooo.withdrawal.threshold-factor"];
  const ruleName = rule.version.value as WithdrawalRule;
  const definition: WithdrawalRuleDefinition = WITHDRAWAL_RULES[ruleName];
  if (definition.needsFactor && !factor) {
    throw noLaw(month, "rooo.withdrawal.threshold-factor missing for the threshold rule");
  }
  const charged = required<string>("rooo.eigen-bijdrage.charging") === "charged";
  // The amounts of the eigen bijdrage are law only where it is charged.
  const maxAdults = charged ? required("rooo.eigen-bijdrage.max-adults") : 0;
  if (maxAdults > 2) {
    // The hot loop keeps the two largest contributions; more needs a code change.
    throw new Error(`rooo.eigen-bijdrage.max-adults ${maxAdults} > 2 is not supported`);
  }
  const last = lawbook.lastPublishedValueFrom;
  const usesLatest = firstDay >= last;
  return {
    month,
    gemeente,
    policy,
    year,
    monthNumber,
    daysInMonth: dim,
    firstDay,
    lastDay,
    firstDayYmd: year * 10000 + monthNumber * 100 + 1,
    lastDayYmd: year * 10000 + monthNumber * 100 + dim,
    adultAge: required("rooo.household.adult-age"),
    partialBirthDate: required<PartialBirthDateConvention>("rooo.household.partial-birth-date"),
    adultChild: required("rooo.household.adult-child"),
    receptionOfMonth: required("rooo.household.reception-of-month"),
    proration: required("rooo.leefgeld.proration"),
    incomePrecedence: required("rooo.income.source-precedence"),
    eetgeldAdult: [eetA[0]!, eetA[1]!, eetA[2]!],
    eetgeldMinor: [eetM[0]!, eetM[1]!, eetM[2]!],
    kleedgeld,
    wooncomponentAdult: required("rooo.wooncomponent.adult"),
    wooncomponentMinor: required("rooo.wooncomponent.minor"),
    eigenBijdrageCharged: charged,
    eigenBijdragePerAdult: charged ? required("rooo.eigen-bijdrage.per-adult") : 0,
    cateringPerAdult: charged ? required("rooo.eigen-bijdrage.catering-per-adult") : 0,
    eigenBijdrageMaxAdults: maxAdults,
    eigenBijdrageAdultLimit: charged
      ? required<"limited-to-own-income" | "full-per-earner">("rooo.eigen-bijdrage.adult-limit")
      : "limited-to-own-income",
    rule: ruleName,
    ruleInterpretation: rule.version.interpretation ?? null,
    thresholdFactor: factor
      ? (factor.version.value as { numerator: number; denominator: number })
      : null,
    refs,
    lawVersion: {
      lastPublishedValueFrom: last,
      usesLatestPublished: usesLatest,
      note: usesLatest
        ? `No newer amounts published: the amounts valid from ${last} apply to ${month}.`
        : `The amounts in force on ${firstDay} apply; newer amounts exist from later dates.`,
    },
  };
}
