/** A whole number over named parts in code order, as equal as whole units allow. */
export function equalShares(total: number, codes: readonly string[]): Map<string, number> {
  const sorted = [...codes].sort();
  const base = Math.floor(total / sorted.length);
  const rest = total - base * sorted.length;
  return new Map(sorted.map((code, i) => [code, base + (i < rest ? 1 : 0)]));
}
