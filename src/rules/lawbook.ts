/**
 * The lawbook: every dated parameter under law/, read and validated once at start-up.
 * A file that breaks the format is an error naming the file and the key, never a default.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { LOCATION_KINDS } from "../domain/enums.js";
import { parseEuro } from "../domain/money.js";
import { isValidDate } from "../domain/month.js";
import { WITHDRAWAL_RULE_VALUES } from "./withdrawal.js";

export type ParameterUnit = "euro" | "integer" | "decimal" | "date" | "rule";

/** A parameter value as the engine reads it: euro in cents, decimal as an exact fraction. */
export type ParameterValue = number | string | { numerator: number; denominator: number };

export interface Interpretation {
  text: string;
  alternative: string;
}

export interface ParameterVersion {
  validFrom: string;
  /** null ends validity from validFrom on. */
  value: ParameterValue | null;
  /** The value as written in the file ("205.00", "1.15"), for traces and docs. */
  text: string | null;
  source: string;
  note?: string;
  interpretation?: Interpretation;
  /** Set where the regulation leaves this value to each municipality in this period. */
  municipalChoice?: string;
  /** The municipality (CBS code) whose policy this version is; absent for national law. */
  gemeente?: string;
}

export interface Parameter {
  name: string;
  unit: ParameterUnit;
  regulation: string;
  article: string;
  file: string;
  description?: string;
  /** Announced but not yet fixed by the legislator: what is known (no versions then). */
  unpublished?: string;
  versions: ParameterVersion[];
}

/** The version in force on `date` (ISO "YYYY-MM-DD"), or null when none is or it ended. */
export interface ResolvedParameter {
  parameter: Parameter;
  version: ParameterVersion;
}

/** Allowed values of `rule` parameters: code implements each, data chooses. */
export const RULE_VALUES: Record<string, readonly string[]> = {
  "rooo.withdrawal.rule": WITHDRAWAL_RULE_VALUES,
  "rooo.eigen-bijdrage.charging": ["charged", "not-charged"],
  "rooo.income.source-precedence": ["caseworker-inlichtingenbureau-self-reported"],
  "rooo.household.adult-child": ["own-household"],
  "rooo.household.reception-of-month": ["most-person-days"],
  "rooo.leefgeld.proration": ["by-days-present"],
  "rooo.household.partial-birth-date": ["latest-possible", "mid-year"],
  "rooo.eigen-bijdrage.adult-limit": ["limited-to-own-income", "full-per-earner"],
  "transitie.leefgeld.continuation": ["until-participatiewet-decision"],
  "booo.goo.outside-base-rate.catering": ["in-base-rate", "outside-base-rate"],
  "booo.poo.part-month": ["by-person-days"],
};

/**
 * `rule` parameters whose value is a list of codes (YAML `[hotel, ship]`, `[]` for none),
 * each from the code's own list; kept as the codes joined by commas.
 */
export const RULE_LISTS: Record<string, readonly string[]> = {
  "booo.goo.outside-base-rate.location-kinds": LOCATION_KINDS,
};

export class LawFormatError extends Error {
  readonly file: string;
  readonly key: string;
  constructor(file: string, key: string, message: string) {
    super(`${file}: ${key}: ${message}`);
    this.name = "LawFormatError";
    this.file = file;
    this.key = key;
  }
}

const FILE_KEYS = new Set(["regulation", "article", "description", "parameters"]);
const PARAMETER_KEYS = new Set(["unit", "description", "article", "values", "unpublished"]);
const VERSION_KEYS = new Set([
  "valid_from",
  "value",
  "source",
  "note",
  "interpretation",
  "municipal_choice",
]);
const MUNICIPAL_FILE_KEYS = new Set([
  "gemeente",
  "name",
  "regulation",
  "article",
  "description",
  "parameters",
]);
const MUNICIPAL_PARAMETER_KEYS = new Set(["description", "article", "values"]);
const GEMEENTE_RE = /^GM\d{4}$/;
const INTERPRETATION_KEYS = new Set(["text", "alternative"]);
const UNITS = new Set<ParameterUnit>(["euro", "integer", "decimal", "date", "rule"]);
const NAME_RE = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function requireString(file: string, key: string, v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") {
    throw new LawFormatError(file, key, "must be a non-empty text");
  }
  return v;
}

