/**
 * The texts of the figures paragraph the Verzamelbrief opens with, in Dutch (as the letters
 * write it) and English, and how numbers and dates are written in each. The one place to
 * change a word: national.service.ts only fills in the numbers.
 *
 * Placeholders are `{name}`. Numbers: Dutch with a dot for thousands and a decimal comma
 * (106.150; 99,3), English with a comma for thousands and a decimal point (106,150; 99.3).
 */
export const PARAGRAPH_LANGUAGES = ["nl", "en"] as const;
export type ParagraphLanguage = (typeof PARAGRAPH_LANGUAGES)[number];

export interface ParagraphCatalog {
  months: readonly string[];
  /** A day of the current year, and of another year. */
  date: string;
  dateWithYear: string;
  /**
   * Written after the paragraph's first date when it lies earlier in the current year
   * ("21 januari jl.", jongstleden); empty where the language has no such word.
   */
  earlierThisYear: string;
  registered: string;
  registeredOne: string;
  places: string;
  noPlaces: string;
  occupancy: string;
  thousands: string;
  decimal: string;
}

export const PARAGRAPH: Record<ParagraphLanguage, ParagraphCatalog> = {
  nl: {
    months: [
      "januari",
      "februari",
      "maart",
      "april",
      "mei",
      "juni",
      "juli",
      "augustus",
      "september",
      "oktober",
      "november",
      "december",
    ],
    date: "{day} {month}",
    dateWithYear: "{day} {month} {year}",
    earlierThisYear: "jl.",
    registered: "Er zijn op {brpDate} {ukrainians} Oekraïners ingeschreven in de BRP.",
    registeredOne: "Er is op {brpDate} {ukrainians} Oekraïner ingeschreven in de BRP.",
    places:
      "Op {date} zijn er {realised} gemeentelijke opvangplekken gerealiseerd, waarvan {occupied} bezet.",
    noPlaces: "Op {date} zijn er geen gemeentelijke opvangplekken gerealiseerd.",
    occupancy: "Dat is een bezettingsgraad van {rate} procent.",
    thousands: ".",
    decimal: ",",
  },
  en: {
    months: [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ],
    date: "{day} {month}",
    dateWithYear: "{day} {month} {year}",
    earlierThisYear: "",
    registered: "On {brpDate}, {ukrainians} Ukrainians were registered in the BRP.",
    registeredOne: "On {brpDate}, {ukrainians} Ukrainian was registered in the BRP.",
    places:
      "On {date}, {realised} municipal reception places had been realised, of which {occupied} were occupied.",
    noPlaces: "On {date}, no municipal reception places had been realised.",
    occupancy: "That is an occupancy rate of {rate} percent.",
    thousands: ",",
    decimal: ".",
  },
};

/** A template with its `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {${name}}`);
    return v;
  });
}

/** A whole number with the language's thousands separator: 106150 → "106.150" (nl). */
export function formatCount(n: number, lang: ParagraphLanguage): string {
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, PARAGRAPH[lang].thousands);
  return n < 0 ? `-${grouped}` : grouped;
}

/** A percentage already rounded to one decimal, always with that decimal: 99.3 → "99,3". */
export function formatRate(rate: number, lang: ParagraphLanguage): string {
  const [whole, tenths] = rate.toFixed(1).split(".");
  return `${formatCount(Number(whole), lang)}${PARAGRAPH[lang].decimal}${tenths}`;
}

/**
 * A date in words: "21 januari" in the current year (the year of `today`), "21 januari
 * 2024" in another; with `first`, a date earlier in the current year gets the language's
 * "jl." ("21 januari jl."), as the letters write the paragraph's first date.
 */
export function formatDate(
  date: string,
  lang: ParagraphLanguage,
  today: string,
  first = false,
): string {
  const c = PARAGRAPH[lang];
  const values = {
    day: String(Number(date.slice(8, 10))),
    month: c.months[Number(date.slice(5, 7)) - 1]!,
    year: date.slice(0, 4),
  };
  if (date.slice(0, 4) !== today.slice(0, 4)) return fill(c.dateWithYear, values);
  const text = fill(c.date, values);
  return first && date <= today && c.earlierThisYear ? `${text} ${c.earlierThisYear}` : text;
}
