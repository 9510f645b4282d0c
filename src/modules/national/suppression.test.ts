import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blocks,
  type CountCell,
  groupOf,
  isPrimary,
  leaveOut,
  type Reason,
  suppressWeek,
  type WeekRow,
} from "./suppression";

const UP_TO = 4;
const code = (i: number) => `GM${String(i + 1).padStart(4, "0")}`;
/** One group's column: GM0001, GM0002, … with these counts. */
const column = (...counts: number[]): CountCell[] =>
  counts.map((count, i) => ({ code: code(i), count }));
const leftOut = (cells: readonly CountCell[]) =>
  Object.fromEntries([...leaveOut(cells, UP_TO)].sort(([a], [b]) => a.localeCompare(b)));

/**
 * For each left-out cell, the values it takes over every table an outsider cannot tell
 * from this one: the same published cells, the same group total and, by the rule, the same
 * cells left out. One value: the cell is given back.
 */
function valuesSeen(cells: readonly CountCell[]): Map<string, Set<number>> {
  const out = leaveOut(cells, UP_TO);
  const hidden = cells.filter((c) => out.has(c.code));
  const seen = new Map(hidden.map((c) => [c.code, new Set<number>()]));
  const values: number[] = [];
  const fill = (i: number, rest: number) => {
    if (i === hidden.length - 1) {
      values[i] = rest;
      const other = cells.map((c) => {
        const j = hidden.indexOf(c);
        return j < 0 ? c : { code: c.code, count: values[j]! };
      });
      const again = leaveOut(other, UP_TO);
      if (again.size === out.size && [...again.keys()].every((k) => out.has(k))) {
        for (const [j, c] of hidden.entries()) seen.get(c.code)!.add(values[j]!);
      }
      return;
    }
    for (let v = 0; v <= rest; v++) {
      values[i] = v;
      fill(i + 1, rest - v);
    }
  };
  if (hidden.length)
    fill(
      0,
      hidden.reduce((sum, c) => sum + c.count, 0),
    );
  return seen;
}