function checkKeys(file: string, key: string, obj: Record<string, unknown>, allowed: Set<string>) {
  for (const k of Object.keys(obj)) {
    if (!allowed.has(k)) {
      throw new LawFormatError(file, key ? `${key}.${k}` : k, "unknown key");
    }
  }
}

function parseValue(
  file: string,
  key: string,
  name: string,
  unit: ParameterUnit,
  raw: unknown,
): { value: ParameterValue | null; text: string | null } {
  if (raw === null) return { value: null, text: null };
  switch (unit) {
    case "euro": {
      if (typeof raw !== "string" || !/^\d{1,9}\.\d{2}$/.test(raw)) {
        throw new LawFormatError(file, key, 'euro values are quoted texts such as "205.00"');
      }
      return { value: parseEuro(raw), text: raw };
    }
    case "integer": {
      if (typeof raw !== "number" || !Number.isSafeInteger(raw) || raw < 0) {
        throw new LawFormatError(file, key, "must be a non-negative integer");
      }
      return { value: raw, text: String(raw) };
    }
    case "decimal": {
      const m = typeof raw === "string" ? /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(raw) : null;
      if (!m) throw new LawFormatError(file, key, 'decimals are quoted texts such as "1.15"');
      const decimals = m[2] ?? "";
      const denominator = 10 ** decimals.length;
      return {
        value: { numerator: Number(m[1]) * denominator + Number(decimals || 0), denominator },
        text: raw as string,
      };
    }
    case "date": {
      if (typeof raw !== "string" || !isValidDate(raw)) {
        throw new LawFormatError(file, key, "must be a date YYYY-MM-DD");
      }
      return { value: raw, text: raw };
    }
    case "rule": {
      const codes = RULE_LISTS[name];
      if (codes) {
        if (
          !Array.isArray(raw) ||
          raw.some((c) => typeof c !== "string" || !codes.includes(c)) ||
          new Set(raw).size !== raw.length
        ) {
          throw new LawFormatError(
            file,
            key,
            `must be a list of distinct codes from ${codes.join(", ")} ([] for none)`,
          );
        }
        const text = (raw as string[]).join(",");
        return { value: text, text };
      }
      const allowed = RULE_VALUES[name];
      if (!allowed) throw new LawFormatError(file, key, `no rule values known for ${name}`);
      if (typeof raw !== "string" || !allowed.includes(raw)) {
        throw new LawFormatError(file, key, `must be one of ${allowed.join(", ")}`);
      }
      return { value: raw, text: raw };
    }
  }
}

