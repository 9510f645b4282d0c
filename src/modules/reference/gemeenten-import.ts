import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import type { Db, Tx } from "../../db/connection";
import { parseIsoDate } from "../../domain/dates";
import { type Issue, ValidationError } from "../../domain/errors";
import { VEILIGHEIDSREGIOS } from "../../domain/veiligheidsregios";

/**
 * Imports municipalities and their safety regions from the public CSV files:
 * - the CBS classification (Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,
 *   ProvinciecodePV,Provincienaam),
 * - the VWS mapping municipality → safety region (gemcode,name,vrCode),
 * - the list of safety regions (vrCode,name,province,municipalityCount),
 * - or the joined file (gemeentecode,gemeentecodeGM,gemeentenaam,provinciecodePV,
 *   provincienaam,veiligheidsregiocode,veiligheidsregionaam).
 * Each file is recognised by its header. Every row of every file is checked before
 * anything is written; then all is written in one transaction. Importing the same files
 * again changes nothing; a municipality that moved region gets a new dated mapping.
 */

type FileKind = "cbs" | "mapping" | "regions" | "joined";

const HEADERS: Record<FileKind, string[]> = {
  cbs: [
    "Gemeentecode",
    "GemeentecodeGM",
    "Gemeentenaam",
    "Provinciecode",
    "ProvinciecodePV",
    "Provincienaam",
  ],
  mapping: ["gemcode", "name", "vrCode"],
  regions: ["vrCode", "name", "province", "municipalityCount"],
  joined: [
    "gemeentecode",
    "gemeentecodeGM",
    "gemeentenaam",
    "provinciecodePV",
    "provincienaam",
    "veiligheidsregiocode",
    "veiligheidsregionaam",
  ],
};

interface GemeenteRow {
  code: string;
  name: string;
  provinceCode: string | null;
  provinceName: string | null;
}

export interface ImportSummary {
  gemeenten: number;
  veiligheidsregios: number;
  mappings: number;
  /** Rows that changed something; 0 on a repeated import. */
  changed: number;
}

export interface ParsedReference {
  gemeenten: Map<string, GemeenteRow>;
  regions: Map<string, string>;
  mapping: Map<string, string>;
}

function detectKind(header: string[], file: string): FileKind {
  const clean = header.map((h) => h.replace(/^\uFEFF/, "").trim());
  for (const [kind, expected] of Object.entries(HEADERS) as [FileKind, string[]][]) {
    if (expected.length === clean.length && expected.every((h, i) => h === clean[i])) return kind;
  }
  throw new ValidationError({
    path: `${path.basename(file)} line 1`,
    code: "csv_header",
    message: `unknown header "${clean.join(",")}"; expected one of: ${Object.values(HEADERS)
      .map((h) => h.join(","))
      .join(" | ")}`,
  });
}

const GM = /^GM\d{4}$/;
const VR = /^VR(0[1-9]|1\d|2[0-5])$/;
const PV = /^PV\d{2}$/;

/** Parses and checks files; collects every problem with file and line before failing. */
export function parseReferenceFiles(files: { name: string; text: string }[]): ParsedReference {
  const out: ParsedReference = { gemeenten: new Map(), regions: new Map(), mapping: new Map() };
  const issues: Issue[] = [];
  for (const { name, text } of files) {
    const records: string[][] = parse(text, { skip_empty_lines: true, relax_column_count: true });
    if (records.length === 0) {
      issues.push({ path: name, code: "csv_empty", message: "the file is empty" });
      continue;
    }
    const kind = detectKind(records[0]!, name);
    const width = HEADERS[kind].length;
    records.slice(1).forEach((r, i) => {
      const line = i + 2;
      const at = (field: string) => `${path.basename(name)} line ${line} ${field}`;
      const bad = (field: string, code: string, message: string) =>
        issues.push({ path: at(field), code, message });
      if (r.length !== width) {
        bad("", "csv_columns", `expected ${width} columns, found ${r.length}`);
        return;
      }
      const v = r.map((x) => x.trim());
      const gm = (code: string, field: string) => {
        if (!GM.test(code)) bad(field, "gemeente_code", `"${code}" is not a code like GM0363`);
        return code;
      };
      const vr = (code: string, field: string) => {
        if (!VR.test(code)) bad(field, "veiligheidsregio_code", `"${code}" is not VR01–VR25`);
        return code;
      };
      const named = (value: string, field: string) => {
        if (!value) bad(field, "required", "is empty");
        return value;
      };
      if (kind === "cbs" || kind === "joined") {
        const code = gm(v[1]!, "GemeentecodeGM");
        const digits = v[0]!;
        if (`GM${digits}` !== code) {
          bad("Gemeentecode", "gemeente_code", `"${digits}" does not match ${code}`);
        }
        const pv = kind === "cbs" ? v[4]! : v[3]!;
        if (!PV.test(pv)) bad("ProvinciecodePV", "province_code", `"${pv}" is not like PV27`);
        const row = {
          code,
          name: named(v[2]!, "Gemeentenaam"),
          provinceCode: pv,
          provinceName: named(kind === "cbs" ? v[5]! : v[4]!, "Provincienaam"),
        };
        if (out.gemeenten.has(code) && out.gemeenten.get(code)!.name !== row.name) {
          bad("GemeentecodeGM", "duplicate", `${code} appears twice with different names`);
        }
        out.gemeenten.set(code, row);
      }
      if (kind === "joined") {
        out.regions.set(vr(v[5]!, "veiligheidsregiocode"), named(v[6]!, "veiligheidsregionaam"));
        out.mapping.set(v[1]!, v[5]!);
      }
      if (kind === "mapping") {
        const code = gm(v[0]!, "gemcode");
        named(v[1]!, "name");
        const region = vr(v[2]!, "vrCode");
        if (out.mapping.has(code) && out.mapping.get(code) !== region) {
          bad("gemcode", "duplicate", `${code} is mapped to two regions`);
        }
        out.mapping.set(code, region);
      }
      if (kind === "regions") {
        out.regions.set(vr(v[0]!, "vrCode"), named(v[1]!, "name"));
      }
    });
  }
  if (issues.length) throw new ValidationError(issues);
  return out;
}

