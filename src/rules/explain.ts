/**
 * Plain-language explanation of a computation in nl, uk or en, built from the result and
 * its trace. Plural forms come from Intl.PluralRules, so Ukrainian gets one/few/many right
 * (1 особа, 3 особи, 5 осіб, 21 особа).
 */
import { formatMoney } from "../domain/money.js";
import { daysInMonthOf } from "../domain/month.js";
import type { HouseholdMonthResult } from "./household-month.js";
import type { LawVersion, Reception } from "./month-params.js";

export type Lang = "nl" | "uk" | "en";
export const LANGS: readonly Lang[] = ["nl", "uk", "en"];

type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules: Record<Lang, Intl.PluralRules> = {
  nl: new Intl.PluralRules("nl"),
  uk: new Intl.PluralRules("uk"),
  en: new Intl.PluralRules("en"),
};

/** "3 особи": the number with the noun form its plural category needs. */
export function plural(lang: Lang, n: number, forms: Forms): string {
  const category = pluralRules[lang].select(n);
  return `${n} ${forms[category] ?? forms.other}`;
}

const WORDS = {
  person: {
    nl: { one: "persoon", other: "personen" },
    en: { one: "person", other: "persons" },
    uk: { one: "особа", few: "особи", many: "осіб", other: "особи" },
  },
  adult: {
    nl: { one: "volwassene", other: "volwassenen" },
    en: { one: "adult", other: "adults" },
    uk: { one: "дорослий", few: "дорослих", many: "дорослих", other: "дорослих" },
  },
  child: {
    nl: { one: "kind", other: "kinderen" },
    en: { one: "child", other: "children" },
    uk: { one: "дитина", few: "дитини", many: "дітей", other: "дитини" },
  },
  day: {
    nl: { one: "dag", other: "dagen" },
    en: { one: "day", other: "days" },
    uk: { one: "день", few: "дні", many: "днів", other: "дня" },
  },
} satisfies Record<string, Record<Lang, Forms>>;

const MONTHS: Record<Lang, string[]> = {
  nl: "januari februari maart april mei juni juli augustus september oktober november december".split(
    " ",
  ),
  en: "January February March April May June July August September October November December".split(
    " ",
  ),
  uk: "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень".split(
    " ",
  ),
};

const RECEPTION: Record<Lang, Record<Reception, string>> = {
  nl: {
    goo: "gemeentelijke opvang (GOO)",
    "goo-catering": "gemeentelijke opvang met catering",
    poo: "particuliere opvang (POO)",
  },
  en: {
    goo: "municipal reception (GOO)",
    "goo-catering": "municipal reception with catering",
    poo: "private reception (POO)",
  },
  uk: {
    goo: "муніципальне житло (GOO)",
    "goo-catering": "муніципальне житло з харчуванням",
    poo: "приватне житло (POO)",
  },
};

function monthName(lang: Lang, month: string): string {
  const [y, m] = month.split("-");
  const name = MONTHS[lang][Number(m) - 1]!;
  return lang === "uk" ? `${name} ${y} р.` : `${name} ${y}`;
}

