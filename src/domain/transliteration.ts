/**
 * Ukrainian names in Latin script.
 *
 * `transliterate` follows the national standard of 2010 (Resolution of the Cabinet of
 * Ministers of Ukraine No. 55 of 27 January 2010), the system used in Ukrainian passports:
 * Є, Ї, Й, Ю, Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia
 * elsewhere; "зг" is "zgh" (to keep it apart from "zh" = ж); the soft sign and the
 * apostrophe are omitted. Capitalisation is kept per word: a capitalised word stays
 * capitalised (Щ → Shch), a word in capitals stays in capitals (ЩЕРБУХИ → SHCHERBUKHY).
 * Russian-only letters (ы, э, ё, ъ) are outside the standard; they get a close Latin form
 * so that documents written in Russian spelling do not break the intake form.
 *
 * `latinToCyrillicCandidates` is the best-effort reverse for the intake form and
 * `searchKeys` the sound key behind name search (see its comment for the rules).
 */

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "g",
  д: "d",
  е: "e",
  є: "ie",
  ж: "zh",
  з: "z",
  и: "y",
  і: "i",
  ї: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ь: "",
  ю: "iu",
  я: "ia",
  // Outside the standard (Russian spelling): closest forms.
  ы: "y",
  э: "e",
  ё: "io",
  ъ: "",
};

/** The forms at the start of a word (the standard's positional rule). */
const WORD_START: Record<string, string> = { є: "ye", ї: "yi", й: "y", ю: "yu", я: "ya", ё: "yo" };

const APOSTROPHES = new Set(["'", "’", "ʼ", "‘", "`", "′"]);

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);
const isCyrillic = (ch: string | undefined): boolean =>
  ch !== undefined && /[\u0400-\u04FF]/.test(ch);
const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

/** Ukrainian Cyrillic → Latin by the 2010 national standard; other characters pass through. */
export function transliterate(text: string): string {
  const chars = [...text];
  let out = "";
  let wordStart = 0;
  let wordAllCaps = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // An apostrophe inside a Cyrillic word is omitted and does not start a new word.
    if (APOSTROPHES.has(ch) && isCyrillic(chars[i - 1]) && isCyrillic(chars[i + 1])) continue;
    const prev = chars[i - 1];
    const afterInWordApostrophe = APOSTROPHES.has(prev ?? "") && isLetter(chars[i - 2]);
    const atStart = !isLetter(prev) && !afterInWordApostrophe;
    if (atStart && isLetter(ch)) {
      wordStart = i;
      wordAllCaps = isAllCapsWord(chars, i);
    }
    const lower = ch.toLowerCase();
    let latin = CYRILLIC_TO_LATIN[lower];
    if (latin === undefined) {
      out += ch;
      continue;
    }
    if (i === wordStart && WORD_START[lower]) latin = WORD_START[lower];
    // "зг" → "zgh": г after з becomes "gh".
    if (lower === "г" && chars[i - 1]?.toLowerCase() === "з") latin = "gh";
    if (latin === "") continue;
    if (isUpper(ch)) {
      latin = wordAllCaps ? latin.toUpperCase() : latin[0]!.toUpperCase() + latin.slice(1);
    }
    out += latin;
  }
  return out;
}

function isAllCapsWord(chars: string[], start: number): boolean {
  let letters = 0;
  for (let j = start; j < chars.length; j++) {
    const c = chars[j]!;
    if (APOSTROPHES.has(c)) continue;
    if (!isLetter(c)) break;
    if (!isUpper(c)) return false;
    letters++;
  }
  return letters > 1;
}

// --- Latin → Cyrillic -------------------------------------------------------------------

/**
 * Latin tokens with the Cyrillic they can stand for and a weight (higher = more likely; a
 * reading scores the sum of log weights, so a digraph must outweigh its split letters). Every candidate must transliterate back to the input,
 * so the weights only order the valid readings.
 */