describe("secondary suppression within a group and a column", () => {
  it("one count from 1 to 4 gets a partner: the smallest count above 4", () => {
    // Without GM0004 the group total minus the published counts would be GM0002's 3.
    expect(leftOut(column(120, 3, 17, 9, 0))).toEqual({
      GM0002: "primary",
      GM0004: "complementary",
    });
  });

  it("two or more that the total cannot pin stay as they are", () => {
    expect(leftOut(column(120, 3, 2, 9))).toEqual({ GM0002: "primary", GM0003: "primary" });
    expect(leftOut(column(1, 4, 50, 0))).toEqual({ GM0001: "primary", GM0002: "primary" });
    expect(leftOut(column(2, 2, 2, 50))).toEqual({
      GM0001: "primary",
      GM0002: "primary",
      GM0003: "primary",
    });
  });

  it("all 1 or all 4 would be given back by their sum: they get a partner too", () => {
    expect(leftOut(column(1, 30, 1, 8))).toEqual({
      GM0001: "primary",
      GM0003: "primary",
      GM0004: "complementary",
    });
    expect(leftOut(column(4, 4, 12, 40))).toEqual({
      GM0001: "primary",
      GM0002: "primary",
      GM0003: "complementary",
    });
  });

  it("ties: every cell with the smallest count above 4, whatever their codes", () => {
    expect(leftOut(column(7, 30, 7, 3))).toEqual({
      GM0001: "complementary",
      GM0003: "complementary",
      GM0004: "primary",
    });
    // With only the lower code of the two 7s left out, GM0004 could not be the partner
    // (the rule would have taken GM0001), so the 7 and the 3 would both be known.
    const seen = valuesSeen(column(7, 30, 7, 3));
    for (const [cell, values] of seen) expect(values.size, cell).toBeGreaterThan(1);
  });

  it("nothing above 4: a lone primary is left out with its pair of municipalities by code", () => {
    expect(leftOut(column(0, 2, 0, 0))).toEqual({ GM0001: "complementary", GM0002: "primary" });
    expect(leftOut(column(0, 0, 0, 2))).toEqual({ GM0003: "complementary", GM0004: "primary" });
    // Five: the last three are a block.
    expect(leftOut(column(0, 0, 0, 0, 1))).toEqual({
      GM0003: "complementary",
      GM0004: "complementary",
      GM0005: "primary",
    });
    // The first 0 by code would not do: GM0002's published 0 would say GM0003 is the 2.
    const lowest = new Map<string, Reason>([
      ["GM0001", "complementary"],
      ["GM0003", "primary"],
    ]);
    expect(leaveOut(column(0, 0, 2, 0), UP_TO)).not.toEqual(lowest);
  });

  it("nothing above 4 and all 1 (or all 4): the whole group is left out", () => {
    expect(leftOut(column(1, 0, 0, 1, 0))).toEqual({
      GM0001: "primary",
      GM0002: "complementary",
      GM0003: "complementary",
      GM0004: "primary",
      GM0005: "complementary",
    });
    expect(Object.keys(leftOut(column(0, 4, 4)))).toHaveLength(3);
    // Not just the primaries' pairs: with those (GM0001 to GM0004) each would be a 1.
    expect(Object.keys(leftOut(column(1, 1, 1, 1, 0, 0)))).toHaveLength(6);
  });

  it("what remains: a group of one, and a group of four or more all 1", () => {
    expect(leftOut(column(3))).toEqual({ GM0001: "primary" });
    expect(leftOut(column(0))).toEqual({});
    for (const cells of [column(3), column(1, 1, 1, 1), column(1, 1, 1, 1, 1)]) {
      for (const values of valuesSeen(cells).values()) expect(values.size).toBe(1);
    }
    // Two or three all 1 still hold: one 2 or 3 with its pair would look the same.
    for (const cells of [column(1, 1), column(1, 1, 1), column(4, 4)]) {
      for (const values of valuesSeen(cells).values()) expect(values.size).toBeGreaterThan(1);
    }
  });

  it("the example in docs/open-data.md", () => {
    expect(leftOut(column(12, 3, 0, 7, 40))).toEqual({
      GM0002: "primary",
      GM0004: "complementary",
    });
    expect(leftOut(column(0, 0, 2, 0, 0))).toEqual({
      GM0003: "primary",
      GM0004: "complementary",
      GM0005: "complementary",
    });
  });

  it("nothing to leave out without a count from 1 to 4", () => {
    expect(leftOut(column(0, 0, 5, 120))).toEqual({});
  });

  it("blocks: pairs by code, the last three together when odd", () => {
    const codes = (n: number) =>
      blocks(column(...Array<number>(n).fill(0)).reverse()).map((b) => b.map((c) => c.code));
    expect(codes(1)).toEqual([["GM0001"]]);
    expect(codes(2)).toEqual([["GM0001", "GM0002"]]);
    expect(codes(3)).toEqual([["GM0001", "GM0002", "GM0003"]]);
    expect(codes(4)).toEqual([
      ["GM0001", "GM0002"],
      ["GM0003", "GM0004"],
    ]);
    expect(codes(5)).toEqual([
      ["GM0001", "GM0002"],
      ["GM0003", "GM0004", "GM0005"],
    ]);
  });
});

type Column = "registered" | "inGoo" | "inPoo" | "placesRealised" | "placesOccupied";
const COLUMNS: Column[] = ["registered", "inGoo", "inPoo", "placesRealised", "placesOccupied"];

const row = (
  i: number,
  provinceCode: string | null,
  regionCode: string | null,
  counts: Omit<Record<Column, number>, "placesOccupied">,
): WeekRow<Column> => ({
  code: code(i),
  provinceCode,
  regionCode,
  counts: { ...counts, placesOccupied: counts.inGoo },
});

