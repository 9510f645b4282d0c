/**
 * Checks of pages that must show aggregates only (the coordinator's): the JSON answers the
 * page receives hold no key of a person, the page shows no BSN-shaped number, and it fits a
 * phone without scrolling sideways.
 */
import type { Page, Response } from "@playwright/test";
import { expect } from "./fixtures";

export const main = (page: Page) => page.locator("#main");

/** Keys under which an answer would hold a person: none may occur in what the page reads. */
export const PERSONAL_KEYS = new Set([
  "familyName",
  "givenNames",
  "familyNameCyrillic",
  "givenNamesCyrillic",
  "bsn",
  "vNumber",
  "birthDate",
  "address",
  "street",
  "houseNumber",
  "postalCode",
  "iban",
  "personId",
]);

/** Every key in a JSON value, at any depth. */
export function keysOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

/** Collects the JSON answers of the API the page receives (the national ones by path). */
export function watchAnswers(page: Page) {
  const answers: { path: string; body: unknown }[] = [];
  const reading: Promise<void>[] = [];
  page.on("response", (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith("/api/")) return;
    if (!(response.headers()["content-type"] ?? "").includes("application/json")) return;
    reading.push(
      response
        .json()
        .then((body) => {
          answers.push({ path: url.pathname, body });
        })
        .catch(() => {}),
    );
  });
  return async () => {
    await Promise.all(reading);
    return answers;
  };
}

/** The page shows no number of nine digits (the shape of a BSN). */
export async function noBsn(page: Page) {
  expect(await main(page).innerText()).not.toMatch(/(?<!\d)\d{9}(?!\d)/);
}

/** At 390 px the page does not scroll sideways; wide tables scroll inside their box. */
export async function fitsAPhone(page: Page, what: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, what).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1280, height: 900 });
}