type Option = { cyr: string; w: number; startOnly?: boolean; midOnly?: boolean };
const TOKENS: [string, Option[]][] = [
  ["shch", [{ cyr: "щ", w: 20 }]],
  ["zgh", [{ cyr: "зг", w: 20 }]],
  ["kh", [{ cyr: "х", w: 3 }]],
  ["zh", [{ cyr: "ж", w: 3 }]],
  [
    "ts",
    [
      { cyr: "ц", w: 2 },
      { cyr: "тс", w: 0.5 },
    ],
  ],
  ["ch", [{ cyr: "ч", w: 3 }]],
  ["sh", [{ cyr: "ш", w: 3 }]],
  ["ye", [{ cyr: "є", w: 2, startOnly: true }]],
  ["yi", [{ cyr: "ї", w: 2, startOnly: true }]],
  ["yu", [{ cyr: "ю", w: 2, startOnly: true }]],
  ["ya", [{ cyr: "я", w: 2, startOnly: true }]],
  ["ie", [{ cyr: "є", w: 3, midOnly: true }]],
  ["iu", [{ cyr: "ю", w: 3, midOnly: true }]],
  ["ia", [{ cyr: "я", w: 3, midOnly: true }]],
  ["a", [{ cyr: "а", w: 1 }]],
  ["b", [{ cyr: "б", w: 1 }]],
  ["v", [{ cyr: "в", w: 1 }]],
  ["h", [{ cyr: "г", w: 1 }]],
  ["g", [{ cyr: "ґ", w: 1 }]],
  ["d", [{ cyr: "д", w: 1 }]],
  ["e", [{ cyr: "е", w: 1 }]],
  ["z", [{ cyr: "з", w: 1 }]],
  [
    "y",
    [
      { cyr: "и", w: 1 },
      { cyr: "й", w: 0.8, startOnly: true },
    ],
  ],
  [
    "i",
    [
      { cyr: "і", w: 1 },
      { cyr: "й", w: 0.9, midOnly: true },
      { cyr: "ї", w: 0.7, midOnly: true },
    ],
  ],
  ["k", [{ cyr: "к", w: 1 }]],
  ["l", [{ cyr: "л", w: 1 }]],
  ["m", [{ cyr: "м", w: 1 }]],
  ["n", [{ cyr: "н", w: 1 }]],
  ["o", [{ cyr: "о", w: 1 }]],
  ["p", [{ cyr: "п", w: 1 }]],
  ["r", [{ cyr: "р", w: 1 }]],
  ["s", [{ cyr: "с", w: 1 }]],
  ["t", [{ cyr: "т", w: 1 }]],
  ["u", [{ cyr: "у", w: 1 }]],
  ["f", [{ cyr: "ф", w: 1 }]],
];
const VOWELS_CYR = new Set([..."аеєиіїоуюя"]);

/** Common given names, so that the intake form offers the usual spelling (Olha → Ольга). */
const COMMON_NAMES = `Олександр Андрій Сергій Володимир Дмитро Микола Юрій Іван Максим Віктор Олег
Василь Петро Богдан Тарас Артем Денис Ігор Євген Роман Михайло Павло Ярослав Віталій Степан
Назар Данило Матвій Кирило Олексій Анатолій Григорій Костянтин Ілля Вадим Руслан Валерій
Олена Наталія Тетяна Ірина Оксана Світлана Юлія Марія Анна Ольга Людмила Галина Катерина
Вікторія Анастасія Софія Дарина Валентина Надія Лариса Любов Інна Яна Христина Богдана
Мілана Соломія Злата Аліна Єва Олеся Зоряна Уляна Ангеліна Поліна Єлизавета Київ Харків
Львів Одеса Дніпро Запоріжжя Миколаїв Херсон Чернігів Житомир Маріуполь Суми Полтава`
  .split(/\s+/)
  .filter(Boolean);
const COMMON_BY_LATIN = new Map(COMMON_NAMES.map((n) => [transliterate(n).toLowerCase(), n]));