/** The dated values of one parameter, sorted and without overlap. */
function parseVersions(
  file: string,
  pKey: string,
  name: string,
  unit: ParameterUnit,
  values: unknown[],
): ParameterVersion[] {
  const versions: ParameterVersion[] = [];
  values.forEach((rawVersion, i) => {
    const vKey = `${pKey}.values.${i}`;
    if (!isRecord(rawVersion)) throw new LawFormatError(file, vKey, "must be a mapping");
    checkKeys(file, vKey, rawVersion, VERSION_KEYS);
    const validFrom = rawVersion.valid_from;
    if (typeof validFrom !== "string" || !isValidDate(validFrom)) {
      throw new LawFormatError(file, `${vKey}.valid_from`, "must be a date YYYY-MM-DD");
    }
    if (!("value" in rawVersion)) {
      throw new LawFormatError(file, `${vKey}.value`, "missing (use null to end validity)");
    }
    const source = rawVersion.source;
    if (typeof source !== "string" || !/^https?:\/\/\S+$/.test(source)) {
      throw new LawFormatError(file, `${vKey}.source`, "missing or not an http(s) URL");
    }
    const previous = versions[versions.length - 1];
    if (previous && previous.validFrom >= validFrom) {
      throw new LawFormatError(
        file,
        `${vKey}.valid_from`,
        previous.validFrom === validFrom
          ? `overlaps the period starting ${validFrom} already given`
          : `dates not sorted: ${validFrom} after ${previous.validFrom}`,
      );
    }
    const { value, text } = parseValue(file, `${vKey}.value`, name, unit, rawVersion.value);
    const version: ParameterVersion = { validFrom, value, text, source };
    if (rawVersion.note !== undefined) {
      version.note = requireString(file, `${vKey}.note`, rawVersion.note);
    }
    if (rawVersion.interpretation !== undefined) {
      const ip = rawVersion.interpretation;
      if (!isRecord(ip)) throw new LawFormatError(file, `${vKey}.interpretation`, "mapping");
      checkKeys(file, `${vKey}.interpretation`, ip, INTERPRETATION_KEYS);
      version.interpretation = {
        text: requireString(file, `${vKey}.interpretation.text`, ip.text),
        alternative: requireString(file, `${vKey}.interpretation.alternative`, ip.alternative),
      };
    }
    if (rawVersion.municipal_choice !== undefined) {
      version.municipalChoice = requireString(
        file,
        `${vKey}.municipal_choice`,
        rawVersion.municipal_choice,
      );
    }
    versions.push(version);
  });
  return versions;
}

/** Validates one parsed YAML document; `file` is the path shown in errors. */
export function parseLawFile(file: string, doc: unknown): Parameter[] {
  if (!isRecord(doc)) throw new LawFormatError(file, "(root)", "must be a mapping");
  checkKeys(file, "", doc, FILE_KEYS);
  const regulation = requireString(file, "regulation", doc.regulation);
  const article = requireString(file, "article", doc.article);
  if (doc.description !== undefined) requireString(file, "description", doc.description);
  if (!isRecord(doc.parameters) || Object.keys(doc.parameters).length === 0) {
    throw new LawFormatError(file, "parameters", "must be a non-empty mapping of parameters");
  }
  const result: Parameter[] = [];
  for (const [name, rawParam] of Object.entries(doc.parameters)) {
    const pKey = `parameters.${name}`;
    if (!NAME_RE.test(name)) {
      throw new LawFormatError(file, pKey, "name must be dotted lower-case, e.g. rooo.kleedgeld");
    }
    if (!isRecord(rawParam)) throw new LawFormatError(file, pKey, "must be a mapping");
    checkKeys(file, pKey, rawParam, PARAMETER_KEYS);
    const unit = rawParam.unit;
    if (typeof unit !== "string" || !UNITS.has(unit as ParameterUnit)) {
      throw new LawFormatError(file, `${pKey}.unit`, `must be one of ${[...UNITS].join(", ")}`);
    }
    const values = rawParam.values;
    // A parameter the law announces but has not yet fixed: no values, and a text saying
    // what is known. Results that need it say so, or rest on a scenario value.
    const unpublished =
      rawParam.unpublished === undefined
        ? undefined
        : requireString(file, `${pKey}.unpublished`, rawParam.unpublished);
    if (unpublished !== undefined && (!Array.isArray(values) || values.length > 0)) {
      throw new LawFormatError(file, `${pKey}.values`, "an unpublished parameter has values: []");
    }
    if (!Array.isArray(values) || (values.length === 0 && unpublished === undefined)) {
      throw new LawFormatError(file, `${pKey}.values`, "must be a non-empty list");
    }
    const versions = parseVersions(file, pKey, name, unit as ParameterUnit, values);
    const param: Parameter = {
      name,
      unit: unit as ParameterUnit,
      regulation,
      article:
        rawParam.article === undefined
          ? article
          : requireString(file, `${pKey}.article`, rawParam.article),
      file,
      versions,
    };
    if (rawParam.description !== undefined) {
      param.description = requireString(file, `${pKey}.description`, rawParam.description);
    }
    if (unpublished !== undefined) param.unpublished = unpublished;
    result.push(param);
  }
  return result;
}

