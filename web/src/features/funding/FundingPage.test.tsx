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
  until,
} from "../../test/render";
import { saveFile } from "../transition/components/download";
import type { FundingApi } from "./api";
import { FundingPage } from "./FundingPage";
import { advance2027, claim, costs, groups, schemeClaim, shipDays } from "./funding.fixtures";
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
    locations: vi.fn(async () => [{ id: 3, name: "Sporthal Galgenwaard" }]),
    transitionCosts: vi.fn(async () => costs),
    addTransitionCost: vi.fn(async () => costs.entries[0]!),
    withdrawTransitionCost: vi.fn(async () => costs.entries[1]!),
    evidence: vi.fn(async (_cost, _evidence, fileName) => ({
      blob: new Blob(["%PDF-1.4"], { type: "application/pdf" }),
      filename: fileName,
    })),
    advance: vi.fn(async () => advance2027),
    requestAdvance: vi.fn(async () => advance2027),
    recordReceipt: vi.fn(async () => advance2027),
    targetGroupPlaces: vi.fn(async () => groups),
    setTargetGroupPlaces: vi.fn(async () => groups),
    sisa: vi.fn(async (year) => ({
      blob: new Blob(["gemeente_code,year\r\n"], { type: "text/csv" }),
      filename: `opvang-sisa-GM0344-${year}.csv`,
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
    expect(periods[0]?.slice(0, 7)).toEqual([
      "1 dec 2024 t/m 31 dec 2024",
      "BooO",
      "€ 61,00",
      "€ 92,00",
      "Niets",
      "10.261",
      "€ 625.921,00",
    ]);
    expect(periods[1]?.[4]).toBe(
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
      "0",
      "7.161",
      "soort locatie (schip)",
      "–",
      "Dagen bekijken",
    ]);
    expect(locations[1]?.[6]).toBe("–");
    expect(rows(container, "funding-locations-total")[0]).toEqual([
      "Totaal",
      "",
      "13.361",
      "€ 762.321,00",
      "0",
      "7.161",
      "",
      "0",
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
      [
        "1 jan 2025 t/m 3 jan 2025",
        "BooO",
        "0",
        "€ 44,00",
        "€ 0,00",
        "693",
        "soort locatie (schip)",
      ],
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

describe("the funding page: schemes and what the municipality enters", () => {
  beforeEach(() => vi.mocked(saveFile).mockClear());
  afterEach(cleanup);

  it("splits the claim at the new scheme: its days counted, 'amount not published', never € 0", async () => {
    start("?from=2026-04-01&to=2026-05-31");
    const api = fakeApi({ claim: vi.fn(async () => schemeClaim) });
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    expect(rows(container, "funding-scheme-row").map((row) => row.map(plain))).toEqual([
      [
        "BooO",
        "1 apr 2026 t/m 30 apr 2026",
        "€ 132.000,00",
        "€ 96,00",
        "0",
        "0",
        "0",
        "€ 12.050,00",
      ],
      [
        "Doelgroepflexibele opvangregeling",
        "1 mei 2026 t/m 31 mei 2026",
        "Bedrag niet gepubliceerd",
        "Bedrag niet gepubliceerd",
        "3.100",
        "62",
        "440",
        "€ 0,00",
      ],
    ]);
    const periods = rows(container, "funding-period-row").map((row) => row.map(plain));
    expect(periods[1]?.slice(0, 4)).toEqual([
      "1 mei 2026 t/m 31 mei 2026",
      "Doelgroepflexibele opvangregeling",
      "Bedrag niet gepubliceerd",
      "Bedrag niet gepubliceerd",
    ]);
    expect(periods[1]?.[6]).toBe("Bedrag niet gepubliceerd");
    expect(rows(container, "funding-poo-row")[1]).toEqual([
      "mei 2026Doelgroepflexibele opvangregeling",
      "62",
      "31",
      "Bedrag niet gepubliceerd",
      "Bedrag niet gepubliceerd",
    ]);
    expect(text(container, "total-notPublished")).toContain(
      "3.100 plekdagen en 62 persoonsdagen onder Doelgroepflexibele opvangregeling",
    );
    expect(text(container, "total-otherGroups-value")).toBe("440");
    expect(plain(text(container, "total-transitionCosts-value"))).toBe("€ 12.050,00");
    expect(plain(text(container, "total-totalWithCosts-value"))).toBe("€ 144.146,00");
    expect(rows(container, "funding-claim-cost-row").map((row) => row.map(plain))).toEqual([
      ["Sporthal Galgenwaard", "15 apr 2026: Douches (€ 12.050,00)", "€ 12.050,00"],
    ]);
    // The location fully in May would read "€ 0,00" for an amount that is not published:
    // its row says the place-days without an amount instead.
    expect(rows(container, "funding-location-row")[0]?.slice(2, 5).map(plain)).toEqual([
      "3.000",
      "€ 132.000,00",
      "3.100",
    ]);
    expect(container.textContent).not.toMatch(/not_published|doelgroepflexibel\./);
  });

  it("enters a transition cost with a PDF, and shows a refused file at its field in Dutch and Ukrainian", async () => {
    start("?from=2026-04-01&to=2026-05-31");
    const refusal = new ApiError(400, "validation_error", "evidence.0: not a PDF", [
      {
        path: "evidence.0",
        code: "evidence_type",
        message: "the file is not a PDF, PNG or JPEG (checked by its content)",
        params: { name: "scan.pdf" },
      },
    ]);
    const api = fakeApi({
      claim: vi.fn(async () => schemeClaim),
      addTransitionCost: vi
        .fn()
        .mockRejectedValueOnce(refusal)
        .mockResolvedValueOnce(costs.entries[0]!),
    });
    const { container, i18n } = await render(<FundingPage api={api} />, { user: finance() });
    await until(() => rows(container, "funding-cost-row").length === 2);
    // The list: the correction in force, the entry it replaced withdrawn with its reason.
    expect(rows(container, "funding-cost-row")[1]?.[5]).toBe("IngetrokkenReden: Creditnota");
    const form = container.querySelector("[data-testid=funding-cost-form]");
    const select = container.querySelector<HTMLSelectElement>("#funding-cost-locationId")!;
    const { act } = await import("react");
    await act(async () => {
      select.value = "3";
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await type(inputByLabel(container, "Datum van de kosten"), "15-04-2026");
    await type(inputByLabel(container, "Omschrijving"), "Douches");
    await type(container.querySelector<HTMLInputElement>("#funding-cost-amountCents"), "12.050,00");
    // Without evidence: refused in the browser, at the field.
    await submit(form);
    expect(api.addTransitionCost).not.toHaveBeenCalled();
    expect(text(container, "field-funding-cost-evidence")).toContain(
      "Voeg een of meer bewijsstukken toe (pdf, png of jpeg).",
    );
    const file = new File(["%PDF-1.4"], "scan.pdf", { type: "application/pdf" });
    const input = container.querySelector<HTMLInputElement>("#funding-cost-evidence")!;
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    await submit(form);
    expect(api.addTransitionCost).toHaveBeenCalledWith({
      locationId: 3,
      incurredOn: "2026-04-15",
      description: "Douches",
      amountCents: 1_205_000,
      evidence: [file],
    });
    expect(text(container, "field-funding-cost-evidence")).toContain(
      "Het bestand scan.pdf is geen pdf, png of jpeg.",
    );
    expect(text(container, "funding-cost-errors")).toContain("Bewijsstukken:");
    await act(async () => {
      await i18n.changeLanguage("uk");
    });
    await settle();
    expect(text(container, "field-funding-cost-evidence")).toContain(
      "Файл scan.pdf не є PDF, PNG або JPEG.",
    );
    await submit(form);
    expect(text(container, "funding-cost-saved")).toContain("Sporthal Galgenwaard");
  });

  it("proposes the advance, says what it leaves out, and shows the deadline refusal at the year", async () => {
    start();
    const refusal = new ApiError(422, "advance_deadline_passed", "too late", [
      {
        path: "year",
        code: "advance_deadline_passed",
        message: "too late",
        params: { deadline: "2026-10-31", year: "2026" },
      },
    ]);
    const api = fakeApi({ requestAdvance: vi.fn(async () => Promise.reject(refusal)) });
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    await until(() => text(container, "funding-advance-deadline") !== null);
    expect(text(container, "funding-advance-deadline")).toBe(
      "Het voorschot voor 2027 kan worden aangevraagd tot en met 31 okt 2027.",
    );
    // No part of 2027 has a published amount: no proposal, never € 0, and an empty field.
    expect(text(container, "funding-advance-proposal-value")).toBe("Bedrag niet gepubliceerd");
    expect(container.querySelector<HTMLInputElement>("#funding-advance-amountCents")?.value).toBe(
      "",
    );
    expect(text(container, "funding-advance-incomplete")).toContain(
      "36.500 plekdagen en 730 persoonsdagen onder Doelgroepflexibele opvangregeling",
    );
    // Another amount than the proposal needs a reason: asked in the browser first.
    const input = (id: string) => container.querySelector<HTMLInputElement>(`#${id}`);
    await type(input("funding-advance-amountCents"), "50.000,00");
    await submit(container.querySelector("[data-testid=funding-advance-form]"));
    expect(api.requestAdvance).not.toHaveBeenCalled();
    expect(text(container, "field-funding-advance-reason")).toContain(
      "Geef een reden voor een ander bedrag dan het voorstel.",
    );
    await type(input("funding-advance-reason"), "Raming");
    await submit(container.querySelector("[data-testid=funding-advance-form]"));
    expect(api.requestAdvance).toHaveBeenCalledWith({
      year: 2027,
      amountCents: 5_000_000,
      reason: "Raming",
    });
    expect(text(container, "funding-advance-year-error")).toBe(
      "Het voorschot voor 2026 kon worden aangevraagd tot en met 31 okt 2026. Die termijn is voorbij.",
    );
  });

  it("downloads the SiSa figures of a year and an evidence file", async () => {
    start();
    const api = fakeApi();
    const { container } = await render(<FundingPage api={api} />, { user: finance() });
    await click(container.querySelector("[data-testid=funding-sisa-csv]"));
    const year = Number(todayNl().slice(0, 4));
    expect(api.sisa).toHaveBeenCalledWith(year);
    expect(vi.mocked(saveFile).mock.calls[0]![1]).toBe(`opvang-sisa-GM0344-${year}.csv`);
    await until(() => container.querySelector("[data-testid=funding-evidence-21]") !== null);
    await click(container.querySelector("[data-testid=funding-evidence-21]"));
    expect(api.evidence).toHaveBeenCalledWith(11, 21, "factuur.pdf");
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
