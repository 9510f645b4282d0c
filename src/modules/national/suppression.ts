/**
 * Secondary suppression of the open data (docs/open-data.md, "Suppression"): which counts
 * of a week to leave out so that no count from 1 to `upTo` (primary) can be given back
 * from the published cells and the published totals, even by someone replaying this rule.
 *
 * Totals are published per safety region, per province (with a unit for its municipalities
 * without a region) and for the nation. Each is a union of groups: the municipalities of
 * one region within one province (the region, as no region crosses a province border), or
 * of one province without a region. A group that leaves out no count of a column, or at
 * least two that its total cannot tell apart, keeps every union of groups safe too.
 *
 * What remains: a group of one municipality shows its count in its total; a group of four
 * or more whose counts in a column are all 1 gives them back through its total; bounds from
 * inequalities between columns (in_goo ≤ places_realised) are not guarded.
 */

export type Reason = "primary" | "complementary";

export interface CountCell {
  /** CBS code. */
  code: string;
  count: number;
}

export interface WeekRow<C extends string> {
  /** CBS code. */
  code: string;
  /** The municipality's safety region on the week's Sunday; null: none. */
  regionCode: string | null;
  provinceCode: string | null;
  counts: Record<C, number>;
}

export const isPrimary = (n: number, upTo: number) => n >= 1 && n <= upTo;

/** The group a municipality's counts are protected in: its region within its province. */
export const groupOf = (row: { regionCode: string | null; provinceCode: string | null }) =>
  `${row.provinceCode ?? "-"}/${row.regionCode ?? "-"}`;

const byCode = (a: { code: string }, b: { code: string }) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/**
 * The group's municipalities in pairs by CBS code (first and second, third and fourth, …;
 * the last three together when their number is odd), fixed by the codes alone, so that a
 * primary and its 0 partner could be either way round.
 */
export function blocks<T extends { code: string }>(cells: readonly T[]): T[][] {
  const sorted = [...cells].sort(byCode);
  const out: T[][] = [];
  for (let i = 0; i < sorted.length; i += 2) out.push(sorted.slice(i, i + 2));
  const last = out.at(-1);
  if (out.length > 1 && last?.length === 1) out[out.length - 2]!.push(out.pop()![0]!);
  return out;
}

/**
 * The cells of one group and one column to leave out, with why: the primaries; and when
 * their total would give them back (one alone, or all 1, or all `upTo`) also the cells with
 * the smallest count above `upTo` (all that share it: a code order among equals would tell
 * the partner from the primary); with none above `upTo`, a lone primary's pair (`blocks`),
 * or else the whole group, as any one 0 picked by an order could be told from a primary.
 */
export function leaveOut(cells: readonly CountCell[], upTo: number): Map<string, Reason> {
  const out = new Map<string, Reason>();
  const primary = cells.filter((c) => isPrimary(c.count, upTo));
  for (const c of primary) out.set(c.code, "primary");
  const givenBack =
    primary.length === 1 ||
    primary.every((c) => c.count === 1) ||
    primary.every((c) => c.count === upTo);
  if (!primary.length || !givenBack) return out;
  const above = cells.filter((c) => c.count > upTo);
  if (above.length) {
    const least = Math.min(...above.map((c) => c.count));
    for (const c of above) if (c.count === least) out.set(c.code, "complementary");
    return out;
  }
  const partners =
    primary.length === 1
      ? blocks(cells).find((b) => b.some((c) => c.code === primary[0]!.code))!
      : cells;
  for (const c of partners) if (!out.has(c.code)) out.set(c.code, "complementary");
  return out;
}

/**
 * The counts of one week to leave out: per municipality code, the columns and why. Each
 * column on its own; columns with the same counts (in_goo, places_occupied) get the same.
 */
export function suppressWeek<C extends string>(
  rows: readonly WeekRow<C>[],
  columns: readonly C[],
  upTo: number,
): Map<string, Map<C, Reason>> {
  const groups = new Map<string, WeekRow<C>[]>();
  for (const row of rows) {
    const key = groupOf(row);
    const members = groups.get(key);
    if (members) members.push(row);
    else groups.set(key, [row]);
  }
  const out = new Map<string, Map<C, Reason>>();
  for (const members of groups.values()) {
    for (const column of columns) {
      const cells = members.map((r) => ({ code: r.code, count: r.counts[column] }));
      for (const [code, reason] of leaveOut(cells, upTo)) {
        let row = out.get(code);
        if (!row) {
          row = new Map();
          out.set(code, row);
        }
        row.set(column, reason);
      }
    }
  }
  return out;
}