describe("secondary suppression of a week", () => {
  it("groups: each region within its province, and per province the municipalities without one", () => {
    const counts = (registered: number) => ({
      registered,
      inGoo: 0,
      inPoo: 0,
      placesRealised: 0,
    });
    const week = [
      row(0, "PV20", "VR01", counts(2)),
      row(1, "PV20", "VR01", counts(50)),
      row(2, "PV20", "VR02", counts(30)),
      row(3, "PV20", null, counts(3)),
      row(4, "PV20", null, counts(8)),
      row(5, "PV21", null, counts(9)),
    ];
    const left = suppressWeek(week, COLUMNS, UP_TO);
    const registered = [...left].filter(([, c]) => c.has("registered")).map(([k]) => k);
    // VR02's 30 is not a partner of VR01's 2; PV21's 9 not of PV20's 3 without a region.
    expect(registered.sort()).toEqual(["GM0001", "GM0002", "GM0004", "GM0005"]);
    expect(groupOf(week[3]!)).not.toBe(groupOf(week[5]!));
  });

  it("places_occupied equals in_goo, and is left out in the same cells", () => {
    const week = [
      row(0, "PV27", "VR09", { registered: 651, inGoo: 519, inPoo: 151, placesRealised: 539 }),
      row(1, "PV27", "VR09", { registered: 3, inGoo: 2, inPoo: 1, placesRealised: 3 }),
      row(2, "PV27", "VR09", { registered: 40, inGoo: 12, inPoo: 0, placesRealised: 12 }),
    ];
    const left = suppressWeek(week, COLUMNS, UP_TO);
    for (const r of week) {
      expect(left.get(r.code)?.get("placesOccupied"), r.code).toBe(left.get(r.code)?.get("inGoo"));
    }
    expect(left.get("GM0003")?.get("inGoo")).toBe("complementary");
  });

  const cellCount = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
    { weight: 3, arbitrary: fc.integer({ min: 5, max: 9 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 500 }) },
  );
  const week = fc
    .array(
      fc.record({
        province: fc.constantFrom("PV20", "PV21", null),
        region: fc.constantFrom("VR01", "VR02", "VR03", null),
        registered: cellCount,
        inGoo: cellCount,
        inPoo: cellCount,
        placesRealised: cellCount,
      }),
      { minLength: 1, maxLength: 40 },
    )
    .map((rows) =>
      rows.map(({ province, region, ...counts }, i) => row(i, province, region, counts)),
    );

  it("property: every primary is left out, and no group and column leaves out exactly one", () => {
    fc.assert(
      fc.property(week, (rows) => {
        const left = suppressWeek(rows, COLUMNS, UP_TO);
        const reason = (r: WeekRow<Column>, c: Column) => left.get(r.code)?.get(c);
        const size = new Map<string, number>();
        for (const r of rows) size.set(groupOf(r), (size.get(groupOf(r)) ?? 0) + 1);
        const perGroup = new Map<string, number>();
        for (const r of rows) {
          for (const c of COLUMNS) {
            const n = r.counts[c];
            const why = reason(r, c);
            expect(why === "primary").toBe(isPrimary(n, UP_TO));
            if (why === "complementary") expect(n === 0 || n > UP_TO).toBe(true);
            const key = `${groupOf(r)} ${c}`;
            perGroup.set(key, (perGroup.get(key) ?? 0) + (why ? 1 : 0));
          }
          expect(reason(r, "placesOccupied")).toBe(reason(r, "inGoo"));
        }
        // A group of one municipality is what remains: its total is its count.
        const many = (key: string) => size.get(key.split(" ")[0]!)! > 1;
        for (const [key, n] of perGroup) if (many(key)) expect(n, key).not.toBe(1);
        // The nation, a union of groups, holds too.
        for (const c of COLUMNS) {
          const nation = rows.filter((r) => size.get(groupOf(r))! > 1 && reason(r, c));
          expect(nation.length).not.toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("no left-out count is given back, short of what remains: every small group", () => {
    const every = (n: number, values: number[]) =>
      Array.from({ length: values.length ** n }, (_, x) =>
        Array.from(
          { length: n },
          (_, i) => values[Math.floor(x / values.length ** i) % values.length]!,
        ),
      );
    const tables = [2, 3, 4].flatMap((n) => every(n, [0, 1, 2, 3, 4, 5, 6, 7]));
    // Larger groups over fewer values: pairs full of 1s beside pairs of 0s (1,1,1,1,0,0).
    tables.push(...[5, 6].flatMap((n) => every(n, [0, 1, 5])));
    for (const counts of tables) {
      if (counts.length >= 4 && counts.every((c) => c === 1)) continue;
      for (const [cell, values] of valuesSeen(column(...counts))) {
        if (values.size < 2) expect.fail(`${counts.join(",")}: ${cell} is given back`);
      }
    }
  });

  it("property: the same for larger groups", () => {
    const small = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 3, arbitrary: fc.integer({ min: 5, max: 8 }) },
    );
    fc.assert(
      fc.property(fc.array(small, { minLength: 5, maxLength: 7 }), (counts) => {
        if (counts.every((n) => n === 1)) return;
        for (const [cell, values] of valuesSeen(column(...counts))) {
          expect(values.size, `${counts.join(",")}: ${cell}`).toBeGreaterThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
