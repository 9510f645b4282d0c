import { describe, expect, it } from "vitest";
import type { Language } from "./i18n";
import { createLanguageSaver, PENDING_LANGUAGE_KEY } from "./language-sync";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

/** A server whose answers arrive when the test says so, in any order. */
function slowServer() {
  let stored: Language = "nl";
  const waiting: { language: Language; answer: () => void }[] = [];
  return {
    get stored() {
      return stored;
    },
    waiting,
    save: (language: Language) =>
      new Promise<void>((resolve) => {
        waiting.push({
          language,
          answer: () => {
            stored = language;
            resolve();
          },
        });
      }),
    /** Answers every save sent so far, the last one first (the order that lost choices). */
    async answerAllReversed() {
      while (waiting.length) {
        for (const w of waiting.splice(0).reverse()) w.answer();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

const USER = { id: 7, language: "nl" };

describe("the language saver", () => {
  it("saves one choice at a time, so after five quick clicks the server has the last", async () => {
    const server = slowServer();
    const saver = createLanguageSaver({ save: server.save, storage: memoryStorage() });
    saver.adopt(USER, "nl");
    for (const language of ["uk", "en", "nl", "uk", "en"] as const) saver.choose(language);
    // One save on its way; the others wait for it, and only the last of them is sent.
    expect(server.waiting.map((w) => w.language)).toEqual(["uk"]);
    await server.answerAllReversed();
    await saver.idle();
    expect(server.stored).toBe("en");
  });

  it("does not let a GET /me answer sent before a choice undo it", async () => {
    const server = slowServer();
    const saver = createLanguageSaver({ save: server.save, storage: memoryStorage() });
    const since = saver.mark(); // GET /api/auth/me sent
    saver.choose("uk"); // clicked while it was on its way
    expect(saver.adopt({ id: 7, language: "nl" }, "uk", since)).toBe("uk");
    await server.answerAllReversed();
    expect(server.stored).toBe("uk");
    // A later GET (sent after the choice) shows what the server holds.
    expect(saver.adopt({ id: 7, language: "uk" }, "uk", saver.mark())).toBe("uk");
  });

  it("keeps a choice not yet saved through a reload, for the same user only", async () => {
    const storage = memoryStorage();
    const first = slowServer();
    const before = createLanguageSaver({ save: first.save, storage });
    before.adopt(USER, "nl");
    before.choose("uk");
    before.choose("en"); // the reload comes before either save arrives
    expect(JSON.parse(storage.getItem(PENDING_LANGUAGE_KEY) ?? "null")).toEqual({
      userId: 7,
      language: "en",
    });
    const server = slowServer();
    const after = createLanguageSaver({ save: server.save, storage });
    expect(after.adopt({ id: 7, language: "uk" }, "nl")).toBe("en");
    await server.answerAllReversed();
    expect(server.stored).toBe("en");
    expect(storage.getItem(PENDING_LANGUAGE_KEY)).toBeNull();

    before.choose("uk");
    const other = createLanguageSaver({ save: server.save, storage });
    expect(other.adopt({ id: 8, language: "nl" }, "uk")).toBe("nl");
  });

  it("keeps the choice pending when a save fails, and says so", async () => {
    let failures = 0;
    const storage = memoryStorage();
    const saver = createLanguageSaver({
      save: () => Promise.reject(new Error("offline")),
      onFailed: () => failures++,
      storage,
    });
    saver.adopt(USER, "nl");
    saver.choose("uk");
    await saver.idle();
    expect(failures).toBe(1);
    expect(storage.getItem(PENDING_LANGUAGE_KEY)).toContain("uk");
  });
});
