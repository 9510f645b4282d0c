import { act } from "react";
import { afterEach, describe, expect, it, type Mock, vi } from "vitest";
import { ApiError } from "../../api";
import { formatDateTime as formatTimestamp, parseTimestamp } from "../../format";
import {
  byText,
  cleanup,
  click,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { AuditPage, newestFirst } from "./AuditPage";
import { type AuditApi, type AuditRecord, LOG_PAGE_SIZE, type PersonHit } from "./audit-api";

const hit: PersonHit = {
  id: 7,
  family_name: "Havryliuk",
  given_names: "Oleksandr",
  family_name_cyrillic: "Гаврилюк",
  given_names_cyrillic: "Олександр",
  birth_date: "1993-04-13",
  bsn: "992495635",
  v_number: "2071961590",
  household_id: 235,
  location_id: null,
  location_name: null,
};

function record(overrides: Partial<AuditRecord>): AuditRecord {
  return {
    id: 1,
    at: "2026-11-20 09:15:00.123+00",
    userId: 3,
    username: "caseworker-utrecht",
    role: "caseworker",
    action: "read",
    entityType: "household",
    entityId: "235",
    personId: 7,
    persons: 0,
    gemeenteCode: "GM0344",
    fields: ["familyName", "birthDate"],
    reason: null,
    ...overrides,
  };
}

const records: AuditRecord[] = [
  // Oldest first on purpose: the page shows the newest first.
  record({ id: 1, at: "2026-11-20 09:15:00.123+00" }),
  record({
    id: 2,
    at: "2026-11-21T14:02:00Z",
    userId: 9,
    username: "admin-utrecht",
    role: "municipal_admin",
    entityType: "audit",
    entityId: "7",
    fields: ["audit"],
  }),
  record({
    id: 3,
    at: "2026-11-21T15:30:00Z",
    action: "end_placement",
    fields: ["validTo"],
    reason: "Locatie sluit",
  }),
  record({ id: 4, at: "2026-11-21T16:00:00Z", action: "brand_new_action", fields: null }),
];

const person = {
  id: 7,
  familyName: "Havryliuk",
  givenNames: "Oleksandr",
  familyNameCyrillic: "Гаврилюк",
  givenNamesCyrillic: "Олександр",
};

/** A fake API: `log` answers a person's log; the municipality's log is `municipal`. */
function fakeApi(
  log: () => Promise<AuditRecord[]>,
  hits: PersonHit[] = [hit],
  municipal: AuditRecord[] = [],
): AuditApi & { log: Mock<AuditApi["log"]> } {
  return {
    search: vi.fn(async () => hits),
    accessLog: vi.fn(async () => []),
    log: vi.fn<AuditApi["log"]>(async (filter) => {
      const page = filter.personId === null ? municipal : await log();
      return {
        person: filter.personId === null ? null : { ...person, id: filter.personId },
        offset: (filter.page - 1) * LOG_PAGE_SIZE,
        limit: LOG_PAGE_SIZE,
        hasMore: filter.page === 1 && page.length > 0 && municipal.length > 1,
        records: page,
      };
    }),
    users: vi.fn(async () => [
      { id: 3, username: "caseworker-utrecht", displayName: "Anna Bakker" },
    ]),
  };
}

async function openLog(api: AuditApi, language: "nl" | "uk" | "en", query: string) {
  const labels = {
    nl: "Naam, BSN of V-nummer",
    uk: "Ім’я, BSN або V-номер",
    en: "Name, BSN or V-number",
  };
  const rendered = await render(<AuditPage api={api} />, { language });
  const { container } = rendered;
  await settle();
  await type(inputByLabel(container, labels[language]), query);
  await submit(container.querySelector("form"));
  expect(api.search).toHaveBeenCalledWith(query);
  await click(container.querySelector('[data-testid="audit-search-results"] button'));
  return rendered;
}

function rows(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('[data-testid="audit-record"]')].map((row) =>
    [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? ""),
  );
}