export async function readReferenceFiles(paths: string[]) {
  return Promise.all(
    paths.map(async (p) => ({ name: path.basename(p), text: await readFile(p, "utf8") })),
  );
}

export async function importReference(
  db: Db,
  parsed: ParsedReference,
  validFrom: string = Temporal.Now.plainDateISO("Europe/Amsterdam").toString(),
): Promise<ImportSummary> {
  const from = parseIsoDate(validFrom, "validFrom");
  return db.transaction(async (tx) => {
    let changed = 0;
    const regionNames = new Map(VEILIGHEIDSREGIOS.map((r) => [r.code, r.name]));
    for (const [code, name] of parsed.regions) regionNames.set(code, name);
    const neededRegions = new Set([...parsed.regions.keys(), ...parsed.mapping.values()]);
    for (const code of neededRegions) {
      changed += await upsert(
        tx,
        sql`insert into veiligheidsregio (code, name) values (${code}, ${regionNames.get(code)!})
            on conflict (code) do update set name = excluded.name
            where veiligheidsregio.name is distinct from excluded.name`,
      );
    }
    for (const g of parsed.gemeenten.values()) {
      changed += await upsert(
        tx,
        sql`insert into gemeente (code, name, province_code, province_name, valid_from)
            values (${g.code}, ${g.name}, ${g.provinceCode}, ${g.provinceName}, ${from})
            on conflict (code) do update set name = excluded.name,
              province_code = excluded.province_code, province_name = excluded.province_name
            where (gemeente.name, gemeente.province_code, gemeente.province_name)
              is distinct from (excluded.name, excluded.province_code, excluded.province_name)`,
      );
    }
    const issues: Issue[] = [];
    for (const [gm, vr] of parsed.mapping) {
      const exists = await tx.execute(sql`select 1 from gemeente where code = ${gm}`);
      if ((exists as unknown as { rows: unknown[] }).rows.length === 0) {
        issues.push({
          path: gm,
          code: "gemeente_unknown",
          message: `${gm} is mapped to a region but is not a known municipality; import the CBS file too`,
        });
        continue;
      }
      changed += await setRegion(tx, gm, vr, from);
    }
    if (issues.length) throw new ValidationError(issues);
    return {
      gemeenten: parsed.gemeenten.size,
      veiligheidsregios: neededRegions.size,
      mappings: parsed.mapping.size,
      changed,
    };
  });
}

async function upsert(tx: Tx, q: ReturnType<typeof sql>): Promise<number> {
  const r = (await tx.execute(q)) as unknown as { rowCount?: number; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

/** Keeps the open mapping when unchanged; otherwise closes it the day before `from`. */
async function setRegion(tx: Tx, gm: string, vr: string, from: string): Promise<number> {
  const r = (await tx.execute(
    sql`select veiligheidsregio_code as vr, valid_from::text as valid_from
        from gemeente_veiligheidsregio where gemeente_code = ${gm} and valid_to is null`,
  )) as unknown as { rows: { vr: string; valid_from: string }[] };
  const open = r.rows[0];
  if (open?.vr === vr) return 0;
  if (open) {
    if (open.valid_from >= from) {
      throw new ValidationError({
        path: gm,
        code: "mapping_date",
        message: `${gm} has a region mapping from ${open.valid_from}; a change must start later than that`,
      });
    }
    const dayBefore = Temporal.PlainDate.from(from).subtract({ days: 1 }).toString();
    await tx.execute(
      sql`update gemeente_veiligheidsregio set valid_to = ${dayBefore}
          where gemeente_code = ${gm} and valid_to is null`,
    );
  }
  await tx.execute(
    sql`insert into gemeente_veiligheidsregio (gemeente_code, veiligheidsregio_code, valid_from)
        values (${gm}, ${vr}, ${from})`,
  );
  return 1;
}