/** One municipality's recorded choices where the regulation leaves them open. */
export interface MunicipalPolicy {
  gemeente: string;
  name: string;
  file: string;
  regulation: string;
  /** Parameter name → the municipality's dated values (sources are its own decisions). */
  parameters: ReadonlyMap<string, { article: string; versions: ParameterVersion[] }>;
}

/** A municipal policy file as read, before its values are checked against national law. */
export interface MunicipalFile extends Omit<MunicipalPolicy, "parameters"> {
  parameters: ReadonlyMap<string, { article: string; values: unknown[] }>;
}

/** A municipal policy file: law/gemeenten/GM0000/*.yaml, overriding municipal choices. */
export function parseMunicipalFile(file: string, doc: unknown, folderCode?: string): MunicipalFile {
  if (!isRecord(doc)) throw new LawFormatError(file, "(root)", "must be a mapping");
  checkKeys(file, "", doc, MUNICIPAL_FILE_KEYS);
  const gemeente = requireString(file, "gemeente", doc.gemeente);
  if (!GEMEENTE_RE.test(gemeente)) {
    throw new LawFormatError(file, "gemeente", "must be a CBS code such as GM0344");
  }
  if (folderCode !== undefined && folderCode !== gemeente) {
    throw new LawFormatError(file, "gemeente", `${gemeente} in the folder of ${folderCode}`);
  }
  const name = requireString(file, "name", doc.name);
  const regulation = requireString(file, "regulation", doc.regulation);
  const article = requireString(file, "article", doc.article);
  if (doc.description !== undefined) requireString(file, "description", doc.description);
  if (!isRecord(doc.parameters) || Object.keys(doc.parameters).length === 0) {
    throw new LawFormatError(file, "parameters", "must be a non-empty mapping of parameters");
  }
  const parameters = new Map<string, { article: string; values: unknown[] }>();
  for (const [pname, rawParam] of Object.entries(doc.parameters)) {
    const pKey = `parameters.${pname}`;
    if (!isRecord(rawParam)) throw new LawFormatError(file, pKey, "must be a mapping");
    checkKeys(file, pKey, rawParam, MUNICIPAL_PARAMETER_KEYS);
    if (!Array.isArray(rawParam.values) || rawParam.values.length === 0) {
      throw new LawFormatError(file, `${pKey}.values`, "must be a non-empty list");
    }
    parameters.set(pname, {
      article:
        rawParam.article === undefined
          ? article
          : requireString(file, `${pKey}.article`, rawParam.article),
      // Parsed when the lawbook is assembled: the unit is the national parameter's.
      values: rawParam.values,
    });
  }
  return { gemeente, name, file, regulation, parameters };
}

/** A law file as read from disk or from a decision's receipt. */
export interface LawFile {
  /** Path shown in errors and hashed: "law/rooo/kleedgeld.yaml". */
  path: string;
  text: string;
}

/** sha256 over the law files (path and text, sorted by path): the law a decision used. */
export function hashLawFiles(files: readonly LawFile[]): string {
  const h = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(f.path);
    h.update("\0");
    h.update(f.text);
    h.update("\0");
  }
  return h.digest("hex");
}

export class Lawbook {
  readonly parameters: ReadonlyMap<string, Parameter>;
  /** Municipal policies by CBS code. */
  readonly municipal: ReadonlyMap<string, MunicipalPolicy>;
  /** The latest valid_from of any household (RooO) parameter: "the last published amounts". */
  readonly lastPublishedValueFrom: string;
  /** The first day any leefgeld is in force (the first kleedgeld value). */
  readonly firstDayInForce: string;
  /** sha256 of the files this lawbook was read from ("" when built from parameters only). */
  readonly hash: string;
  /** The files, kept so a decision's receipt can carry the law it was decided under. */
  readonly files: readonly LawFile[];

