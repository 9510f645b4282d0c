import { afterEach, beforeEach, describe, expect, it, type Mocked, vi } from "vitest";
import { ApiError } from "../../api";
import { todayNl } from "../../format";
import {
  byText,
  cleanup,
  click,
  demoUser,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { saveFile } from "../transition/components/download";
import type { FundingApi } from "./api";
import { FundingPage } from "./FundingPage";
import { claim, shipDays } from "./funding.fixtures";
import { defaultPeriod, presetPeriod, readView, viewHref } from "./view";

// Files are saved through a temporary link: a spy here.
vi.mock("../transition/components/download", () => ({ saveFile: vi.fn() }));

function fakeApi(overrides: Partial<FundingApi> = {}): Mocked<FundingApi> {
  return {
    claim: vi.fn(async (period) => ({ ...claim, ...period })),
    locationDays: vi.fn(async () => shipDays),
    csv: vi.fn(async (period) => ({
      blob: new Blob(["line,gemeente_code\r\ngoo,GM0344\r\n"], { type: "text/csv" }),
      filename: `opvang-funding-claim-GM0344-${period.from}-${period.to}.csv`,
    })),
    ...overrides,
  } as Mocked<FundingApi>;
}

const finance = () => demoUser("finance_officer");
const start = (search = "") => window.history.replaceState(null, "", `/funding${search}`);
const search = () => new URLSearchParams(window.location.search);
const text = (container: HTMLElement, testId: string) =>
  container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;
const rows = (container: HTMLElement, testId: string) =>
  [...container.querySelectorAll(`[data-testid="${testId}"]`)].map((row) =>
    [...row.querySelectorAll("th, td")].map((cell) => cell.textContent ?? ""),
  );
/** Numbers and amounts with their spaces as plain spaces (Intl writes no-break ones). */
const plain = (value: string | null | undefined) => (value ?? "").replace(/[\u00a0\u202f]/g, " ");

describe("the funding page", () => {
  beforeEach(() => vi.mocked(saveFile).mockClear());
  afterEach(cleanup);

  it("asks for this year up to today when the address names no period", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    const today = todayNl();
    expect(api.claim).toHaveBeenCalledWith({ from: `${today.slice(0, 4)}-01-01`, to: today });
    expect(inputByLabel(container, "Eerste dag")?.value).toBe(`01-01-${today.slice(0, 4)}`);
    expect(container.querySelector("h1")?.textContent).toBe("Bekostiging");
    expect(
      container
        .querySelector("[data-testid=funding-preset-thisYear]")
        ?.getAttribute("aria-pressed"),
    ).toBe("true");
  });

  it("shows the totals in euros, the norm periods with their sources, the locations and the POO months", async () => {
    start("?from=2024-12-01&to=2025-01-31");
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    expect(api.claim).toHaveBeenCalledWith({ from: "2024-12-01", to: "2025-01-31" });
    expect(inputByLabel(container, "Eerste dag")?.value).toBe("01-12-2024");
    expect(inputByLabel(container, "Laatste dag")?.value).toBe("31-01-2025");
    expect(text(container, "funding-claim-heading")).toBe(
      "Aanvraag over 1 dec 2024 t/m 31 jan 2025",
    );
    expect(text(container, "total-total-value")).toBe("€ 763.337,00");
    expect(text(container, "total-goo-value")).toBe("€ 762.321,00");
    expect(text(container, "total-goo")).toContain("13.361 plekdagen tegen het normbedrag");
    expect(text(container, "total-poo-value")).toBe("€ 1.016,00");
    expect(text(container, "total-poo")).toContain("372 persoonsdagen");
    expect(text(container, "total-outside-value")).toBe("7.161");

    // Which norm applied when: € 61 and € 92 in December, € 44 and € 48 from 2025.
    const periods = rows(container, "funding-period-row").map((row) => row.map(plain));
    expect(periods[0]?.slice(0, 6)).toEqual([
      "1 dec 2024 t/m 31 dec 2024",
      "€ 61,00",
      "€ 92,00",
      "Niets",
      "10.261",
      "€ 625.921,00",
    ]);
    expect(periods[1]?.[3]).toBe(
      "Hotel, Schip, dagen met maaltijden7.161 plekdagen buiten het basistarief",
    );
    const source = container.querySelector("[data-testid=funding-period-row] a");
    expect(source?.getAttribute("href")).toBe(
      "https://www.tweedekamer.nl/kamerstukken/brieven_regering",
    );
    expect(source?.textContent).toBe("tweedekamer.nl");
    expect(source?.getAttribute("aria-label")).toContain(
      "Normbedrag GOO per gerealiseerde plek per dag",
    );

    // The ship's days in 2025 are outside the base rate because of its kind, in words.
    const locations = rows(container, "funding-location-row");
    expect(locations[0]).toEqual([
      "Opvangschip Waalstroom",
      "Schip",
      "7.161",
      "€ 436.821,00",
      "7.161",
      "soort locatie (schip)",
      "Dagen bekijken",
    ]);
    expect(locations[1]?.[5]).toBe("–");
    expect(rows(container, "funding-locations-total")[0]).toEqual([
      "Totaal",
      "",
      "13.361",
      "€ 762.321,00",
      "7.161",
      "",
      "",
    ]);
    expect(rows(container, "funding-poo-row")).toEqual([
      ["december 2024", "310", "31", "€ 92,00", "€ 920,00"],
      ["januari 2025", "62", "31", "€ 48,00", "€ 96,00"],
    ]);
    // Every rule the claim read, its value in words, never its code.
    const rules = rows(container, "funding-rule-row");
    expect(rules).toContainEqual([
      "Soorten locatie buiten het basistarief",
      "Hotel, Schip",
      "1 jan 2025",
      "tweedekamer.nl",
    ]);
    expect(rules).toContainEqual([
      "Persoon een deel van de maand in particuliere opvang",
      "Naar persoonsdagen (interpretatie)",
      "1 mrt 2022",
      "wetten.overheid.nl",
    ]);
    expect(container.textContent).not.toMatch(/booo\.|by-person-days|in-base-rate|location_kind/);
  });

  it("downloads the claim as CSV for the period shown", async () => {
    start("?from=2024-01-01&to=2024-12-31");
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    const button = container.querySelector("[data-testid=funding-csv]");
    expect(button?.textContent).toBe("Download als CSV");
    await click(button);
    expect(api.csv).toHaveBeenCalledWith({ from: "2024-01-01", to: "2024-12-31" });
    const [blob, filename] = vi.mocked(saveFile).mock.calls[0]!;
    expect(filename).toBe("opvang-funding-claim-GM0344-2024-01-01-2024-12-31.csv");
    expect((await blob.text()).split("\r\n")[0]).toBe("line,gemeente_code");
  });

  it("shows the server's refusal of the period at its field, in Dutch and in Ukrainian", async () => {
    start("?from=2021-06-01&to=2021-12-31");
    const refusal = new ApiError(
      400,
      "validation_error",
      "from: the BooO funds from 2022-03-01: from must be on or after it",
      [
        {
          path: "from",
          code: "before_funding",
          message: "the BooO funds from 2022-03-01: from must be on or after it",
          params: { min: "2022-03-01" },
        },
      ],
    );
    const api = fakeApi({ claim: vi.fn(async () => Promise.reject(refusal)) });
    const { container, i18n } = await render(<FundingPage api={api} />, { user: finance() });
    expect(text(container, "field-funding-from")).toContain(
      "De BooO bekostigt vanaf 1 mrt 2022. Kies een eerste dag op of na die datum.",
    );
    expect(inputByLabel(container, "Eerste dag")?.getAttribute("aria-invalid")).toBe("true");
    expect(text(container, "funding-error-summary")).toContain("Er is 1 probleem met de periode");
    expect(container.querySelector("[data-testid=funding-claim]")).toBeNull();

    const { act } = await import("react");
    await act(async () => {
      await i18n.changeLanguage("uk");
    });
    await settle();
    expect(text(container, "field-funding-from")).toContain(
      "BooO фінансує з 1 бер. 2022 р.; оберіть перший день",
    );
    expect(inputByLabel(container, "Перший день")?.value).toBe("01.06.2021");
    expect(container.textContent).not.toContain("before_funding");
    expect(container.textContent).not.toContain("must be on or after");
  });

  it("names the end of a period of three years or more, and an end before the start", async () => {
    start("?from=2022-03-01&to=2025-03-01");
    const refuse = (period: { from: string; to: string }) =>
      Promise.reject(
        period.from > period.to
          ? new ApiError(400, "validation_error", "from lies after to", [
              { path: "from", code: "from_after_to", message: "from lies after to" },
            ])
          : new ApiError(400, "validation_error", "at most 3 years", [
              {
                path: "to",
                code: "range_too_long",
                message: "at most 3 years at once",
                params: { maxYears: 3 },
              },
            ]),
      );
    const api = fakeApi({ claim: vi.fn(refuse) });
    const { container } = await render(<FundingPage api={api} />, {
      user: finance(),
      language: "en",
    });
    expect(text(container, "field-funding-to")).toContain("A claim covers less than 3 years.");
    await type(inputByLabel(container, "First day"), "01-01-2025");
    await type(inputByLabel(container, "Last day"), "31-12-2024");
    await submit(container.querySelector("[data-testid=funding-period]"));
    expect(search().get("from")).toBe("2025-01-01");
    expect(search().get("to")).toBe("2024-12-31");
    expect(text(container, "field-funding-from")).toContain("The first day is after the last day.");
    expect(text(container, "field-funding-to")).not.toContain("3 years");
  });

  it("checks a typed date before asking, and sends the dates as the reader wrote them", async () => {
    start("?from=2024-01-01&to=2024-12-31");
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, {
      user: finance(),
      language: "uk",
    });
    expect(inputByLabel(container, "Перший день")?.value).toBe("01.01.2024");
    await type(inputByLabel(container, "Перший день"), "30.02.2024");
    await type(inputByLabel(container, "Останній день"), "грудень");
    await submit(container.querySelector("[data-testid=funding-period]"));
    expect(api.claim).toHaveBeenCalledTimes(1);
    expect(text(container, "field-funding-from")).toContain("Такої дати не існує.");
    expect(text(container, "field-funding-to")).toContain("Введіть дату у форматі дд.мм.рррр");

    await type(inputByLabel(container, "Перший день"), "01.03.2024");
    await type(inputByLabel(container, "Останній день"), "31.3.2024");
    await submit(container.querySelector("[data-testid=funding-period]"));
    expect(search().get("from")).toBe("2024-03-01");
    expect(search().get("to")).toBe("2024-03-31");
    expect(api.claim).toHaveBeenLastCalledWith({ from: "2024-03-01", to: "2024-03-31" });
    expect(
      container.querySelector(
        "[data-testid=field-funding-from] .utrecht-form-field__error-message",
      ),
    ).toBeNull();
  });

  it("takes last year with one click", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    const lastYear = presetPeriod("lastYear");
    const button = container.querySelector("[data-testid=funding-preset-lastYear]");
    expect(button?.textContent).toBe(`Vorig jaar (${lastYear.from.slice(0, 4)})`);
    await click(button);
    expect(search().get("from")).toBe(lastYear.from);
    expect(search().get("to")).toBe(lastYear.to);
    expect(api.claim).toHaveBeenLastCalledWith(lastYear);
    expect(button?.getAttribute("aria-pressed")).toBe("true");
    expect(inputByLabel(container, "Laatste dag")?.value).toBe(
      `31-12-${lastYear.from.slice(0, 4)}`,
    );
  });

  it("opens a location's days and goes back to the claim", async () => {
    start("?from=2025-01-01&to=2025-01-03");
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    const link = container.querySelector("[data-testid=funding-days-1]");
    expect(link?.getAttribute("href")).toBe("/funding?from=2025-01-01&to=2025-01-03&location=1");
    expect(link?.getAttribute("aria-label")).toBe("Dagen van Opvangschip Waalstroom bekijken");
    await click(link);
    expect(search().get("location")).toBe("1");
    expect(api.locationDays).toHaveBeenCalledWith(1, { from: "2025-01-01", to: "2025-01-03" });
    const heading = container.querySelector("[data-testid=funding-days-heading]");
    expect(heading?.textContent).toBe("Per dag: Opvangschip Waalstroom");
    expect(document.activeElement).toBe(heading);
    expect(container.querySelector("[data-testid=funding-claim]")).toBeNull();
    expect(text(container, "total-outside-value")).toBe("693");
    expect(rows(container, "funding-days-line").map((row) => row.map(plain))).toEqual([
      ["1 jan 2025 t/m 3 jan 2025", "0", "€ 44,00", "€ 0,00", "693", "soort locatie (schip)"],
    ]);
    expect(rows(container, "funding-day-row")[0]).toEqual([
      "1 jan 2025",
      "231",
      "Ja",
      "€ 44,00",
      "–",
      "soort locatie (schip)",
    ]);
    expect(rows(container, "funding-day-row")).toHaveLength(3);

    await click(byText(container, "a", "Terug naar de aanvraag"));
    expect(search().get("location")).toBeNull();
    expect(search().get("from")).toBe("2025-01-01");
    expect(container.querySelector("[data-testid=funding-claim]")).not.toBeNull();
  });

  it("says in words when the location is not the municipality's", async () => {
    start("?from=2025-01-01&to=2025-01-31&location=999");
    const api = fakeApi({
      locationDays: vi.fn(async () =>
        Promise.reject(new ApiError(404, "not_found", "location not found")),
      ),
    });
    const { container } = await render(<FundingPage api={api} />, {
      user: finance(),
      language: "uk",
    });
    expect(api.claim).not.toHaveBeenCalled();
    expect(plain(text(container, "funding-error"))).toBe(
      "Це місце розміщення не знайдено у вашому муніципалітеті.",
    );
    expect(container.querySelector("[data-testid=funding-back]")?.getAttribute("href")).toBe(
      "/funding?from=2025-01-01&to=2025-01-31",
    );
  });

  it("says so when a period runs on after today", async () => {
    start(`?from=2026-01-01&to=2099-12-31`);
    const { container } = await render(<FundingPage api={fakeApi()} />, { user: finance() });
    expect(text(container, "funding-forecast")).toContain("voorspelling");
  });
});

describe("the funding page's address", () => {
  const today = "2026-12-05";

  it("reads this year up to today when it names no period", () => {
    expect(readView(new URLSearchParams(""), today)).toEqual({
      period: { from: "2026-01-01", to: "2026-12-05" },
      location: null,
    });
    expect(defaultPeriod(today)).toEqual({ from: "2026-01-01", to: "2026-12-05" });
  });

  it("passes dates on as written, for the server to check, and reads a location id", () => {
    expect(readView(new URLSearchParams("from=2024-01&location=7"), today)).toEqual({
      period: { from: "2024-01", to: "2026-12-05" },
      location: 7,
    });
    expect(readView(new URLSearchParams("location=x"), today).location).toBeNull();
    expect(readView(new URLSearchParams("location=0"), today).location).toBeNull();
  });

  it("leaves the default period out of the address", () => {
    expect(viewHref({ period: defaultPeriod(today), location: null }, today)).toBe("/funding");
    expect(viewHref({ period: presetPeriod("lastYear", today), location: 3 }, today)).toBe(
      "/funding?from=2025-01-01&to=2025-12-31&location=3",
    );
  });
});
