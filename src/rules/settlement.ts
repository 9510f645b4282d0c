/**
 * What a monthly run pays and collects for one household, from the month's decided amounts
 * and the corrections of earlier months. Leefgeld and eigen bijdrage are separate streams:
 * leefgeld is transferred, the eigen bijdrage is charged through the municipality's
 * collection system.
 *
 * A correction that owes the household leefgeld is paid with the month (back payment).
 * One that finds leefgeld paid too much is recovered: the municipality may offset it
 * against this month's leefgeld up to its own limit (a percentage of the month's leefgeld,
 * its policy, set in its settings: the RooO leaves recovery to the Awb, art. 4:57 and
 * 4:93); the rest goes to the collection list. Eigen bijdrage corrections are collected or
 * refunded through the collection system. No amount here is rounded except the limit,
 * once, half up.
 */
import { type Cents, mulRatio } from "../domain/money";

export interface SettlementInput {
  /** This month's leefgeld as decided (0 when no member is in reception this month). */
  leefgeldCents: Cents;
  /** This month's eigen bijdrage as decided. */
  eigenBijdrageCents: Cents;
  /** Per corrected month: the new amount minus the amount decided before. */
  corrections: readonly { leefgeldCents: Cents; eigenBijdrageCents: Cents }[];
  /** The municipality's offset limit in percent of the month's leefgeld; null: no offset. */
  offsetLimitPercent: number | null;
}

export interface Settlement {
  /** Leefgeld owed for earlier months, paid with this month. */
  backPayCents: Cents;
  /** Leefgeld paid too much in earlier months, to recover. */
  recoveryCents: Cents;
  /** The part of the recovery kept back from this month's leefgeld. */
  offsetCents: Cents;
  /** What is paid out: this month's leefgeld, plus back payments, minus the offset. */
  transferCents: Cents;
  /**
   * What the collection system collects: this month's eigen bijdrage, the eigen bijdrage
   * corrections (negative: a refund) and the recovery not offset.
   */
  collectCents: Cents;
}

export function settle(input: SettlementInput): Settlement {
  const leefgeldDifference = input.corrections.reduce((s, c) => s + c.leefgeldCents, 0);
  const contributionDifference = input.corrections.reduce((s, c) => s + c.eigenBijdrageCents, 0);
  // Differences of several months are netted: a household owed for one month and overpaid
  // for another has one balance.
  const backPayCents = Math.max(leefgeldDifference, 0);
  const recoveryCents = Math.max(-leefgeldDifference, 0);
  const limit =
    input.offsetLimitPercent === null
      ? 0
      : mulRatio(input.leefgeldCents, input.offsetLimitPercent, 100);
  const offsetCents = Math.min(recoveryCents, limit);
  return {
    backPayCents,
    recoveryCents,
    offsetCents,
    transferCents: input.leefgeldCents + backPayCents - offsetCents,
    collectCents: input.eigenBijdrageCents + contributionDifference + (recoveryCents - offsetCents),
  };
}
