/**
 * Plain-language explanation of a computation in nl, uk or en, rendered only from its trace
 * steps (inputs, results, parameters) with ICU message templates from the catalogs in
 * ./i18n, plus the members' names and the law version. A stored decision's trace can so be
 * explained years later without recomputing. Plurals come from ICU (Ukrainian one/few/many:
 * 1 особа, 3 особи, 5 осіб, 21 особа); money from formatMoney; dates and months from
 * Intl.DateTimeFormat in the reader's language ("1 листопада 2025 р.", "листопад 2025 р.").
 */
import { IntlMessageFormat } from "intl-messageformat";
import { formatMoney } from "../domain/money.js";
import en from "./i18n/en.json";
import nl from "./i18n/nl.json";
import uk from "./i18n/uk.json";
import type { LawVersion } from "./month-params.js";
import type { TraceParameter, TraceStep } from "./trace.js";

export type Lang = "nl" | "uk" | "en";
export const LANGS: readonly Lang[] = ["nl", "uk", "en"];

export type Catalog = Readonly<Record<string, string>>;
export const CATALOGS: Readonly<Record<Lang, Catalog>> = { nl, uk, en };

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

/**
 * The catalog keys a trace step is rendered with: a step id with a member index
 * (members.3.leefgeld) shares one template; the withdrawal step has one per rule value.
 */
export function templateKeysOf(step: string, rule?: string): string[] {
  if (/^members\.\d+\.leefgeld$/.test(step)) return ["members.leefgeld", "members.absent"];
  switch (step) {
    case "household":
      return ["household", "summary", "summary.eigen-bijdrage"];
    case "eigen-bijdrage.full":
      return [
        "eigen-bijdrage.full.charged",
        "eigen-bijdrage.full.not-charged",
        "eigen-bijdrage.full.poo",
      ];
    case "withdrawal":
      return [`withdrawal.${rule ?? ""}`, "thresholds"];
    case "income":
      return ["income.none", "income.some", "income.item", "income.minor"];
    case "leefgeld.per-member":
      return [
        "leefgeld.per-member",
        "leefgeld.per-member.item",
        "leefgeld.per-member.eigen-bijdrage",
      ];
    default:
      return [step];
  }
}

type Values = Record<string, string | number>;

/** A code as an ICU select key: selectors allow no hyphen ("goo-catering" → "goo_catering"). */
const sel = (code: string): string => code.replace(/[^A-Za-z0-9_]/g, "_");

const formats = new Map<string, IntlMessageFormat | null>();

/** One catalog message formatted; a key missing in the catalog renders as "". */
function message(lang: Lang, key: string, values: Values = {}): string {
  const id = `${lang}\0${key}`;
  let f = formats.get(id);
  if (f === undefined) {
    const text = CATALOGS[lang][key];
    f = text === undefined ? null : new IntlMessageFormat(text, lang);
    formats.set(id, f);
  }
  if (f === null) return "";
  return String(f.format(values));
}

export function hasTemplate(lang: Lang, key: string): boolean {
  return CATALOGS[lang][key] !== undefined;
}

const LOCALE: Record<Lang, string> = { nl: "nl-NL", uk: "uk-UA", en: "en-GB" };
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, withDay: boolean): Intl.DateTimeFormat {
  const id = `${lang}${withDay}`;
  let f = dateFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], {
      ...(withDay ? { day: "numeric" } : {}),
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dateFormats.set(id, f);
  }
  return f;
}

