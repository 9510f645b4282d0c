import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../test/db";
import { query } from "../../db/connection";
import { ValidationError } from "../../domain/errors";
import { importReference, parseReferenceFiles, readReferenceFiles } from "./gemeenten-import";

const shared = (f: string) => path.resolve(import.meta.dirname, "../../../../shared/data", f);
const CBS = shared("cbs_gemeenten_alfabetisch_2023.csv");
const MAPPING = shared("minvws_gemeente_veiligheidsregio_2023.csv");
const REGIONS = shared("veiligheidsregios.csv");
const JOINED = shared("gemeenten_2023_provincie_veiligheidsregio.csv");

const count = async (d: TestDatabase, table: string) =>
  (await query<{ n: number }>(d.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe(`import gemeenten (${testEngine})`, () => {
  let d: TestDatabase;
  beforeEach(async () => {
    d = await createTestDatabase();
  });
  afterEach(() => d.destroy());

  it("imports the CBS list with the VWS mapping: 342 gemeenten over 25 regions", async () => {
    const parsed = parseReferenceFiles(await readReferenceFiles([CBS, MAPPING, REGIONS]));
    const s = await importReference(d.db, parsed, "2023-01-01");
    expect(s).toMatchObject({ gemeenten: 342, veiligheidsregios: 25, mappings: 342 });
    expect(await count(d, "gemeente")).toBe(342);
    const perRegion = await query<{ code: string; n: number }>(
      d.db,
      sql`select veiligheidsregio_code as code, count(*)::int as n from gemeente_veiligheidsregio group by 1`,
    );
    expect(perRegion).toHaveLength(25);
    expect(perRegion.reduce((a, r) => a + r.n, 0)).toBe(342);
    expect(perRegion.find((r) => r.code === "VR13")?.n).toBe(6);
    const [utrecht] = await query<{ name: string; region: string }>(
      d.db,
      sql`select g.name, v.name as region from gemeente g
          join gemeente_veiligheidsregio m on m.gemeente_code = g.code
          join veiligheidsregio v on v.code = m.veiligheidsregio_code where g.code = 'GM0344'`,
    );
    expect(utrecht).toEqual({ name: "Utrecht", region: "Utrecht" });
  });

  it("is idempotent: the same files a second time change nothing", async () => {
    const parsed = parseReferenceFiles(await readReferenceFiles([JOINED]));
    const first = await importReference(d.db, parsed, "2023-01-01");
    expect(first.changed).toBeGreaterThan(342);
    const second = await importReference(d.db, parsed, "2024-01-01");
    expect(second.changed).toBe(0);
    expect(await count(d, "gemeente_veiligheidsregio")).toBe(342);
  });

  it("dates a change of region: the old mapping ends the day before", async () => {
    await importReference(
      d.db,
      parseReferenceFiles(await readReferenceFiles([JOINED])),
      "2023-01-01",
    );
    const moved = parseReferenceFiles([
      { name: "moved.csv", text: "gemcode,name,vrCode\nGM0344,Utrecht,VR14\n" },
    ]);
    await importReference(d.db, moved, "2025-01-01");
    const rows = await query<{ vr: string; valid_from: string; valid_to: string | null }>(
      d.db,
      sql`select veiligheidsregio_code as vr, valid_from, valid_to from gemeente_veiligheidsregio
          where gemeente_code = 'GM0344' order by valid_from`,
    );
    expect(rows).toEqual([
      { vr: "VR09", valid_from: "2023-01-01", valid_to: "2024-12-31" },
      { vr: "VR14", valid_from: "2025-01-01", valid_to: null },
    ]);
  });

  it("refuses a file with a wrong header, naming the file and the expected headers", () => {
    const run = () => parseReferenceFiles([{ name: "x.csv", text: "code;naam\nGM0344;Utrecht\n" }]);
    expect(run).toThrow(ValidationError);
    try {
      run();
    } catch (e) {
      const issue = (e as ValidationError).issues[0]!;
      expect(issue.path).toBe("x.csv line 1");
      expect(issue.code).toBe("csv_header");
      expect(issue.message).toContain("Gemeentecode,GemeentecodeGM");
    }
  });

  it("reports every bad row with line and field, and writes nothing", async () => {
    const text =
      "gemcode,name,vrCode\nGM0344,Utrecht,VR09\nGM12,Nergens,VR09\nGM0363,Amsterdam,VR99\n";
    try {
      parseReferenceFiles([{ name: "bad.csv", text }]);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([
        "bad.csv line 3 gemcode",
        "bad.csv line 4 vrCode",
      ]);
    }
    expect(await count(d, "gemeente_veiligheidsregio")).toBe(0);
  });

  it("rolls back everything when a mapped municipality is unknown", async () => {
    const parsed = parseReferenceFiles([
      {
        name: "regions.csv",
        text: "vrCode,name,province,municipalityCount\nVR09,Utrecht,Utrecht,26\n",
      },
      { name: "map.csv", text: "gemcode,name,vrCode\nGM0344,Utrecht,VR09\n" },
    ]);
    await expect(importReference(d.db, parsed, "2023-01-01")).rejects.toThrow(/GM0344/);
    expect(await count(d, "veiligheidsregio")).toBe(0);
  });
});
