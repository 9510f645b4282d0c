/**
 * The rules for what income does to leefgeld and the eigen bijdrage, one entry per value of
 * `rooo.withdrawal.rule`. The lawbook accepts exactly these values, so a new rule version is
 * law data (law/rooo/withdrawal.yaml), an entry here and its explanation templates.
 * L = the household's full leefgeld, E = its full eigen bijdrage, I = the adults' income.
 * No value or date of the law is written here: they come from the month's parameters.
 */
import { mulRatio } from "../domain/money.js";

export interface Fraction {
  numerator: number;
  denominator: number;
}

export interface Thresholds {
  leefgeldFullyWithdrawnAtCents: number;
  eigenBijdrageFullyChargedAtCents: number;
}

export interface WithdrawalInput {
  L: number;
  E: number;
  I: number;
  /** The full leefgeld of the counted adults with income. */
  earnersLeefgeld: number;
  /** rooo.withdrawal.threshold-factor, where the rule reads one. */
  factor: Fraction | null;
}

export interface WithdrawalRuleDefinition {
  /** The formula in the trace, naming parameters, never their values. */
  formula: string;
  /** Withdrawn leefgeld and contribution charged. */
  withdraw(x: WithdrawalInput): [withdrawn: number, charged: number];
  /** The incomes at which each amount is full, where the rule publishes them. */
  thresholds?(factor: Fraction, L: number, E: number): Thresholds;
  /** The leefgeld is withdrawn from the earners themselves, not split in proportion. */
  perEarner?: true;
  /** The rule reads rooo.withdrawal.threshold-factor. */
  needsFactor?: true;
}

/** max(0, L - I) paid, and the rest of the income, up to E, as contribution. */
function topUp({ L, E, I }: WithdrawalInput): [number, number] {
  const excess = I - L;
  return [Math.min(I, L), excess <= 0 ? 0 : Math.min(excess, E)];
}

/**
 * T taken back, first from leefgeld; below a published threshold what is taken back stays
 * a cent under the full amount, where rounding T would reach it early (in the household's
 * favour).
 */
function takeBack(x: WithdrawalInput, T0: number, t: Thresholds): [number, number] {
  const { L, E, I } = x;
  let T = Math.min(T0, L + E);
  if (L > 0 && T >= L && I < t.leefgeldFullyWithdrawnAtCents) T = L - 1;
  if (E > 0 && T >= L + E && I < t.eigenBijdrageFullyChargedAtCents) T = L + E - 1;
  const withdrawn = Math.min(T, L);
  return [withdrawn, T - withdrawn];
}

function threshold115(f: Fraction, L: number, E: number): Thresholds {
  return {
    leefgeldFullyWithdrawnAtCents: mulRatio(L, f.numerator, f.denominator),
    eigenBijdrageFullyChargedAtCents: mulRatio(L + E, f.numerator, f.denominator),
  };
}

function thresholdDisregard(f: Fraction, L: number, E: number): Thresholds {
  const keep = 2 * f.denominator - f.numerator;
  return {
    leefgeldFullyWithdrawnAtCents: mulRatio(L, f.denominator, keep),
    eigenBijdrageFullyChargedAtCents: mulRatio(L + E, f.denominator, keep),
  };
}

export const WITHDRAWAL_RULES = {
  "lapse-earner": {
    formula:
      "lapse-earner: each counted adult with income loses their own full leefgeld, whatever " +
      "the amount; the other members keep theirs; no eigen bijdrage.",
    withdraw: ({ earnersLeefgeld }) => [earnersLeefgeld, 0],
    perEarner: true,
  },
  "top-up": {
    formula: "top-up: leefgeld paid = max(0, L - I); contribution = min(E, max(0, I - L)).",
    withdraw: topUp,
  },
  "withdraw-household": {
    formula:
      "withdraw-household: any income of a counted adult withdraws the whole household's " +
      "leefgeld; contribution = min(E, max(0, I - L)).",
    withdraw: ({ L, E, I }) => {
      if (I <= 0) return [0, 0];
      const excess = I - L;
      return [L, excess <= 0 ? 0 : Math.min(excess, E)];
    },
  },
  "keep-leefgeld-level": {
    formula:
      "keep-leefgeld-level: leefgeld paid = max(0, L - I); contribution = min(E, max(0, " +
      "I - L)); the household keeps at least its leefgeld level.",
    withdraw: topUp,
  },
  "threshold-115": {
    formula:
      "threshold-115: T = min(L + E, I / rooo.withdrawal.threshold-factor) rounded half up; " +
      "withdrawn = min(L, T), contribution = T - withdrawn; below a threshold (factor x L, " +
      "factor x (L + E)) T stays below it.",
    withdraw: (x) => {
      const f = x.factor!;
      return takeBack(x, mulRatio(x.I, f.denominator, f.numerator), threshold115(f, x.L, x.E));
    },
    thresholds: threshold115,
    needsFactor: true,
  },
  "threshold-115-income-disregard": {
    formula:
      "threshold-115-income-disregard: T = min(L + E, (2 - factor) x I) rounded half up; " +
      "withdrawn = min(L, T), contribution = T - withdrawn; below a threshold T stays below it.",
    withdraw: (x) => {
      const f = x.factor!;
      const T = mulRatio(x.I, 2 * f.denominator - f.numerator, f.denominator);
      return takeBack(x, T, thresholdDisregard(f, x.L, x.E));
    },
    thresholds: thresholdDisregard,
    needsFactor: true,
  },
} satisfies Record<string, WithdrawalRuleDefinition>;

export type WithdrawalRule = keyof typeof WITHDRAWAL_RULES;

export const WITHDRAWAL_RULE_VALUES = Object.keys(WITHDRAWAL_RULES) as WithdrawalRule[];