  constructor(
    parameters: Parameter[],
    municipal: MunicipalFile[] = [],
    files: readonly LawFile[] = [],
  ) {
    const map = new Map<string, Parameter>();
    for (const p of parameters) {
      const existing = map.get(p.name);
      if (existing) {
        throw new LawFormatError(
          p.file,
          `parameters.${p.name}`,
          `overlaps the same parameter in ${existing.file}`,
        );
      }
      map.set(p.name, p);
    }
    this.parameters = map;
    const byCode = new Map<string, MunicipalPolicy>();
    for (const m of municipal) {
      const existing = byCode.get(m.gemeente);
      if (existing) {
        throw new LawFormatError(m.file, "gemeente", `${m.gemeente} already in ${existing.file}`);
      }
      byCode.set(m.gemeente, this.checkMunicipal(m));
    }
    this.municipal = byCode;
    let last = "";
    for (const p of map.values()) {
      if (!p.name.startsWith("rooo.")) continue;
      for (const v of p.versions) if (v.validFrom > last) last = v.validFrom;
    }
    this.lastPublishedValueFrom = last;
    this.firstDayInForce = map.get("rooo.kleedgeld")?.versions[0]?.validFrom ?? "";
    this.files = files;
    this.hash = files.length > 0 ? hashLawFiles(files) : "";
  }

  /**
   * Validates a municipal policy against national law: each value must have the national
   * parameter's unit and start within a national period that leaves the choice open.
   */
  private checkMunicipal(m: MunicipalFile): MunicipalPolicy {
    const parameters = new Map<string, { article: string; versions: ParameterVersion[] }>();
    for (const [name, entry] of m.parameters) {
      const pKey = `parameters.${name}`;
      const national = this.parameters.get(name);
      if (!national) throw new LawFormatError(m.file, pKey, "no such national parameter");
      const versions = parseVersions(m.file, pKey, name, national.unit, entry.values);
      versions.forEach((v, i) => {
        if (v.municipalChoice !== undefined) {
          throw new LawFormatError(m.file, `${pKey}.values.${i}`, "municipal_choice is national");
        }
        v.gemeente = m.gemeente;
        const n = nationalVersionOn(national, v.validFrom);
        if (!n?.municipalChoice) {
          throw new LawFormatError(
            m.file,
            `${pKey}.values.${i}.valid_from`,
            `the regulation leaves ${name} to the municipality on no period containing ${v.validFrom}`,
          );
        }
      });
      parameters.set(name, { article: entry.article, versions });
    }
    return { ...m, parameters };
  }

  get(name: string): Parameter {
    const p = this.parameters.get(name);
    if (!p) throw new Error(`law parameter not found: ${name}`);
    return p;
  }

  /**
   * The version in force on `date`, or null before the first value or after a null. With a
   * municipality, its own recorded choice wins while the national version in force leaves
   * the choice to it; where it recorded none, the national value (the default) applies.
   */
  at(name: string, date: string, gemeente?: string): ResolvedParameter | null {
    const parameter = this.get(name);
    const found = nationalVersionOn(parameter, date);
    if (!found || found.value === null) return null;
    if (gemeente !== undefined && found.municipalChoice !== undefined) {
      const own = this.municipal.get(gemeente)?.parameters.get(name);
      if (own) {
        let v: ParameterVersion | undefined;
        for (const x of own.versions) {
          if (x.validFrom <= date) v = x;
          else break;
        }
        // A municipal value recorded before the national period began does not carry over.
        if (v && v.value !== null && v.validFrom >= found.validFrom) {
          const policy = this.municipal.get(gemeente)!;
          return {
            parameter: {
              ...parameter,
              regulation: policy.regulation,
              article: own.article,
              file: policy.file,
            },
            version: v,
          };
        }
      }
    }
    return { parameter, version: found };
  }

