/**
 * The receipt of a decision: which law (the sha256 of law/ and the files themselves) and
 * which engine computed it, so that a decision can be recomputed years later with the law
 * it was made under and compared with what was decided.
 */
import type { Lawbook, LawFile } from "./lawbook.js";
import { lawbookFromFiles } from "./lawbook.js";

/**
 * The engine's version: raise it whenever a formula in src/rules changes what it computes
 * for the same law and inputs. A replay names both versions when they differ.
 */
export const ENGINE_VERSION = "2026.12.1";

export interface Receipt {
  lawHash: string;
  engineVersion: string;
}

export function receiptOf(lawbook: Lawbook): Receipt {
  if (!lawbook.hash) throw new Error("a lawbook built without its files has no receipt");
  return { lawHash: lawbook.hash, engineVersion: ENGINE_VERSION };
}

const byHash = new Map<string, Lawbook>();

/**
 * The lawbook of a stored receipt, from the files stored with it; refuses files whose hash
 * is not the receipt's (a tampered or mixed-up snapshot).
 */
export function lawbookOfReceipt(lawHash: string, files: readonly LawFile[]): Lawbook {
  const hit = byHash.get(lawHash);
  if (hit) return hit;
  const book = lawbookFromFiles(files);
  if (book.hash !== lawHash) {
    throw new Error(`law snapshot does not match its hash ${lawHash} (got ${book.hash})`);
  }
  if (byHash.size > 32) byHash.clear();
  byHash.set(lawHash, book);
  return book;
}

/**
 * Whether two values are equal as JSON: a key whose value is undefined counts as absent (JSON
 * drops it), so a stored decision compares equal to a fresh result without a round trip.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    if (!jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}

/** Differences between two JSON values as "path: before → after" lines (empty: identical). */
export function jsonDifferences(before: unknown, after: unknown, path = ""): string[] {
  if (Object.is(before, after) || (path === "" && jsonEqual(before, after))) return [];
  if (before === undefined && after === undefined) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const k of keys) {
      out.push(...jsonDifferences(before[k], after[k], path ? `${path}.${k}` : k));
    }
    return out;
  }
  return [`${path || "(root)"}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
}