/**
 * Cyrillic readings of a Latin word or name, the most likely first (at most `limit`).
 * Only readings that transliterate back to the input are offered; the soft sign cannot be
 * recovered except in known names and in the adjective suffixes -ський/-цький.
 */
export function latinToCyrillicCandidates(latin: string, limit = 5): string[] {
  const words = latin.trim().split(/(\s+|-)/);
  let results: { text: string; score: number }[] = [{ text: "", score: 0 }];
  for (const part of words) {
    if (part === "") continue;
    if (/^(\s+|-)$/.test(part)) {
      results = results.map((r) => ({ text: r.text + part, score: r.score }));
      continue;
    }
    const options = wordCandidates(part);
    const next: { text: string; score: number }[] = [];
    for (const r of results) {
      for (const o of options) next.push({ text: r.text + o.text, score: r.score + o.score });
    }
    next.sort((a, b) => b.score - a.score);
    results = next.slice(0, limit);
  }
  return results.map((r) => r.text).filter((t) => t !== "");
}

function wordCandidates(word: string): { text: string; score: number }[] {
  const lower = word.toLowerCase().replace(/['’ʼ`]/g, "");
  if (!/^[a-z]+$/.test(lower)) return [{ text: word, score: 0 }];
  const found: { text: string; score: number }[] = [];
  const known = COMMON_BY_LATIN.get(lower);
  if (known) found.push({ text: known.toLowerCase(), score: 1000 });
  // Depth-first over the token alternatives; the search space of a name is small.
  const walk = (pos: number, cyr: string, score: number) => {
    if (found.length > 200) return;
    if (pos === lower.length) {
      found.push({ text: cyr, score: score + suffixBonus(cyr) });
      return;
    }
    for (const [token, options] of TOKENS) {
      if (!lower.startsWith(token, pos)) continue;
      for (const o of options) {
        if (o.startOnly && pos !== 0) continue;
        if (o.midOnly && pos === 0) continue;
        let w = o.w;
        const prev = cyr[cyr.length - 1];
        const afterVowel = prev !== undefined && VOWELS_CYR.has(prev);
        // й sits after a vowel (Юрій, Михайло); ї after a vowel before a vowel or v (Київ).
        if (o.cyr === "й") w = afterVowel ? 1.6 : 0.1;
        if (o.cyr === "ї") w = afterVowel ? 0.9 : 0.05;
        if (o.cyr === "і" && afterVowel) w = 0.5;
        walk(pos + token.length, cyr + o.cyr, score + Math.log(w + 0.01));
      }
    }
  };
  walk(0, "", 0);
  const seen = new Set<string>();
  const valid = found
    .map((c) => ({ text: withSoftSuffix(c.text), score: c.score }))
    .filter((c) => {
      if (seen.has(c.text)) return false;
      seen.add(c.text);
      return transliterate(c.text) === lower;
    })
    .sort((a, b) => b.score - a.score);
  return valid.map((c) => ({ text: matchCase(word, c.text), score: c.score }));
}

/** -ський, -цький, -ська, -цька …: the soft sign that the Latin form dropped. */
function withSoftSuffix(cyr: string): string {
  return cyr.replace(/([сц])(к(?:ий|а|е|і|ого|ої|им|ій))$/, "$1ь$2");
}

function suffixBonus(cyr: string): number {
  // Family-name endings make a reading more likely than a letter-by-letter alternative.
  return /(енко|чук|щук|ук|юк|ський|цький|ська|цька|[оеє]вич|івна)$/.test(cyr) ? 1 : 0;
}

function matchCase(model: string, cyr: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return cyr.toUpperCase();
  if (model[0] && isUpper(model[0])) return cyr[0]!.toUpperCase() + cyr.slice(1);
  return cyr;
}

// --- Search keys ------------------------------------------------------------------------

/**
 * Sound keys for name search, one per word of the name, so that the usual spellings of
 * the same name meet: Oleksandr, Aleksandr, Alexander, Olexandr, Олександр and Александр
 * all give "ALKSNDR". Rules, applied in order:
 * 1. Cyrillic (Ukrainian or Russian letters) is first written in Latin letters.
 * 2. Lower case; accents and apostrophes dropped (š, č, ž, sz, cz and German sch/tsch/w
 *    are read as the sounds they stand for).
 * 3. Letter groups become one class: shch/sch/sh → W, ch/tsch/cz → Q, zh → J,
 *    ts/tz/c before e, i, y → C, kh/h/g → G (Ukrainian г is h, Russian g), x → KS,
 *    ph → F, w → V, c and q → K, th → T.
 * 4. Vowels and the semivowels y, i, j are dropped; a name that starts with one gets the
 *    marker A (so Yurii, Iurii, Yuri give "AR").
 * 5. A doubled class counts once (Anna → "AN").
 * 6. Names that differ in more than spelling (Mykola / Nikolai, Kateryna / Ekaterina,
 *    Nadiia / Nadezhda, Pylyp / Filipp) share the key of the Ukrainian form.
 */
export function searchKeys(name: string): string[] {
  const keys: string[] = [];
  for (const word of name.split(/[\s,;/()-]+/)) {
    if (word === "") continue;
    const key = aliasKey(rawKey(word));
    if (key !== "" && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Cyrillic → a plain Latin spelling for keys (both Ukrainian and Russian letters). */
const KEY_LATIN: Record<string, string> = {
  ...CYRILLIC_TO_LATIN,
  г: "h",
  є: "ye",
  ї: "yi",
  й: "y",
  ю: "yu",
  я: "ya",
  ё: "yo",
};

function rawKey(word: string): string {
  let s = "";
  for (const ch of word.toLowerCase()) s += KEY_LATIN[ch] ?? ch;
  s = s
    .replace(/š/g, "sh")
    .replace(/č/g, "ch")
    .replace(/ž/g, "zh")
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]/g, "");
  if (s === "") return "";
  const rules: [RegExp, string][] = [
    [/shch|szcz|shtsch/g, "W"],
    [/tsch|tch/g, "Q"],
    [/sch|sz|sh/g, "W"],
    [/cz|ch/g, "Q"],
    [/zh/g, "J"],
    [/ts|tz|c(?=[eiy])/g, "C"],
    [/kh|gh|h|g/g, "G"],
    [/x/g, "KS"],
    [/ph/g, "F"],
    [/th/g, "T"],
    [/w/g, "V"],
    [/[cq]k?/g, "K"],
  ];
  for (const [re, to] of rules) s = s.replace(re, to);
  const startsWithVowel = /^[aeiouyj]/.test(s);
  s = s.replace(/[aeiouyj]/g, "").toUpperCase();
  s = s.replace(/(.)\1+/g, "$1");
  return (startsWithVowel ? "A" : "") + s;
}

/** Variants that spelling rules cannot join: [Ukrainian form, other forms…]. */
const ALIASES: string[][] = [
  ["Mykola", "Nikolai", "Nikolay", "Nicolai", "Николай"],
  ["Kateryna", "Ekaterina", "Yekaterina", "Katerina", "Екатерина"],
  ["Nadiia", "Nadezhda", "Надежда"],
  ["Pylyp", "Filipp", "Philip", "Филипп"],
  ["Yevhen", "Evgeni", "Evgeny", "Yevgeny", "Евгений"],
  ["Oleksii", "Alexei", "Alexey", "Aleksei", "Алексей"],
  ["Hryhorii", "Grigori", "Grigory", "Григорий"],
  ["Illia", "Ilya", "Ilja", "Илья"],
  ["Liubov", "Lyubov", "Любовь"],
  ["Mariia", "Maria", "Marija", "Мария"],
];
const ALIAS_KEY = new Map<string, string>();
for (const [canonical, ...others] of ALIASES) {
  const target = rawKey(canonical!);
  for (const o of others) {
    const k = rawKey(o);
    if (k !== target) ALIAS_KEY.set(k, target);
  }
}
function aliasKey(key: string): string {
  return ALIAS_KEY.get(key) ?? key;
}