  /** Funding norm amounts (BooO) in cents on a date; null where none is in force. */
  fundingNormAmounts(date: string): {
    gooPerPlacePerDayCents: number | null;
    pooPerPersonPerMonthCents: number | null;
  } {
    const goo = this.at("booo.goo.per-place-per-day", date);
    const poo = this.at("booo.poo.per-person-per-month", date);
    return {
      gooPerPlacePerDayCents: goo ? (goo.version.value as number) : null,
      pooPerPersonPerMonthCents: poo ? (poo.version.value as number) : null,
    };
  }

  /**
   * What the GOO base rate does not fund on a date (BooO, from 2025 hotels, ships and
   * catering): the location kinds and whether catering days are outside it; null where
   * they are not in force.
   */
  fundingOutsideBaseRate(date: string): { locationKinds: string[]; catering: boolean } | null {
    const kinds = this.at("booo.goo.outside-base-rate.location-kinds", date);
    const catering = this.at("booo.goo.outside-base-rate.catering", date);
    if (!kinds || !catering) return null;
    const list = kinds.version.value as string;
    return {
      locationKinds: list === "" ? [] : list.split(","),
      catering: catering.version.value === "outside-base-rate",
    };
  }

  /** Start and (inclusive) end of temporary protection in force on a date. */
  rtbPeriod(date: string): { start: string; end: string } | null {
    const start = this.at("rtb.protection.start", date);
    const end = this.at("rtb.protection.end", date);
    if (!start || !end) return null;
    return { start: start.version.value as string, end: end.version.value as string };
  }
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === "tests") continue; // law test cases, not parameters
      out.push(...listYamlFiles(full));
    } else if (entry.endsWith(".yaml") || entry.endsWith(".yml")) {
      out.push(full);
    }
  }
  return out;
}

/** Default law/ folder: two levels above this file (src/rules → repository root). */
export const DEFAULT_LAW_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../law");

/** Every law file under `dir` (not the test cases), with paths as "law/…". */
export function readLawFiles(dir: string = DEFAULT_LAW_DIR): LawFile[] {
  const root = resolve(dir);
  return listYamlFiles(root).map((file) => ({
    path: `law/${relative(root, file).split("\\").join("/")}`,
    text: readFileSync(file, "utf8"),
  }));
}

const MUNICIPAL_PATH_RE = /^law\/gemeenten\/([^/]+)\//;

/** Parses and validates law files: the same path for disk and for a stored receipt. */
export function lawbookFromFiles(files: readonly LawFile[]): Lawbook {
  const parameters: Parameter[] = [];
  const municipal: MunicipalFile[] = [];
  for (const f of files) {
    let doc: unknown;
    try {
      doc = parseYaml(f.text);
    } catch (e) {
      throw new LawFormatError(f.path, "(yaml)", (e as Error).message);
    }
    const m = MUNICIPAL_PATH_RE.exec(f.path);
    if (m) municipal.push(parseMunicipalFile(f.path, doc, m[1]));
    else parameters.push(...parseLawFile(f.path, doc));
  }
  return new Lawbook(parameters, municipal, files);
}

export function loadLawbook(dir: string = DEFAULT_LAW_DIR): Lawbook {
  return lawbookFromFiles(readLawFiles(dir));
}

let cached: Lawbook | undefined;

/** The lawbook from law/, loaded and validated on first use and then kept. */
export function getLawbook(): Lawbook {
  cached ??= loadLawbook();
  return cached;
}

function nationalVersionOn(parameter: Parameter, date: string): ParameterVersion | undefined {
  let found: ParameterVersion | undefined;
  for (const v of parameter.versions) {
    if (v.validFrom <= date) found = v;
    else break;
  }
  return found;
}
