/** The p-quantile (0..1) of the values by nearest rank; 0.5 gives the median of an odd count. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
