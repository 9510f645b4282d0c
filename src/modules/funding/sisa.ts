/**
 * The accounting figures of the specific payment for SiSa (single information, single
 * audit) per municipality and book year: one row per indicator and scheme, from the claim of
 * the year (as the facts stand), the transition costs and the advance. SiSa's appendix gives
 * each regulation's indicators a code (the year's "bijlage"); we found no source that
 * publishes the codes for the BooO or the doelgroepflexibele opvangregeling, so the
 * indicators are named by their content (docs/api-funding.md), never by an invented code.
 */
import type { Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { csvText } from "../../domain/csv";
import { todayNl } from "../../domain/dates";
import { mulRatio, toDecimalText } from "../../domain/money";
import {
  computeClaim,
  type FundingScheme,
  fundingPeriods,
  type PooMonth,
  type SchemeSummary,
} from "../../rules/funding";
import { getLawbook } from "../../rules/lawbook";
import { bookYearPeriod, parseBookYear } from "./advance.service";
import { readFacts } from "./funding.service";
import * as repo from "./funding-entries.repository";

export const SISA_CSV_COLUMNS = [
  "gemeente_code",
  "year",
  "scheme",
  "indicator",
  "description",
  "value",
  "unit",
  "status",
] as const;

/** Every indicator, in the order of the file, with its Dutch description. */
export const SISA_INDICATORS = {
  goo_realised_place_days: "Gerealiseerde opvangplekken GOO × dagen (plekdagen)",
  goo_amount: "Bedrag GOO: plekdagen × normbedrag per plek per dag",
  goo_outside_base_rate_place_days: "Plekdagen GOO buiten het basistarief (geteld, zonder bedrag)",
  poo_person_months: "Personen in particuliere opvang (POO) × maanden (persoonsmaanden)",
  poo_amount: "Bedrag POO: persoonsmaanden × normbedrag per persoon per maand",
  status_holder_place_days: "Plekdagen statushouders (andere doelgroep, apart geteld)",
  asylum_seeker_place_days: "Plekdagen asielzoekers (andere doelgroep, apart geteld)",
  other_target_groups_amount: "Bedrag andere doelgroepen: plekdagen × normbedrag",
  transition_costs: "Transitiekosten tegen werkelijke kosten",
  advance_requested: "Voorschot aangevraagd voor het boekjaar",
  advance_received: "Voorschot ontvangen voor het boekjaar",
} as const;
export type SisaIndicator = keyof typeof SISA_INDICATORS;

/** published: an amount; not_published: the law has none; partly_published: in part. */
export type SisaStatus =
  | "published"
  | "not_published"
  | "partly_published"
  | "no_amount"
  | "counted"
  | "recorded"
  | "not_recorded";

export interface SisaRow {
  scheme: FundingScheme | null;
  indicator: SisaIndicator;
  value: string | null;
  unit: "place_days" | "person_months" | "euro";
  status: SisaStatus;
}

/** LCM of 28, 29, 30 and 31: every month's share of a person-month as a whole number. */
const MONTH_LCM = 377_580;

/**
 * Person-months of POO months: Σ person-days ÷ days in the month, to the hundredth, rounded
 * half up once (exactly, in integers).
 */
export function personMonthsHundredths(months: readonly PooMonth[]): number {
  const numerator = months.reduce((s, m) => s + m.personDays * (MONTH_LCM / m.daysInMonth), 0);
  return mulRatio(numerator, 100, MONTH_LCM);
}

const hundredths = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;

/** An amount's value and status from what has a published norm and what has none. */
function amount(cents: number, countedWith: number, countedWithout: number) {
  if (countedWithout === 0) return { value: toDecimalText(cents), status: "published" as const };
  if (countedWith === 0) return { value: null, status: "not_published" as const };
  return { value: toDecimalText(cents), status: "partly_published" as const };
}

/** The rows of one scheme's part of the year. */
function schemeRows(s: SchemeSummary, poo: readonly PooMonth[]): SisaRow[] {
  const scheme = s.scheme;
  const rows: SisaRow[] = [];
  const push = (indicator: SisaIndicator, row: Omit<SisaRow, "scheme" | "indicator">) =>
    rows.push({ scheme, indicator, ...row });
  push("goo_realised_place_days", {
    value: String(s.gooPlaceDays + s.notPublishedPlaceDays),
    unit: "place_days",
    status: "counted",
  });
  push("goo_amount", {
    ...amount(s.gooCents, s.gooPlaceDays, s.notPublishedPlaceDays),
    unit: "euro",
  });
  if (scheme === "booo") {
    push("goo_outside_base_rate_place_days", {
      value: String(s.outsideBaseRatePlaceDays),
      unit: "place_days",
      status: "no_amount",
    });
  }
  push("poo_person_months", {
    value: hundredths(personMonthsHundredths(poo.filter((m) => m.scheme === scheme))),
    unit: "person_months",
    status: "counted",
  });
  push("poo_amount", {
    ...amount(s.pooCents, s.pooPersonDays, s.notPublishedPersonDays),
    unit: "euro",
  });
  if (scheme === "doelgroepflexibel") {
    push("status_holder_place_days", {
      value: String(s.statusHolderPlaceDays),
      unit: "place_days",
      status: "counted",
    });
    push("asylum_seeker_place_days", {
      value: String(s.asylumSeekerPlaceDays),
      unit: "place_days",
      status: "counted",
    });
    const other = s.statusHolderPlaceDays + s.asylumSeekerPlaceDays;
    push("other_target_groups_amount", {
      ...amount(
        s.otherTargetGroupCents,
        other - s.otherTargetGroupNotPublishedPlaceDays,
        s.otherTargetGroupNotPublishedPlaceDays,
      ),
      unit: "euro",
    });
  }
  push("transition_costs", {
    value: toDecimalText(s.transitionCostCents),
    unit: "euro",
    status: "published",
  });
  return rows;
}

/** The SiSa figures of the caller's municipality for a book year. */
export async function sisaFigures(
  db: Queryable,
  actor: AccessContext,
  q: { year?: unknown },
  today: string = todayNl(),
) {
  const gemeente = gemeenteOf(actor);
  const year = parseBookYear(q.year, today);
  const lawbook = getLawbook();
  const { from, to } = bookYearPeriod(year);
  const periods = fundingPeriods(lawbook, from, to);
  const facts = await readFacts(db, periods, [gemeente]);
  const claim = computeClaim(periods, facts.get(gemeente) ?? { locations: [], poo: [] });
  const rows = claim.schemes.flatMap((s) => schemeRows(s, claim.poo));
  const current = (await repo.advancesOf(db, gemeente, year)).find((r) => r.replacedAt === null);
  rows.push({
    scheme: null,
    indicator: "advance_requested",
    value: current ? toDecimalText(current.amountCents) : null,
    unit: "euro",
    status: current ? "recorded" : "not_recorded",
  });
  rows.push({
    scheme: null,
    indicator: "advance_received",
    value: current?.receivedCents == null ? null : toDecimalText(current.receivedCents),
    unit: "euro",
    status: current?.receivedCents == null ? "not_recorded" : "recorded",
  });
  return { gemeenteCode: gemeente, year, from, to, lawHash: lawbook.hash, rows };
}

/** The figures as CSV (RFC 4180), one row per indicator; amounts in euros with a dot. */
export function sisaCsv(figures: Awaited<ReturnType<typeof sisaFigures>>): string {
  return csvText(
    SISA_CSV_COLUMNS,
    figures.rows.map((r) => [
      figures.gemeenteCode,
      figures.year,
      r.scheme,
      r.indicator,
      SISA_INDICATORS[r.indicator],
      r.value,
      r.unit,
      r.status,
    ]),
  );
}
