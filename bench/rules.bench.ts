/**
 * Rules engine throughput: household-months per second without trace, with trace, and a bare
 * loop doing only the arithmetic over the same inputs as the baseline.
 * Standalone: `npx tsx bench/rules.bench.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulRatio } from "../src/domain/money.js";
import {
  computeHouseholdMonth,
  type EngineHousehold,
  type EngineMember,
} from "../src/rules/household-month.js";
import { getLawbook } from "../src/rules/lawbook.js";
import { type MonthParams, type Reception, resolveMonth } from "../src/rules/month-params.js";

const RECEPTIONS: Reception[] = ["goo", "goo", "goo", "goo-catering", "poo"];

/** Deterministic synthetic households (LCG), shaped like the national demo. */
function makeHouseholds(p: MonthParams, count: number): EngineHousehold[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const out: EngineHousehold[] = [];
  for (let i = 0; i < count; i++) {
    const adults = rnd() < 0.3 ? 1 : 2;
    const children = Math.floor(rnd() * 4);
    const members: EngineMember[] = [];
    for (let a = 0; a < adults; a++) {
      members.push({
        birthYmd: (1960 + Math.floor(rnd() * 40)) * 10000 + 101 + Math.floor(rnd() * 11) * 100,
        days: rnd() < 0.05 ? 15 : p.daysInMonth,
        netIncomeCents: rnd() < 0.61 ? Math.floor(rnd() * 250000) : 0,
      });
    }
    for (let c = 0; c < children; c++) {
      members.push({
        birthYmd: (p.year - 1 - Math.floor(rnd() * 17)) * 10000 + 301,
        days: p.daysInMonth,
        netIncomeCents: 0,
      });
    }
    out.push({ reception: RECEPTIONS[i % RECEPTIONS.length]!, members });
  }
  return out;
}

/** The same arithmetic as the engine, inlined, without result objects: the floor. */
function bareLoop(p: MonthParams, households: EngineHousehold[]): number {
  let checksum = 0;
  const first = p.firstDayYmd;
  const f = p.thresholdFactor!;
  for (const h of households) {
    const ms = h.members;
    const size = ms.length;
    const band = size <= 2 ? 0 : size === 3 ? 1 : 2;
    let adults = 0;
    for (const m of ms) if (m.birthYmd + 180000 <= first) adults++;
    let L = 0;
    let I = 0;
    let earners = 0;
    for (const m of ms) {
      const adult = m.birthYmd + 180000 <= first;
      const aa = adult || adults === 0;
      let eet =
        h.reception === "goo-catering" ? 0 : aa ? p.eetgeldAdult[band] : p.eetgeldMinor[band];
      let kleed = p.kleedgeld;
      let woon = h.reception === "poo" ? (aa ? p.wooncomponentAdult : p.wooncomponentMinor) : 0;
      const days = m.days;
      if (days !== p.daysInMonth) {
        eet = mulRatio(eet, days, p.daysInMonth);
        kleed = mulRatio(kleed, days, p.daysInMonth);
        woon = mulRatio(woon, days, p.daysInMonth);
      }
      L += eet + kleed + woon;
      if (adult && m.netIncomeCents > 0) {
        I += m.netIncomeCents;
        earners++;
      }
    }
    const counted = Math.min(earners, 2);
    const E =
      h.reception === "poo"
        ? 0
        : p.eigenBijdragePerAdult * counted +
          (h.reception === "goo-catering" ? p.cateringPerAdult * counted : 0);
    const T = Math.min(L + E, mulRatio(I, f.denominator, f.numerator));
    const withdrawn = Math.min(L, T);
    checksum += L - withdrawn + (T - withdrawn);
  }
  return checksum;
}

function measure(run: () => number, items: number, minMs = 1000): number {
  run(); // warm-up: let V8 optimise before timing
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    run();
    done += items;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (done / elapsed) * 1000;
}

export async function runRulesBench(
  print: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const p = resolveMonth(getLawbook(), "2025-11");
  const households = makeHouseholds(p, 100_000);
  const noTrace = measure(() => {
    let s = 0;
    for (const h of households) s += computeHouseholdMonth(p, h).leefgeld.paidCents;
    return s;
  }, households.length);
  const traced = households.slice(0, 20_000);
  const withTrace = measure(() => {
    let s = 0;
    for (const h of traced) s += computeHouseholdMonth(p, h, { trace: true }).trace!.length;
    return s;
  }, traced.length);
  const bare = measure(() => bareLoop(p, households), households.length);
  print("rules/household-months-per-second", Math.round(noTrace), "per-second");
  print("rules/with-trace-household-months-per-second", Math.round(withTrace), "per-second");
  print("rules/bare-loop-household-months-per-second", Math.round(bare), "per-second");
  print("rules/trace-slowdown", Math.round((noTrace / withTrace) * 10) / 10, "ratio");
  print("rules/engine-vs-bare-loop", Math.round((bare / noTrace) * 10) / 10, "ratio");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runRulesBench((name, value, unit) => console.log(`${name}: ${value} ${unit}`));
}
