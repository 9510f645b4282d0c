/**
 * Rules engine throughput, from facts already in memory to decision records in memory (the
 * engine's input, the result and the receipt: the law's sha256 and the engine version),
 * without and with the full trace; replay of 10,000 stored decisions with the law of their
 * receipt; and a bare loop doing only the arithmetic over the same inputs as the baseline.
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
import {
  jsonDifferences,
  lawbookOfReceipt,
  type Receipt,
  receiptOf,
} from "../src/rules/receipt.js";

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

/** Items per second: the median of five rounds of at least `minMs` each, after a warm-up. */
function measure(run: () => number, items: number, minMs = 400): number {
  run(); // warm-up: let V8 optimise before timing
  run();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    let done = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < minMs) {
      run();
      done += items;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    rounds.push((done / elapsed) * 1000);
  }
  rounds.sort((a, b) => a - b);
  return rounds[2]!;
}

/** A decision as the monthly run keeps it before writing: input, result and receipt. */
interface DecisionRecord {
  householdId: number;
  month: string;
  inputs: EngineHousehold;
  result: ReturnType<typeof computeHouseholdMonth>;
  receipt: Receipt;
}

function decide(
  p: MonthParams,
  households: EngineHousehold[],
  receipt: Receipt,
  trace: boolean,
  from = 0,
  to = households.length,
): DecisionRecord[] {
  const out: DecisionRecord[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const h = households[i]!;
    out[i - from] = {
      householdId: i + 1,
      month: p.month,
      inputs: h,
      result: computeHouseholdMonth(p, h, { trace }),
      receipt,
    };
  }
  return out;
}

/**
 * Decides every household in batches of BATCH records, as the monthly run writes them (one
 * multi-row INSERT per batch): each batch's records are in memory until the next. Measured:
 * with 1,000 records live per batch V8 pretenures the results (they survive the young
 * generation) and the rate falls from about 3 million to 0.7 million per second.
 */
const BATCH = 100;
function decideAll(
  p: MonthParams,
  households: EngineHousehold[],
  receipt: Receipt,
  trace: boolean,
): number {
  let checksum = 0;
  for (let from = 0; from < households.length; from += BATCH) {
    const batch = decide(
      p,
      households,
      receipt,
      trace,
      from,
      Math.min(households.length, from + BATCH),
    );
    checksum += batch.length + batch[batch.length - 1]!.result.leefgeld.paidCents;
  }
  return checksum;
}

export async function runRulesBench(
  print: (name: string, value: number, unit: string) => void,
): Promise<void> {
  const book = getLawbook();
  const receipt = receiptOf(book);
  const p = resolveMonth(book, "2025-11");
  const households = makeHouseholds(p, 100_000);
  let sink = 0;
  const noTrace = measure(() => {
    const c = decideAll(p, households, receipt, false);
    sink += c;
    return c;
  }, households.length);
  const traced = households.slice(0, 20_000);
  const withTrace = measure(() => decideAll(p, traced, receipt, true), traced.length);
  const bare = measure(() => bareLoop(p, households), households.length);

  // Replay: 10,000 decisions stored as JSON (as in the database), recomputed with the law
  // of their receipt (rebuilt from its files, once per hash) and compared with what was
  // decided, trace included.
  const stored = decide(p, households.slice(0, 10_000), receipt, true).map((d) =>
    JSON.parse(JSON.stringify({ ...d, files: undefined })),
  ) as DecisionRecord[];
  const files = book.files;
  const replayOnce = () => {
    let differing = 0;
    for (const d of stored) {
      const law = lawbookOfReceipt(d.receipt.lawHash, files);
      const again = computeHouseholdMonth(resolveMonth(law, d.month), d.inputs, { trace: true });
      if (jsonDifferences(d.result, again).length > 0) differing++;
    }
    return differing;
  };
  const differing = replayOnce();
  const start = process.hrtime.bigint();
  replayOnce();
  const replayMs = Number(process.hrtime.bigint() - start) / 1e6;

  print("rules/decisions-per-second", Math.round(noTrace), "per-second");
  print("rules/decisions-with-trace-per-second", Math.round(withTrace), "per-second");
  print("rules/bare-loop-household-months-per-second", Math.round(bare), "per-second");
  print("rules/trace-slowdown", Math.round((noTrace / withTrace) * 10) / 10, "ratio");
  print("rules/engine-vs-bare-loop", Math.round((bare / noTrace) * 10) / 10, "ratio");
  print("rules/replay-10000-decisions-ms", Math.round(replayMs), "ms");
  print("rules/replay-differing-decisions", differing, "count");
  if (sink < 0) console.log(sink);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runRulesBench((name, value, unit) => console.log(`${name}: ${value} ${unit}`));
}
