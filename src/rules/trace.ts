/**
 * The trace is the execution: the engine runs each step of a computation through `step`,
 * and when a recorder is given it keeps what the step read (parameters with the date they
 * apply from and their source), its inputs and its result, as it ran. Without a recorder
 * `step` only computes: the bulk path builds no trace and no step inputs.
 *
 * Step texts name parameters, never their values or dates: the values are in `parameters`,
 * and explanations are rendered from the steps by templates (explain.ts).
 */
import type { Interpretation, ResolvedParameter } from "./lawbook.js";
import type { MonthParams } from "./month-params.js";

export interface TraceParameter {
  name: string;
  /** Cents for euro amounts; numbers for integers; texts for dates, rules and decimals. */
  value: number | string;
  unit: string;
  validFrom: string;
  source: string;
  /** The municipality whose recorded policy this value is (CBS code). */
  gemeente?: string;
}

export interface TraceStep {
  step: string;
  /** The formula the step applied, in terms of parameter names. */
  rule: string;
  article: string;
  source: string;
  parameters: TraceParameter[];
  inputs: Record<string, unknown>;
  result: unknown;
  interpretation?: Interpretation;
  note?: string;
}

/** Steps that are Opvang's own method where the RooO leaves it to the municipality. */
export const OPVANG_CHOICE_SOURCE = "https://wetten.overheid.nl/BWBR0046503";

interface ParameterInfo {
  trace: TraceParameter;
  article: string;
  source: string;
  interpretation?: Interpretation;
}

// Per month (and municipality), each parameter's trace form is built once and shared
// (frozen), so a trace costs little more than its own step objects.
const infoCaches = new WeakMap<MonthParams, Map<string, ParameterInfo>>();

function infoOf(p: MonthParams, name: string): ParameterInfo | null {
  let c = infoCaches.get(p);
  if (!c) {
    c = new Map();
    infoCaches.set(p, c);
  }
  let info = c.get(name);
  if (info) return info;
  const r: ResolvedParameter | null | undefined = p.refs[name];
  if (!r) return null;
  const v = r.version.value;
  const trace: TraceParameter = {
    name,
    value: typeof v === "object" && v !== null ? (r.version.text ?? "") : (v as number | string),
    unit: r.parameter.unit === "euro" ? "cents" : r.parameter.unit,
    validFrom: r.version.validFrom,
    source: r.version.source,
  };
  if (r.version.gemeente) trace.gemeente = r.version.gemeente;
  info = {
    trace: Object.freeze(trace) as TraceParameter,
    article: `${r.parameter.regulation}, ${r.parameter.article}`,
    source: r.version.source,
  };
  if (r.version.interpretation) info.interpretation = r.version.interpretation;
  c.set(name, info);
  return info;
}

interface StepCitation {
  parameters: TraceParameter[];
  article: string;
  source: string;
  interpretation?: Interpretation;
}

// Keyed by the (static, frozen) list of parameter names a step reads.
const citationCaches = new WeakMap<MonthParams, Map<readonly string[], StepCitation>>();

/**
 * What a step cites: the parameters it reads in force this month, the article and source of
 * the first of them, and the first interpretation among them. A step on Opvang's own method
 * cites the regulation that leaves it open.
 */
function citationOf(p: MonthParams, uses: readonly string[]): StepCitation {
  let c = citationCaches.get(p);
  if (!c) {
    c = new Map();
    citationCaches.set(p, c);
  }
  let citation = c.get(uses);
  if (citation) return citation;
  const parameters: TraceParameter[] = [];
  let first: ParameterInfo | null = null;
  let interpretation: Interpretation | undefined;
  for (const n of uses) {
    const info = infoOf(p, n);
    if (!info) continue;
    parameters.push(info.trace);
    first ??= info;
    interpretation ??= info.interpretation;
  }
  citation = {
    parameters: Object.freeze(parameters) as TraceParameter[],
    article: first?.article ?? "Opvang",
    source: first?.source ?? OPVANG_CHOICE_SOURCE,
  };
  if (interpretation) citation.interpretation = interpretation;
  c.set(uses, citation);
  return citation;
}

/** Keeps the steps of one computation as they run. */
export class TraceRecorder {
  readonly steps: TraceStep[] = [];
  constructor(private readonly p: MonthParams) {}

  record(
    id: string,
    rule: string,
    uses: readonly string[],
    inputs: Record<string, unknown>,
    result: unknown,
    note?: string,
  ): void {
    const c = citationOf(this.p, uses);
    const step: TraceStep = {
      step: id,
      rule,
      article: c.article,
      source: c.source,
      parameters: c.parameters,
      inputs,
      result,
    };
    if (c.interpretation) step.interpretation = c.interpretation;
    if (note) step.note = note;
    this.steps.push(step);
  }
}

/**
 * Runs one step: `compute` always, and with a recorder it records the step's inputs
 * (built only then) and result. Returns what `compute` returned.
 */
export function step<R>(
  rec: TraceRecorder | null,
  id: string,
  rule: string,
  uses: readonly string[],
  inputs: () => Record<string, unknown>,
  compute: () => R,
  note?: (result: R) => string | undefined,
): R {
  const result = compute();
  if (rec !== null) rec.record(id, rule, uses, inputs(), result, note?.(result));
  return result;
}

const ymdTexts = new Map<number, string>();

/** yyyymmdd → YYYY-MM-DD; cached, as the same birth dates recur across households. */
export function ymdText(ymd: number): string {
  let text = ymdTexts.get(ymd);
  if (text === undefined) {
    const s = String(ymd).padStart(8, "0");
    text = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    if (ymdTexts.size < 100_000) ymdTexts.set(ymd, text);
  }
  return text;
}
