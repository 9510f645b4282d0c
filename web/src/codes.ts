import type { TFunction } from "i18next";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type ParsedReason, parseReason } from "../../src/domain/reasons";
import { formatDate, formatMonth, formatNumber } from "./format";

/**
 * Codes the server stores, in the reader's language: audit actions, entity types and
 * reasons (src/domain/reasons.ts), membership and placement reasons. Their texts are in the
 * shell catalog under `codes.*`, so every page (the audit log, the household page) shows
 * them the same way. A reason a caseworker typed is free text and is shown as typed.
 */

export {
  AUDIT_ENTITY_TYPES,
  AUDIT_REASON_CODES,
  AUDIT_REASONS,
  MEMBERSHIP_REASONS,
  PLACEMENT_REASONS,
} from "../../src/domain/reasons";

/** Reasons stored in English before they were codes, read as the codes they meant. */
const LEGACY: [RegExp, (m: RegExpExecArray) => ParsedReason][] = [
  [
    /^search by (bsn|vNumber|name|location)$/,
    (m) => ({
      code: `search_by_${m[1] === "vNumber" ? "v_number" : m[1]}`,
      params: {},
    }),
  ],
  [/^month (\d{4}-\d{2})$/, (m) => ({ code: "month", params: { month: m[1]! } })],
  [/^decision (\d{4}-\d{2})/, (m) => ({ code: "decision", params: { month: m[1]! } })],
  [/^explanation \((nl|uk|en)\)$/, (m) => ({ code: "explanation", params: { lang: m[1]! } })],
  [/^decisions of the household$/, () => ({ code: "decisions_of_household", params: {} })],
  [/^changes with effect$/, () => ({ code: "changes_with_effect", params: {} })],
  [/^replay with today's law$/, () => ({ code: "replay_current_law", params: {} })],
  [/^replay with the decision's law$/, () => ({ code: "replay_decision_law", params: {} })],
  [
    /^(manual|run|correction) (\d{4}-\d{2}): ([\s\S]*)$/,
    (m) => ({ code: "decide", params: { kind: m[1]!, month: m[2]!, note: m[3]! } }),
  ],
  [
    /^Inlichtingenbureau income file, lines (\d+)-(\d+)$/,
    (m) => ({ code: "income_file_lines", params: { first: Number(m[1]), last: Number(m[2]) } }),
  ],
  [
    /^Inlichtingenbureau income file(?: \(dry run\))?: (\d+) rows, (\d+) matched \((\d+) inserted, (\d+) updated, (\d+) unchanged\), (\d+) skipped; (\d+) persons affected$/,
    (m) => ({
      code: "income_import",
      params: {
        rows: Number(m[1]),
        matched: Number(m[2]),
        inserted: Number(m[3]),
        updated: Number(m[4]),
        unchanged: Number(m[5]),
        skipped: Number(m[6]),
        persons: Number(m[7]),
      },
    }),
  ],
  [/^turned 18: own household$/, () => ({ code: "turned_18_own_household", params: {} })],
  [/^turned 18$/, () => ({ code: "turned_18", params: {} })],
  [/^location closed$/, () => ({ code: "location_closed", params: {} })],
  [/^moved from private reception$/, () => ({ code: "moved_from_private_reception", params: {} })],
  [/^moved to private reception$/, () => ({ code: "moved_to_private_reception", params: {} })],
  [
    /^moved to a location that suits the household better$/,
    () => ({ code: "moved_better_fit", params: {} }),
  ],
  [/^moved within the municipality$/, () => ({ code: "moved_within_municipality", params: {} })],
  [/^medical reasons$/, () => ({ code: "medical", params: {} })],
  [/^nuisance: moved to another location$/, () => ({ code: "nuisance", params: {} })],
  [/^(\w+) → (\w+)$/, (m) => ({ code: "return_status", params: { from: m[1]!, to: m[2]! } })],
];

/** A stored reason as a code with its values, or null for a caseworker's own text. */
export function readReason(text: string | null | undefined): ParsedReason | null {
  const parsed = parseReason(text);
  if (parsed || !text) return parsed;
  for (const [pattern, read] of LEGACY) {
    const m = pattern.exec(text);
    if (m) return read(m);
  }
  return null;
}

/** The parameters of a reason as they read in `language` (months, numbers, codes). */
function paramTexts(t: TFunction, parsed: ParsedReason, language: string) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.params)) {
    if (typeof value === "number") out[name] = formatNumber(value, language);
    else if (name === "month") out[name] = formatMonth(value, language);
    else if (name === "date") out[name] = formatDate(value, language);
    else if (name === "lang") out[name] = t(`codes.languages.${value}`, { defaultValue: value });
    else if (name === "kind")
      out[name] = t(`codes.decisionKinds.${value}`, { defaultValue: value });
    else if (name === "from" || name === "to")
      out[name] = t(`codes.returnStatuses.${value}`, { defaultValue: value });
    else out[name] = value;
  }
  return out;
}

/**
 * A stored reason in the reader's language: a code's text (with its values), or the text a
 * caseworker typed, as typed. Null when there is no reason.
 */
export function reasonText(
  t: TFunction,
  reason: string | null | undefined,
  language: string,
): string | null {
  if (!reason) return null;
  const parsed = readReason(reason);
  if (!parsed) return reason;
  const key = `codes.reasons.${parsed.code}`;
  return t(key, { ...paramTexts(t, parsed, language), defaultValue: reason });
}

/**
 * A code of an audit record's group: `actions`, `entities` or `fields`. Every code this
 * server stores has a text (codes.test.ts); one it does not know (written by a newer
 * version) is shown as it is, as the audit log always did, so that it can be looked up.
 */
export function codeText(t: TFunction, group: string, code: string): string {
  return t(`codes.${group}.${code}`, { defaultValue: code });
}

/** An audit action's text. */
export const actionText = (t: TFunction, action: string) => codeText(t, "actions", action);

/** An audit record's entity type. */
export const entityText = (t: TFunction, entityType: string) => codeText(t, "entities", entityType);

/**
 * The shell's code texts for a component of any namespace:
 * `const codes = useCodeTexts(); codes.reason(m.reason)`.
 */
export function useCodeTexts() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const reason = useCallback(
    (text: string | null | undefined) => reasonText(t, text, language),
    [t, language],
  );
  return useMemo(
    () => ({
      reason,
      action: (code: string) => actionText(t, code),
      entity: (code: string) => entityText(t, code),
      /** Any group: `codes.code("fields", "netCents")`. */
      code: (group: string, code: string) => codeText(t, group, code),
    }),
    [reason, t],
  );
}