function dateText(lang: Lang, iso: string): string {
  // Ukrainian dates need the genitive month name; the ISO form avoids a wrong case.
  if (lang === "uk") return iso;
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[lang][Number(m) - 1]!} ${y}`;
}

export function explain(
  r: HouseholdMonthResult,
  lang: Lang,
  lawVersion?: LawVersion,
  _names: ReadonlyArray<string | null> = [],
): string {
  const money = (c: number) => formatMoney(c, lang);
  const w = (key: keyof typeof WORDS, n: number) => plural(lang, n, WORDS[key][lang]);
  const minors = r.householdSize - r.adults;
  const parts: string[] = [];
  const composition = [
    r.adults > 0 ? w("adult", r.adults) : "",
    minors > 0 ? w("child", minors) : "",
  ]
    .filter(Boolean)
    .join(", ");
  const month = monthName(lang, r.month);
  const where = RECEPTION[lang][r.reception];
  const L = r.leefgeld;
  const E = r.eigenBijdrage;
  const t = r.thresholds;
  // The second threshold only means something where an eigen bijdrage can be charged.
  const chargedAt =
    t && t.eigenBijdrageFullyChargedAtCents > t.leefgeldFullyWithdrawnAtCents
      ? money(t.eigenBijdrageFullyChargedAtCents)
      : null;
  const withdrawal = r.trace?.find((s) => s.step === "withdrawal");
  const [year, monthNumber] = r.month.split("-").map(Number);
  const dim = daysInMonthOf(year!, monthNumber!);
  const partial = r.members.filter((m) => m.counted && m.daysPresent < dim);

  if (lang === "nl") {
    parts.push(
      `Uw huishouden van ${w("person", r.householdSize)} (${composition}) in ${where} heeft in ${month} recht op ${money(L.fullCents)} leefgeld.`,
    );
    if (r.adults === 0)
      parts.push("Omdat er geen volwassene is, gelden de bedragen voor volwassenen.");
    for (const m of partial) {
      parts.push(
        `Gezinslid ${m.index + 1} was ${w("day", m.daysPresent)} aanwezig; het bedrag is naar rato berekend.`,
      );
    }
    if (r.incomeCents === 0)
      parts.push(`Er telt geen inkomen mee: u ontvangt ${money(L.paidCents)}.`);
    else
      parts.push(
        `Uit uw inkomen van ${money(r.incomeCents)} trekken wij ${money(L.withdrawnCents)} leefgeld in; u ontvangt ${money(L.paidCents)}.`,
      );
    if (E.fullCents > 0 || E.chargedCents > 0)
      parts.push(
        `U betaalt een eigen bijdrage van ${money(E.chargedCents)} (volledig bedrag ${money(E.fullCents)}).`,
      );
    if (t)
      parts.push(
        `Vanaf een inkomen van ${money(t.leefgeldFullyWithdrawnAtCents)} is het leefgeld volledig ingetrokken${chargedAt ? `; vanaf ${chargedAt} betaalt u de volledige eigen bijdrage` : ""}.`,
      );
    if (withdrawal?.interpretation)
      parts.push("De berekening volgt een uitleg van Opvang waar de regeling niet alles vastlegt.");
    if (r.maatwerk) parts.push(`De gemeente heeft maatwerk toegepast: ${r.maatwerk.reason}.`);
    if (lawVersion?.usesLatestPublished)
      parts.push(
        `Er zijn geen nieuwere bedragen gepubliceerd; de bedragen vanaf ${dateText(lang, lawVersion.lastPublishedValueFrom)} gelden.`,
      );
  } else if (lang === "en") {
    parts.push(
      `Your household of ${w("person", r.householdSize)} (${composition}) in ${where} is entitled to ${money(L.fullCents)} leefgeld (living allowance) for ${month}.`,
    );
    if (r.adults === 0) parts.push("As there is no adult, the adult amounts apply.");
    for (const m of partial) {
      parts.push(
        `Member ${m.index + 1} was present for ${w("day", m.daysPresent)}; the amount is prorated.`,
      );
    }
    if (r.incomeCents === 0) parts.push(`No income counts: you receive ${money(L.paidCents)}.`);
    else
      parts.push(
        `From your income of ${money(r.incomeCents)} we withdraw ${money(L.withdrawnCents)} of leefgeld; you receive ${money(L.paidCents)}.`,
      );
    if (E.fullCents > 0 || E.chargedCents > 0)
      parts.push(
        `You pay an eigen bijdrage (own contribution) of ${money(E.chargedCents)} (full amount ${money(E.fullCents)}).`,
      );
    if (t)
      parts.push(
        `From an income of ${money(t.leefgeldFullyWithdrawnAtCents)} leefgeld is fully withdrawn${chargedAt ? `; from ${chargedAt} you pay the full contribution` : ""}.`,
      );
    if (withdrawal?.interpretation)
      parts.push(
        "The calculation follows Opvang's interpretation where the regulation is not explicit.",
      );
    if (r.maatwerk)
      parts.push(
        `The municipality applied maatwerk (an individual deviation): ${r.maatwerk.reason}.`,
      );
    if (lawVersion?.usesLatestPublished)
      parts.push(
        `No newer amounts have been published; the amounts from ${dateText(lang, lawVersion.lastPublishedValueFrom)} apply.`,
      );
  } else {
    parts.push(
      `За ${month} у вашому домогосподарстві ${w("person", r.householdSize)} (${composition}), ${where}. Повна сума leefgeld (кошти на проживання): ${money(L.fullCents)}.`,
    );
    if (r.adults === 0) parts.push("Оскільки дорослих немає, застосовуються суми для дорослих.");
    for (const m of partial) {
      parts.push(
        `Член домогосподарства ${m.index + 1} був присутній ${w("day", m.daysPresent)}; суму розраховано пропорційно.`,
      );
    }
    if (r.incomeCents === 0)
      parts.push(`Дохід не враховується: ви отримуєте ${money(L.paidCents)}.`);
    else
      parts.push(
        `З вашого доходу ${money(r.incomeCents)} ми утримуємо ${money(L.withdrawnCents)} з leefgeld; ви отримуєте ${money(L.paidCents)}.`,
      );
    if (E.fullCents > 0 || E.chargedCents > 0)
      parts.push(
        `Ви сплачуєте власний внесок (eigen bijdrage) ${money(E.chargedCents)} (повна сума ${money(E.fullCents)}).`,
      );
    if (t)
      parts.push(
        `При доході від ${money(t.leefgeldFullyWithdrawnAtCents)} leefgeld повністю припиняється${chargedAt ? `; при доході від ${chargedAt} ви сплачуєте повний внесок` : ""}.`,
      );
    if (withdrawal?.interpretation)
      parts.push("Розрахунок ґрунтується на тлумаченні Opvang там, де правила не є однозначними.");
    if (r.maatwerk)
      parts.push(
        `Муніципалітет застосував індивідуальне рішення (maatwerk): ${r.maatwerk.reason}.`,
      );
    if (lawVersion?.usesLatestPublished)
      parts.push(
        `Новіших сум не опубліковано; діють суми з ${dateText(lang, lawVersion.lastPublishedValueFrom)}.`,
      );
  }
  return parts.join(" ");
}
