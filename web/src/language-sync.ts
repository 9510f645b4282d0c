import { isLanguage, type Language } from "./i18n";

/**
 * Keeps the signed-in user's language on the server in step with their last choice.
 *
 * The language switch used to send a PUT per click and to take the language of any
 * GET /api/auth/me answer: with quick clicks the saves crossed (an earlier choice arriving
 * last) and a slow GET answering with the old language switched the page back (3 of 78
 * switches). So:
 * - saves go one at a time; a choice made while one is on its way is saved after it (the
 *   choices in between are skipped), so the last choice is the last one the server gets;
 * - an answer of GET /api/auth/me sent before a choice does not undo that choice;
 * - a choice not yet saved is remembered in localStorage (with the user's id), so a reload
 *   before its save arrives keeps it and saves it then.
 */

/** Where a choice that the server may not have yet is kept, for the user who made it. */
export const PENDING_LANGUAGE_KEY = "opvang.lang.pending";

export interface LanguageSaverOptions {
  save: (language: Language) => Promise<unknown>;
  /** The server has the last choice. */
  onSaved?: (language: Language) => void;
  /** A save failed; the choice stays pending and is tried again with the next one. */
  onFailed?: () => void;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
}

export interface LanguageSaver {
  /** A counter of choices; `adopt` compares it to see whether one came after a request. */
  mark(): number;
  /**
   * A user's record arrived (sign-in, GET /api/auth/me) with the language the server holds.
   * Returns the language to show: the server's, unless the user chose one after `since` (the
   * mark taken when the request was sent) or a choice of theirs is still pending.
   */
  adopt(user: { id: number; language: string }, shown: Language, since?: number): Language;
  /** The user chose a language (already shown); saved when someone is signed in. */
  choose(language: Language): void;
  /** Signed out: forget the user and anything not yet saved. */
  reset(): void;
  /** For tests: settles when no save is on its way. */
  idle(): Promise<void>;
}

function defaultStorage(): LanguageSaverOptions["storage"] {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function createLanguageSaver(options: LanguageSaverOptions): LanguageSaver {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  let userId: number | null = null;
  /** What the server holds, as far as known. */
  let saved: Language | null = null;
  /** The last choice, until the server has it. */
  let wanted: Language | null = null;
  let choices = 0;
  let running: Promise<void> | null = null;

  const readPending = (): { userId: number; language: Language } | null => {
    try {
      const value = JSON.parse(storage?.getItem(PENDING_LANGUAGE_KEY) ?? "null") as unknown;
      if (typeof value !== "object" || value === null) return null;
      const { userId: id, language } = value as { userId?: unknown; language?: unknown };
      return typeof id === "number" && isLanguage(language) ? { userId: id, language } : null;
    } catch {
      return null;
    }
  };
  const writePending = (language: Language | null) => {
    try {
      if (language === null || userId === null) storage?.removeItem(PENDING_LANGUAGE_KEY);
      else storage?.setItem(PENDING_LANGUAGE_KEY, JSON.stringify({ userId, language }));
    } catch {
      // Storage blocked: the choice then holds for this page only.
    }
  };

  async function run() {
    while (userId !== null && wanted !== null && wanted !== saved) {
      const target = wanted;
      const forUser = userId;
      try {
        await options.save(target);
      } catch {
        options.onFailed?.();
        return;
      }
      if (userId !== forUser) return; // signed out meanwhile
      saved = target;
      if (wanted === target) {
        wanted = null;
        writePending(null);
        options.onSaved?.(target);
      }
    }
  }

  function kick() {
    if (running || userId === null || wanted === null) return;
    running = run().finally(() => {
      running = null;
      // A save failed and a newer choice came meanwhile: it is tried on the next choice.
    });
  }

  return {
    mark: () => choices,
    adopt(user, shown, since = choices) {
      userId = user.id;
      saved = isLanguage(user.language) ? user.language : null;
      const pending = readPending();
      let show: Language;
      if (choices !== since) show = shown;
      else if (pending && pending.userId === user.id) show = pending.language;
      else if (pending) {
        writePending(null); // another user's choice on this browser
        show = saved ?? shown;
      } else show = saved ?? shown;
      if (show !== saved) {
        wanted = show;
        writePending(show);
        kick();
      } else {
        wanted = null;
        writePending(null);
      }
      return show;
    },
    choose(language) {
      choices++;
      if (userId === null) return;
      wanted = language;
      if (language === saved && !running) {
        wanted = null;
        writePending(null);
        return;
      }
      writePending(language);
      kick();
    },
    reset() {
      userId = null;
      saved = null;
      wanted = null;
      writePending(null);
    },
    async idle() {
      while (running) await running;
    },
  };
}
