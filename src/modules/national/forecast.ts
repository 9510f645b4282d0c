/**
 * The inflow forecast (docs/forecast.md): a weekly series of net inflow into reception,
 * forecast for the next weeks with an 80% band, and the back-test of the same method at
 * earlier origins. Pure: numbers in, numbers out.
 *
 * The method: each coming week's net inflow is the mean of the last `window` weeks (a level
 * without trend: the series turns too often for a trend to hold half a year). The band is
 * empirical: the 10th and 90th percentiles of the errors the same method made at the same
 * horizon at every earlier origin, so it is as wide as the method has been wrong, and it
 * uses nothing the origin could not have known.
 */

export const FORECAST_WINDOW = 8;
export const FORECAST_HORIZON = 26;
/** Fewer earlier errors than this at a horizon: no band (too few to say 80%). */
export const MIN_ERRORS_FOR_BAND = 20;
const LOW = 0.1;
const HIGH = 0.9;

export interface Band {
  low: number;
  high: number;
}

export interface WeekForecast {
  /** Weeks after the origin (1 = the first week after the last known one). */
  horizon: number;
  value: number;
  band: Band | null;
}

export interface Forecast {
  level: number;
  weeks: WeekForecast[];
  /** The sum over the horizon, with the band of the method's earlier sums. */
  total: { value: number; band: Band | null };
}

/** The mean of the `window` values before index `end` (exclusive); null if too few. */
export function levelAt(series: readonly number[], end: number, window = FORECAST_WINDOW) {
  if (end < window) return null;
  let sum = 0;
  for (let i = end - window; i < end; i++) sum += series[i]!;
  return sum / window;
}

/** The p-quantile of sorted values, linear between neighbours (as R's type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("no values");
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The errors (actual − forecast) at each horizon 1..h, and of the sums over 1..h, for every
 * origin o with o + h ≤ end: what the method would have known at o, judged by what came.
 */
function pastErrors(series: readonly number[], end: number, horizon: number, window: number) {
  const perHorizon: number[][] = Array.from({ length: horizon }, () => []);
  const sums: number[] = [];
  for (let o = window; o < end; o++) {
    const level = levelAt(series, o, window)!;
    let sum = 0;
    let complete = true;
    for (let h = 1; h <= horizon; h++) {
      const i = o + h - 1;
      if (i >= end) {
        complete = false;
        break;
      }
      perHorizon[h - 1]!.push(series[i]! - level);
      sum += series[i]! - level;
    }
    if (complete) sums.push(sum);
  }
  return { perHorizon, sums };
}

const bandOf = (point: number, errors: number[]): Band | null => {
  if (errors.length < MIN_ERRORS_FOR_BAND) return null;
  const sorted = [...errors].sort((a, b) => a - b);
  return {
    low: round1(point + quantile(sorted, LOW)),
    high: round1(point + quantile(sorted, HIGH)),
  };
};

/**
 * The forecast made after the first `end` weeks of the series (the origin): null when fewer
 * than `window` weeks are known.
 */
export function forecastAt(
  series: readonly number[],
  end = series.length,
  horizon = FORECAST_HORIZON,
  window = FORECAST_WINDOW,
): Forecast | null {
  const level = levelAt(series, end, window);
  if (level === null) return null;
  const { perHorizon, sums } = pastErrors(series, end, horizon, window);
  return {
    level: round1(level),
    weeks: perHorizon.map((errors, i) => ({
      horizon: i + 1,
      value: round1(level),
      band: bandOf(level, errors),
    })),
    total: { value: round1(level * horizon), band: bandOf(level * horizon, sums) },
  };
}

export interface BacktestRow {
  horizon: number;
  /** Origins judged at this horizon. */
  origins: number;
  meanAbsoluteError: number;
  /** Mean of actual − forecast: above 0, the method forecast too little. */
  bias: number;
  /** Share of actual values inside the band, in %, of the origins that had a band. */
  coverage: number | null;
}

/**
 * The method judged at every `step`-th origin whose horizon has passed: per horizon asked,
 * its mean absolute error, bias and how often the 80% band held the actual value.
 */
export function backtest(
  series: readonly number[],
  horizons: readonly number[] = [1, 4, 13, 26],
  step = 4,
  window = FORECAST_WINDOW,
): BacktestRow[] {
  const maxH = Math.max(...horizons);
  return horizons.map((h) => {
    let n = 0;
    let abs = 0;
    let bias = 0;
    let banded = 0;
    let inside = 0;
    for (let o = window; o + h <= series.length; o += step) {
      const f = forecastAt(series, o, maxH, window)!;
      const w = f.weeks[h - 1]!;
      const actual = series[o + h - 1]!;
      n++;
      abs += Math.abs(actual - w.value);
      bias += actual - w.value;
      if (w.band) {
        banded++;
        if (actual >= w.band.low && actual <= w.band.high) inside++;
      }
    }
    return {
      horizon: h,
      origins: n,
      meanAbsoluteError: n ? round1(abs / n) : 0,
      bias: n ? round1(bias / n) : 0,
      coverage: banded ? round1((inside / banded) * 100) : null,
    };
  });
}