describe("access log page", () => {
  afterEach(cleanup);

  it("finds a person and shows who looked at the file, newest first, in Dutch", async () => {
    const api = fakeApi(async () => records);
    const { container } = await openLog(api, "nl", "Олександр");
    expect(api.log).toHaveBeenLastCalledWith({
      personId: 7,
      userId: null,
      action: "",
      from: "",
      to: "",
      page: 1,
    });
    // The person's log has an address of its own.
    expect(new URLSearchParams(window.location.search).get("person")).toBe("7");
    const chosen = container.querySelectorAll(
      '[data-testid="audit-search-results"] tr[aria-current="true"]',
    );
    expect(chosen).toHaveLength(1);
    expect(byText(container, "h2", "Auditlog van Oleksandr Havryliuk")).toBeDefined();
    expect(container.textContent).toContain("Regels 1–4");
    const table = rows(container);
    expect(table.map((row) => row[3])).toEqual([
      "brand_new_action", // an unknown code is shown as it is
      "Plaatsing beëindigd",
      "Ingezien",
      "Ingezien",
    ]);
    expect(table[1]).toEqual([
      formatTimestamp("2026-11-21T15:30:00Z", "nl"),
      "caseworker-utrecht (Anna Bakker)",
      "Casemanager",
      "Plaatsing beëindigd",
      "Huishouden 235",
      "einddatum",
      "Locatie sluit",
    ]);
    expect(table[2]?.slice(1, 4)).toEqual([
      "admin-utrecht",
      "Functioneel beheerder gemeente",
      "Ingezien",
    ]);
    expect(table[3]?.[5]).toBe("achternaam, geboortedatum");
    // Dutch time: 09:15 UTC is 10:15 in November.
    expect(table[3]?.[0]).toContain("10:15");
    expect(container.querySelector("time")?.getAttribute("datetime")).toBe(
      "2026-11-21T16:00:00.000Z",
    );
  });

  it("speaks Ukrainian: actions, roles and the date", async () => {
    const api = fakeApi(async () => records);
    const { container } = await openLog(api, "uk", "Havryliuk");
    const table = rows(container);
    expect(table.map((row) => row[3])).toEqual([
      "brand_new_action",
      "Розміщення завершено",
      "Переглянуто",
      "Переглянуто",
    ]);
    expect(table[2]?.[2]).toBe("Адміністратор муніципалітету");
    expect(table[3]?.[2]).toMatch(/[\u0400-\u04FF]/);
    expect(table[3]?.[0]).toBe(formatTimestamp("2026-11-20 09:15:00.123+00", "uk"));
    expect(table[3]?.[0]).toMatch(/лист/);
    expect(container.textContent).toContain("Журнал аудиту: Oleksandr Havryliuk");
  });

  it("says so when nobody has looked at the file yet", async () => {
    const { container } = await openLog(
      fakeApi(async () => []),
      "en",
      "992495635",
    );
    expect(container.querySelector('[data-testid="audit-empty"]')?.textContent).toContain(
      "Nobody has looked at this file yet.",
    );
    expect(container.querySelector('[data-testid="audit-records"]')).toBeNull();
  });

  it("says a person of another municipality is not found (404)", async () => {
    const api = fakeApi(async () => {
      throw new ApiError(404, "not_found", "person not found");
    });
    const { container } = await openLog(api, "nl", "Havryliuk");
    expect(container.querySelector('[data-testid="audit-not-found"]')?.textContent).toBe(
      "Deze persoon is niet gevonden in uw gemeente.",
    );
  });

  it("says something went wrong for a server error without a text of its own", async () => {
    const api = fakeApi(async () => {
      throw new ApiError(500, "internal_error", "internal error");
    });
    const { container } = await openLog(api, "en", "Havryliuk");
    expect(container.textContent).toContain("Something went wrong. Please try again later.");
    expect(container.textContent).not.toContain("not filled in correctly");
  });

  it("keeps the answer to the latest search when an earlier one answers later", async () => {
    let answerFirst: (hits: PersonHit[]) => void = () => {};
    const search = vi
      .fn<AuditApi["search"]>()
      .mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce([hit]);
    const api: AuditApi = { ...fakeApi(async () => records), search };
    const { container } = await render(<AuditPage api={api} />);
    await settle();
    const input = inputByLabel(container, "Naam, BSN of V-nummer");
    await type(input, "Zzyxqwv");
    await submit(container.querySelector("form"));
    await type(input, "Havryliuk");
    await submit(container.querySelector("form"));
    answerFirst([]);
    await settle();
    expect(
      container.querySelectorAll('[data-testid="audit-search-results"] tbody tr'),
    ).toHaveLength(1);
    expect(container.querySelector('[data-testid="audit-no-results"]')).toBeNull();
  });

  it("asks for a search term and says when nobody is found", async () => {
    const api = fakeApi(async () => [], []);
    const { container } = await render(<AuditPage api={api} />);
    await settle();
    await submit(container.querySelector("form"));
    expect(api.search).not.toHaveBeenCalled();
    expect(container.textContent).toContain("Vul een naam, BSN of V-nummer in.");
    await type(inputByLabel(container, "Naam, BSN of V-nummer"), "Zzyxqwv");
    await submit(container.querySelector("form"));
    expect(container.querySelector('[data-testid="audit-no-results"]')?.textContent).toContain(
      "Geen personen gevonden.",
    );
  });
});

