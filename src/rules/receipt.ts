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

/** Differences between two JSON values as "path: before → after" lines (empty: identical). */
export function jsonDifferences(before: unknown, after: unknown, path = ""): string[] {
  if (Object.is(before, after)) return [];
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
