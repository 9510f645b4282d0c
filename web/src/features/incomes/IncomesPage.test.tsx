import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import {
  cleanup,
  click,
  demoUser,
  inputByLabel,
  render,
  settle,
  submit,
  type,
} from "../../test/render";
import { type Income, type IncomeList, incomesApi } from "./api";
import { IncomeImport } from "./components/IncomeImport";
import { IncomesPage } from "./IncomesPage";

const income = (id: number, version: number, netCents = 100000): Income => ({
  id,
  personId: 7,
  month: "2026-07",
  netCents,
  kind: "work",
  source: "self_reported",
  payer: "Albert Heijn",
  receivedAt: "2026-07-31 10:00:00+00",
  version,
});

let stored: Income[] = [];

vi.mock("./api", async (importOriginal) => {
  const original = await importOriginal<typeof import("./api")>();
  return {
    ...original,
    incomesApi: {
      ...original.incomesApi,
      personsByBsn: vi.fn(async () => [
        {
          id: 7,
          family_name: "Shevchenko",
          given_names: "Olena",
          family_name_cyrillic: null,
          given_names_cyrillic: null,
          birth_date: "1980-01-01",
          bsn: "999993653",
          household_id: 12,
        },
      ]),
      incomes: vi.fn(
        async (): Promise<IncomeList> => ({
          personId: 7,
          months: [{ month: "2026-07", totalsBySource: {}, incomes: stored }],
        }),
      ),
      addIncome: vi.fn(async () => ({})),
      correctIncome: vi.fn(async () => ({})),
      removeIncome: vi.fn(async () => undefined),
    },
  };
});

async function openPerson() {
  const rendered = await render(<IncomesPage />, { user: demoUser("caseworker") });
  await type(inputByLabel(rendered.container, "BSN"), "999993653");
  await submit(rendered.container.querySelector('[data-testid="person-lookup"] form'));
  await settle();
  return rendered;
}

describe("incomes page", () => {
  afterEach(() => {
    cleanup();
    vi.clearAllMocks();
  });

  it("removes an income entered in error, with a reason and the version read", async () => {
    stored = [income(5, 3)];
    const { container } = await openPerson();
    await click(container.querySelector('[data-testid="income-remove-5"]'));
    const form = container.querySelector('[data-testid="income-remove-form"]');
    await submit(form);
    expect(form?.textContent).toContain("Geef een reden op.");
    await type(inputByLabel(container, "Reden van het verwijderen"), "bij de verkeerde persoon");
    await submit(form);
    expect(incomesApi.removeIncome).toHaveBeenCalledWith(5, "bij de verkeerde persoon", 3);
    expect(container.querySelector('[data-testid="income-message"]')?.textContent).toBe(
      "Het inkomen van juli 2026 is verwijderd.",
    );
  });

  it("offers to correct the income a second entry for the month would duplicate", async () => {
    stored = [income(5, 3)];
    vi.mocked(incomesApi.addIncome).mockRejectedValueOnce(
      new ApiError(409, "conflict", "exists", [], { id: 5, version: 3 }),
    );
    const { container } = await openPerson();
    const entry = container.querySelector('[data-testid="income-form"]');
    await type(inputByLabel(container, "Maand"), "2026-07");
    await type(inputByLabel(container, "Netto bedrag"), "900");
    await submit(entry);
    expect(entry?.textContent).toContain("Corrigeer dat inkomen");
    await click(container.querySelector('[data-testid="income-correct-existing"]'));
    const correct = container.querySelector('[data-testid="income-correct-form"]');
    expect(correct?.querySelector("h3")?.textContent).toBe("Inkomen van juli 2026 corrigeren");
    expect((correct?.querySelector('input[inputmode="decimal"]') as HTMLInputElement)?.value).toBe(
      "1000,00",
    );
  });

  it("speaks Ukrainian in the correction, its errors included", async () => {
    stored = [income(5, 3)];
    vi.mocked(incomesApi.correctIncome).mockRejectedValueOnce(
      new ApiError(400, "validation_error", "…", [
        { path: "source", code: "imported_income", message: "delivered by the Inlichtingenbureau" },
      ]),
    );
    const rendered = await render(<IncomesPage />, {
      user: demoUser("caseworker"),
      language: "uk",
    });
    await type(inputByLabel(rendered.container, "Номер BSN"), "999993653");
    await submit(rendered.container.querySelector('[data-testid="person-lookup"] form'));
    await settle();
    await click(rendered.container.querySelector('[data-testid="income-correct-5"]'));
    await type(inputByLabel(rendered.container, "Причина виправлення"), "розрахунковий листок");
    await submit(rendered.container.querySelector('[data-testid="income-correct-form"]'));
    const text = rendered.container.textContent ?? "";
    expect(text).toContain("Цей дохід надало Inlichtingenbureau, його не можна змінити.");
    expect(text).not.toContain("delivered by");
  });
});

describe("income import errors", () => {
  afterEach(cleanup);

  it("explains a wrong header in the reader's language, without the server's English", async () => {
    const refuse = async () => {
      throw new ApiError(400, "validation_error", "line 1: expected the header …", [
        {
          path: "line 1",
          code: "csv_header",
          message: "expected the header bsn,month,net_amount,kind,payer: it lacks the column month",
          params: {
            expected: "bsn,month,net_amount,kind,payer",
            problem: "missing_columns",
            missing: "month",
            count: 1,
          },
        },
      ]);
    };
    const pick = async (container: HTMLElement) => {
      const input = container.querySelector<HTMLInputElement>('input[type="file"]');
      Object.defineProperty(input, "files", {
        value: [new File(["bsn,net_amount\n"], "ib.csv", { type: "text/csv" })],
      });
      await submit(container.querySelector("form"));
      await settle();
      return container.querySelector('[data-testid="error-summary"]')?.textContent ?? "";
    };
    const nl = await render(<IncomeImport importFile={refuse} />);
    const dutch = await pick(nl.container);
    expect(dutch).toContain("De eerste regel van het bestand klopt niet.");
    expect(dutch).toContain("De kolom month ontbreekt.");
    expect(dutch).not.toContain("expected the header");
    cleanup();
    const uk = await render(<IncomeImport importFile={refuse} />, { language: "uk" });
    const ukrainian = await pick(uk.container);
    expect(ukrainian).toContain("Перший рядок файлу неправильний.");
    expect(ukrainian).toContain("Бракує стовпця month.");
    expect(ukrainian).not.toContain("lacks");
  });
});