/** "1 листопада 2025 р.", "1 november 2025", "1 November 2025". */
export function formatDate(lang: Lang, iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat(lang, true).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "листопад 2025 р.", "november 2025", "November 2025". */
export function formatMonth(lang: Lang, month: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return dateFormat(lang, false).format(new Date(Date.UTC(y, m - 1, 1)));
}

function formatList(lang: Lang, items: string[]): string {
  return new Intl.ListFormat(LOCALE[lang], { type: "conjunction" }).format(items);
}

function formatDecimal(lang: Lang, value: number, style: "decimal" | "percent"): string {
  return new Intl.NumberFormat(LOCALE[lang], {
    style,
    maximumFractionDigits: 2,
    ...(style === "decimal" ? { minimumFractionDigits: 2 } : {}),
  }).format(value);
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toLocaleUpperCase() + s.slice(1);
}

// --- Reading the steps: only the fields the engine records, tolerant of old traces. ---

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export interface ExplainOptions {
  /** Per member (by input index), the name to show; null or missing: "member 2". */
  names?: ReadonlyArray<string | null | undefined>;
  lawVersion?: LawVersion;
  /** Municipality names by CBS code, to name a municipality whose policy applied. */
  municipalities?: Readonly<Record<string, string>>;
}

/** Parameters that carry an interpretation template, in the catalogs' naming. */
function interpretationCandidates(s: TraceStep): TraceParameter[] {
  return s.parameters.filter((p) => hasTemplate("en", `interpretation.${p.name}`));
}

/**
 * Which parameter each step's interpretation belongs to. A step records the first
 * interpretation among the parameters it read; a step that read a single candidate tells
 * whether that parameter carries one this month, which settles the others.
 */
function interpretedParameters(trace: readonly TraceStep[]): Map<string, TraceParameter> {
  const known = new Map<string, boolean>();
  for (const s of trace) {
    const c = interpretationCandidates(s);
    if (c.length === 1) known.set(c[0]!.name, s.interpretation !== undefined);
  }
  const found = new Map<string, TraceParameter>();
  for (const s of trace) {
    if (!s.interpretation) continue;
    const c = interpretationCandidates(s).find((p) => known.get(p.name) !== false);
    const key = c ? c.name : `other:${s.step}`;
    if (!found.has(key)) found.set(key, c ?? { ...s.parameters[0]!, name: "other" });
  }
  return found;
}

/**
 * The explanation of one household-month in `lang`, from its trace only: a summary first,
 * then the household, a line per member, income, withdrawal and contribution, thresholds,
 * notices, the municipality's choices, Opvang's readings and the law version. Paragraphs
 * are separated by "\n".
 */
export function explain(
  trace: readonly TraceStep[],
  lang: Lang,
  options: ExplainOptions = {},
): string {
  const byId = new Map(trace.map((s) => [s.step, s]));
  const household = byId.get("household");
  if (!household) return "";
  const money = (c: unknown) => formatMoney(num(c), lang);
  const t = (key: string, values?: Values) => message(lang, key, values);
  const nameOf = (i: number) => {
    const n = options.names?.[i];
    return typeof n === "string" && n.trim() !== "" ? n.trim() : t("member.fallback", { n: i + 1 });
  };

  const hIn = obj(household.inputs);
  const hOut = obj(household.result);
  const monthIso = str(hIn.month);
  const month = formatMonth(lang, monthIso);
  const reception = str(hIn.reception);
  const daysInMonth = num(hIn.daysInMonth);
  const inputMembers = arr(hIn.members).map(obj);
  const counted = arr(hOut.counted);
  const size = num(hOut.size);
  const adults = num(hOut.adults);

  const full = num(obj(byId.get("leefgeld.full")?.result).leefgeldFullCents);
  const wStep = byId.get("withdrawal");
  const wIn = obj(wStep?.inputs);
  const wOut = obj(wStep?.result);
  const mwStep = byId.get("maatwerk");
  const perMember = byId.get("leefgeld.per-member");
  const pmOut = obj(perMember?.result);
  const finalOut = mwStep ? obj(mwStep.result) : wOut;
  const paid = perMember
    ? num(obj(perMember.inputs).leefgeldPaidCents)
    : num(finalOut.leefgeldPaidCents);
  const charged = num(finalOut.eigenBijdrageChargedCents);
  const paragraphs: string[][] = [];
  const para = (...sentences: string[]) => {
    const kept = sentences.filter((s) => s !== "").map(capitalize);
    if (kept.length > 0) paragraphs.push(kept);
  };

  // Summary, then the household.
  para(
    t("summary", {
      state: paid === 0 && full > 0 ? "none" : paid < full ? "part" : "full",
      month,
      paid: money(paid),
      full: money(full),
    }),
    charged > 0 ? t("summary.eigen-bijdrage", { charged: money(charged) }) : "",
  );
  const minors = size - adults;
  para(
    t("household", {
      size,
      adults,
      minors,
      shape: adults > 0 && minors > 0 ? "both" : adults > 0 ? "adults" : "minors",
      reception: sel(reception),
    }),
  );

  // A line per member.
  const memberLines: string[] = [];
  inputMembers.forEach((m, i) => {
    const s = byId.get(`members.${i}.leefgeld`);
    if (s) {
      const r = obj(s.result);
      const inp = obj(s.inputs);
      const days = num(r.daysPresent ?? inp.daysPresent);
      const dim = num(inp.daysInMonth) || daysInMonth;
      memberLines.push(
        t("members.leefgeld", {
          name: nameOf(i),
          kind: r.adultAmounts === true ? "adult" : "minor",
          partial: days < dim ? "yes" : "no",
          days,
          daysInMonth: dim,
          reception: sel(reception),
          eetgeld: money(r.eetgeldCents),
          kleedgeld: money(r.kleedgeldCents),
          woon: money(r.wooncomponentCents),
          total: money(r.leefgeldFullCents),
        }),
      );
    } else if (counted[i] !== true && num(m.daysPresent) === 0) {
      memberLines.push(t("members.absent", { name: nameOf(i), month }));
    }
  });
  for (const line of memberLines) para(line);
  para(byId.has("leefgeld.full") ? t("leefgeld.full", { full: money(full) }) : "");

  // Income, contribution, withdrawal, maatwerk, and what each member is paid.
  const incomeStep = byId.get("income");
  const incomeMembers = arr(obj(incomeStep?.inputs).members).map(obj);
  const income = num(obj(incomeStep?.result).incomeCents);
  const earners = incomeMembers.filter(
    (m) => m.counted === true && m.adult === true && num(m.netIncomeCents) > 0,
  );
  const minorEarners = incomeMembers.filter(
    (m) => m.counted === true && m.adult !== true && num(m.netIncomeCents) > 0,
  );
  const money2: string[] = [];
  if (incomeStep) {
    if (earners.length === 0) money2.push(t("income.none"));
    else
      money2.push(
        t("income.some", {
          income: money(income),
          list: formatList(
            lang,
            earners.map((m) =>
              t("income.item", { name: nameOf(num(m.index)), amount: money(m.netIncomeCents) }),
            ),
          ),
        }),
      );
    if (minorEarners.length > 0)
      money2.push(
        t("income.minor", {
          names: formatList(
            lang,
            minorEarners.map((m) => nameOf(num(m.index))),
          ),
        }),
      );
  }
  const ebStep = byId.get("eigen-bijdrage.full");
  if (ebStep && earners.length > 0) {
    const inp = obj(ebStep.inputs);
    const r = obj(ebStep.result);
    if (str(inp.reception) === "poo") money2.push(t("eigen-bijdrage.full.poo"));
    else if (inp.charged !== true) money2.push(t("eigen-bijdrage.full.not-charged", { month }));
    else {
      const cat = num(r.cateringFullCents);
      money2.push(
        t("eigen-bijdrage.full.charged", {
          count: num(inp.counted),
          full: money(r.eigenBijdrageFullCents),
          catering: cat > 0 ? "yes" : "no",
          exploitation: money(r.exploitationFullCents),
          cateringAmount: money(cat),
          capped: num(inp.adultsWithIncome) > num(inp.counted) ? "yes" : "no",
        }),
      );
    }
  }
  const rule = str(wIn.rule);
  const factorParam = wStep?.parameters.find((p) => p.name === "rooo.withdrawal.threshold-factor");
  const factor = Number(factorParam?.value ?? Number.NaN);
  const ruleParam = wStep?.parameters.find((p) => p.name === "rooo.withdrawal.rule");
  if (wStep && num(wIn.incomeCents) > 0) {
    const withdrawn = num(wOut.leefgeldWithdrawnCents);
    const wCharged = num(wOut.eigenBijdrageChargedCents);
    const wPaid = num(wOut.leefgeldPaidCents);
    money2.push(
      t(`withdrawal.${rule}`, {
        earners: formatList(
          lang,
          earners.map((m) => nameOf(num(m.index))),
        ),
        count: earners.length,
        withdrawn: money(withdrawn),
        paid: money(wPaid),
        charged: money(wCharged),
        charge: wCharged > 0 ? "yes" : "no",
        taken: money(withdrawn + wCharged),
        zero: wPaid === 0 ? "yes" : "no",
        factor: Number.isFinite(factor) ? formatDecimal(lang, factor, "decimal") : "",
        share: Number.isFinite(factor) ? formatDecimal(lang, 2 - factor, "percent") : "",
        byGemeente: ruleParam?.gemeente ? "yes" : "no",
      }),
    );
  }
  if (mwStep) {
    const inp = obj(mwStep.inputs);
    const r = obj(mwStep.result);
    money2.push(
      t("maatwerk", {
        reason: str(inp.reason),
        leefgeld: inp.leefgeldPaidCents !== undefined ? "yes" : "no",
        paid: money(r.leefgeldPaidCents),
        computedPaid: money(inp.computedLeefgeldPaidCents),
        eigenBijdrage: inp.eigenBijdrageChargedCents !== undefined ? "yes" : "no",
        charged: money(r.eigenBijdrageChargedCents),
        computedCharged: money(inp.computedEigenBijdrageChargedCents),
      }),
    );
  }
  if (perMember) {
    const paidPer = arr(pmOut.members);
    const countedIdx = inputMembers.map((_, i) => i).filter((i) => counted[i] === true);
    if (paid > 0 && paid < full && countedIdx.length > 1) {
      money2.push(
        t("leefgeld.per-member", {
          list: formatList(
            lang,
            countedIdx.map((i) =>
              t("leefgeld.per-member.item", { name: nameOf(i), amount: money(paidPer[i]) }),
            ),
          ),
        }),
      );
    }
    const cat = num(pmOut.cateringCents);
    const ebFull = num(obj(ebStep?.result).eigenBijdrageFullCents);
    if (cat > 0 && charged < ebFull) {
      money2.push(
        t("leefgeld.per-member.eigen-bijdrage", {
          exploitation: money(pmOut.exploitationCents),
          catering: money(cat),
        }),
      );
    }
  }
  para(...money2);

  // Thresholds.
  const th = obj(wOut.thresholds);
  if (wOut.thresholds) {
    const at1 = num(th.leefgeldFullyWithdrawnAtCents);
    const at2 = num(th.eigenBijdrageFullyChargedAtCents);
    // The eigen bijdrage's threshold counts the adults who earn now (one, when nobody does
    // yet), where the published table (rules/thresholds.ts) counts every adult: say which.
    const ebCounted = obj(byId.get("eigen-bijdrage.full")?.inputs).counted;
    const basis =
      at2 <= at1 || typeof ebCounted !== "number" ? "none" : ebCounted === 0 ? "first" : "current";
    para(
      t("thresholds", {
        leefgeldAt: money(at1),
        eigenBijdrageAt: money(at2),
        both: at2 > at1 ? "yes" : "no",
        basis,
        earners: typeof ebCounted === "number" ? Math.max(1, ebCounted) : 1,
      }),
    );
  }

  // Notices.
  const notices = arr(hOut.notices).map(obj);
  para(
    ...notices.map((n) =>
      t(`notice.${str(n.code)}`, {
        name: typeof n.member === "number" ? nameOf(n.member) : "",
      }),
    ),
  );

  // The municipality's own recorded choices.
  const policies = new Map<string, TraceParameter>();
  for (const s of trace) {
    for (const p of s.parameters) if (p.gemeente && !policies.has(p.name)) policies.set(p.name, p);
  }
  para(
    ...[...policies.values()].map((p) => {
      const name = options.municipalities?.[p.gemeente!];
      const gemeente = name
        ? t("gemeente.named", { gemeente: name })
        : t("gemeente.code", { gemeente: p.gemeente! });
      const key = hasTemplate(lang, `policy.${p.name}`) ? `policy.${p.name}` : "policy.other";
      return t(key, { gemeente, from: formatDate(lang, p.validFrom), value: sel(String(p.value)) });
    }),
  );

  // Opvang's readings where the regulation is open, where they matter for this household.
  const partial = inputMembers.some(
    (m, i) => counted[i] === true && num(m.daysPresent) < daysInMonth,
  );
  const ebFull = num(obj(ebStep?.result).eigenBijdrageFullCents);
  const relevant: Record<string, boolean> = {
    "rooo.household.partial-birth-date": inputMembers.some((m) => str(m.birthDate).endsWith("-00")),
    "rooo.leefgeld.proration": partial,
    "rooo.income.source-precedence": income > 0,
    "rooo.eigen-bijdrage.per-adult": ebFull > 0,
    "rooo.eigen-bijdrage.catering-per-adult": ebFull > 0,
    "rooo.eigen-bijdrage.adult-limit": ebFull > 0,
    "rooo.withdrawal.rule": income > 0,
  };
  const readings = [...interpretedParameters(trace).values()]
    .filter((p) => relevant[p.name] ?? true)
    .map((p) =>
      t(
        hasTemplate(lang, `interpretation.${p.name}`)
          ? `interpretation.${p.name}`
          : "interpretation.other",
        {
          from: formatDate(lang, p.validFrom),
          rule: sel(rule),
          factor: Number.isFinite(factor) ? formatDecimal(lang, factor, "decimal") : "",
        },
      ),
    );
  if (readings.length > 0) {
    paragraphs.push([[t("interpretation.intro"), ...readings.map((r) => `– ${r}`)].join("\n")]);
  }

  if (options.lawVersion?.usesLatestPublished) {
    para(
      t("lawVersion.usesLatestPublished", {
        from: formatDate(lang, options.lawVersion.lastPublishedValueFrom),
      }),
    );
  }
  // A date that ends a Ukrainian sentence ends in "р." already.
  return paragraphs
    .map((p) => p.join(" "))
    .join("\n")
    .replace(/ р\.\./g, " р.");
}
