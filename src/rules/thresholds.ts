/**
 * The threshold table municipalities publish: for one or two adults with 0-7 children, the
 * full leefgeld, the income at which it is fully withdrawn, the full eigen bijdrage and the
 * income at which it is fully charged. Every adult is assumed to earn more than the
 * per-adult amount (so the eigen bijdrage counts each adult in full, at most two). The
 * household page counts the adults who earn now instead (household-month.ts), so for a
 * household of two adults with one earner it names a lower "fully charged at": each row
 * says its assumption in `earners`.
 */
import { computeHouseholdMonth, type EngineMember } from "./household-month.js";
import type { Lawbook } from "./lawbook.js";
import { getLawbook } from "./lawbook.js";
import { type Reception, resolveMonth, type WithdrawalRule } from "./month-params.js";

export interface ThresholdRow {
  household: string;
  adults: number;
  children: number;
  /** Adults assumed to have an income: every adult of the row (the page counts today's). */
  earners: number;
  leefgeldFullCents: number;
  leefgeldFullyWithdrawnAtCents: number;
  eigenBijdrageFullCents: number;
  /** null where no eigen bijdrage can be charged (not charged that month, POO). */
  eigenBijdrageFullyChargedAtCents: number | null;
}

export interface ThresholdTable {
  month: string;
  reception: Reception;
  rule: WithdrawalRule;
  rows: ThresholdRow[];
}

export function thresholdTable(
  month: string,
  reception: Reception,
  lawbook: Lawbook = getLawbook(),
  gemeente: string | null = null,
): ThresholdTable {
  const p = resolveMonth(lawbook, month, gemeente);
  // Birth dates far from the 18th birthday: adults born 1980, children aged about 5.
  // Income far above any amount so that each adult counts for the full per-adult amount.
  const adult: EngineMember = {
    birthYmd: 19800101,
    days: p.daysInMonth,
    netIncomeCents: 100_000_000,
  };
  const child: EngineMember = {
    birthYmd: (p.year - 5) * 10000 + 101,
    days: p.daysInMonth,
    netIncomeCents: 0,
  };
  const rows: ThresholdRow[] = [];
  for (let adults = 1; adults <= 2; adults++) {
    for (let children = 0; children <= 7; children++) {
      const members = [...Array(adults).fill(adult), ...Array(children).fill(child)];
      const r = computeHouseholdMonth(p, { reception, members });
      const L = r.leefgeld.fullCents;
      const E = r.eigenBijdrage.fullCents;
      const t = r.thresholds;
      rows.push({
        household: `${adults} adult${adults > 1 ? "s" : ""}, ${children} child${children === 1 ? "" : "ren"}`,
        adults,
        children,
        earners: adults,
        leefgeldFullCents: L,
        // Without the 115% rule leefgeld is withdrawn euro for euro: fully at I = L.
        leefgeldFullyWithdrawnAtCents: t ? t.leefgeldFullyWithdrawnAtCents : L,
        eigenBijdrageFullCents: E,
        eigenBijdrageFullyChargedAtCents:
          E === 0 ? null : t ? t.eigenBijdrageFullyChargedAtCents : L + E,
      });
    }
  }
  return { month, reception, rule: p.rule, rows };
}