describe("the municipality's audit log", () => {
  afterEach(cleanup);

  const municipal = [
    record({ id: 11, at: "2026-11-20T08:00:00Z", personId: 7 }),
    record({ id: 12, at: "2026-11-20T09:00:00Z", personId: null, persons: 4, action: "search" }),
  ];

  it("opens a person's log from its address (/audit?person=7), named from the answer", async () => {
    window.history.replaceState(null, "", "/audit?person=7");
    const api = fakeApi(async () => records);
    const { container } = await render(<AuditPage api={api} />, { language: "nl" });
    await settle();
    expect(api.log).toHaveBeenCalledWith(expect.objectContaining({ personId: 7, page: 1 }));
    expect(byText(container, "h2", "Auditlog van Oleksandr Havryliuk")).toBeDefined();
    expect(rows(container)).toHaveLength(4);
    // Back to the whole municipality's log.
    await click(container.querySelector('[data-testid="audit-whole-log"]'));
    expect(new URLSearchParams(window.location.search).get("person")).toBeNull();
    expect(byText(container, "h2", "Auditlog van de gemeente")).toBeDefined();
  });

  it("filters on a user and a day from the address (an anomaly's link), and pages", async () => {
    window.history.replaceState(null, "", "/audit?user=3&from=2026-11-20&to=2026-11-20");
    const api = fakeApi(async () => records, [hit], municipal);
    const { container } = await render(<AuditPage api={api} />, { language: "nl" });
    await settle();
    expect(api.log).toHaveBeenLastCalledWith({
      personId: null,
      userId: 3,
      action: "",
      from: "2026-11-20",
      to: "2026-11-20",
      page: 1,
    });
    expect(container.querySelector<HTMLSelectElement>("#audit-user")?.value).toBe("3");
    expect(container.querySelector<HTMLInputElement>("#audit-from")?.value).toBe("2026-11-20");
    // Whom each record concerns: a person (a link to their log) or how many a search listed.
    const concerns = rows(container).map((row) => row[5]);
    expect(concerns).toEqual(["4 personen", "Persoon 7"]);
    expect(container.textContent).toContain("Regels 1–2; er volgen er meer");

    await click(byText(container, "button", "Volgende"));
    expect(new URLSearchParams(window.location.search).get("page")).toBe("2");
    expect(api.log).toHaveBeenLastCalledWith(expect.objectContaining({ userId: 3, page: 2 }));

    // A new filter starts at the first page again.
    const action = container.querySelector<HTMLSelectElement>("#audit-action")!;
    await act(async () => {
      action.value = "update";
      action.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await submit(container.querySelector('[data-testid="audit-filter"]'));
    const url = new URLSearchParams(window.location.search);
    expect([url.get("action"), url.get("page"), url.get("user")]).toEqual(["update", null, "3"]);
    expect(api.log).toHaveBeenLastCalledWith(
      expect.objectContaining({ action: "update", userId: 3, page: 1 }),
    );

    // A person in the list opens their log.
    await click(byText(container, "a", "Persoon 7"));
    expect(new URLSearchParams(window.location.search).get("person")).toBe("7");
  });

  it("translates every action of the filter in Ukrainian", async () => {
    const api = fakeApi(async () => records);
    const { container } = await render(<AuditPage api={api} />, { language: "uk" });
    await settle();
    const options = [...container.querySelectorAll("#audit-action option")].map(
      (o) => o.textContent ?? "",
    );
    expect(options.length).toBeGreaterThan(15);
    for (const text of options) expect(text, text).toMatch(/[\u0400-\u04FF]/);
  });
});

describe("access log helpers", () => {
  it("read PostgreSQL and ISO timestamps as UTC", () => {
    expect(parseTimestamp("2026-11-20 09:15:00.123+00")?.toISOString()).toBe(
      "2026-11-20T09:15:00.123Z",
    );
    expect(parseTimestamp("2026-11-20T09:15:00+0100")?.toISOString()).toBe(
      "2026-11-20T08:15:00.000Z",
    );
    expect(parseTimestamp("2026-06-01T12:00:00")?.toISOString()).toBe("2026-06-01T12:00:00.000Z");
    expect(parseTimestamp("not a time")).toBeNull();
    expect(formatTimestamp("2026-06-01T12:00:00Z", "en")).toContain("14:00"); // summer time
  });

  it("sort newest first", () => {
    expect(newestFirst(records).map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });
});
