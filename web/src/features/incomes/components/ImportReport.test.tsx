import { afterEach, describe, expect, it } from "vitest";
import { byText, cleanup, click, render } from "../../../test/render";
import type { ImportReport as Report } from "../api";
import { bsnByLine } from "../csv";
import { ImportReport, REPORT_PAGE_ROWS } from "./ImportReport";

const FILE = [
  "bsn,month,net_amount,kind,payer",
  "999993653,2025-07,1234.56,work,Albert Heijn B.V.",
  "999993653,2025-07,12.345,work,UWV",
  "123456782,2025-07,100,work,X",
  "111222333,2025-07,100,work,X",
  "999993653,2025-07,1234.56,work,Albert Heijn B.V.",
  "12345,2025-07,1,work,X",
  "999993653,2021-01,1,work,X",
  "999993653,2025-07,1,salary,X",
  "999993653,2025-07,1,work,",
  "999993653,2025-07,1,work,X,extra",
  "999993653,2025-07,1,work,\u0007",
  "999993653,2025-06,10,work,X",
  "999993653,2025-05,10,work,X",
].join("\n");

const report: Report = {
  dryRun: false,
  rows: 13,
  counts: {
    matched: 3,
    inserted: 1,
    updated: 1,
    unchanged: 1,
    invalid_amount: 1,
    unknown_bsn: 2,
    duplicate: 1,
    invalid_bsn: 1,
    invalid_month: 1,
    invalid_kind: 1,
    missing_field: 1,
    too_many_fields: 1,
    invalid_payer: 1,
  },
  personsAffected: 1,
  results: [
    { line: 2, code: "matched", change: "inserted", personId: 7 },
    { line: 3, code: "invalid_amount", message: "…" },
    { line: 4, code: "unknown_bsn", message: "…" },
    // A BSN of another municipality's person reads as unknown: the file learns nothing more.
    { line: 5, code: "unknown_bsn", message: "…" },
    { line: 6, code: "duplicate", firstLine: 2, message: "…" },
    { line: 7, code: "invalid_bsn", message: "…" },
    { line: 8, code: "invalid_month", message: "…" },
    { line: 9, code: "invalid_kind", message: "…" },
    { line: 10, code: "missing_field", message: "…" },
    { line: 11, code: "too_many_fields", message: "…" },
    { line: 12, code: "invalid_payer", message: "…" },
    { line: 13, code: "matched", change: "updated", personId: 7 },
    { line: 14, code: "matched", change: "unchanged", personId: 7 },
  ],
};

function resultOf(container: HTMLElement, line: number) {
  const row = container.querySelector(`[data-testid="import-row"][data-line="${line}"]`);
  const cells = [...(row?.querySelectorAll("th, td") ?? [])].map((c) => c.textContent ?? "");
  return { line: cells[0], bsn: cells[1], result: cells[2] };
}

describe("import report", () => {
  afterEach(cleanup);

  it("names every result code in Dutch, with the BSN masked", async () => {
    const { container } = await render(<ImportReport report={report} bsns={bsnByLine(FILE)} />);
    const expected: Record<number, string> = {
      2: "Gekoppeld, opgeslagen",
      3: "Ongeldig bedrag",
      4: "Onbekend BSN",
      5: "Onbekend BSN",
      6: "Dubbele regel (zelfde als regel 2)",
      7: "Ongeldig BSN",
      8: "Ongeldige maand",
      9: "Ongeldige soort inkomen",
      10: "Veld ontbreekt",
      11: "Te veel velden",
      12: "Ongeldige werkgever of uitkeringsinstantie",
      13: "Gekoppeld, bedrag gewijzigd",
      14: "Gekoppeld, ongewijzigd",
    };
    for (const [line, text] of Object.entries(expected)) {
      expect(resultOf(container, Number(line)).result, `line ${line}`).toBe(text);
    }
    expect(resultOf(container, 2).bsn).toBe("******653");
    expect(resultOf(container, 4).bsn).toBe("******782");
    expect(resultOf(container, 7).bsn).toBe("**345");
    expect(container.textContent).not.toContain("999993653");
    // Faulty rows first.
    const lines = [...container.querySelectorAll('[data-testid="import-row"]')].map((r) =>
      r.getAttribute("data-line"),
    );
    expect(lines.slice(0, 2)).toEqual(["3", "4"]);
    expect(lines.at(-1)).toBe("14");
    expect(container.querySelector('[data-testid="import-summary"]')?.textContent).toBe(
      "13 regels verwerkt: 1 nieuw opgeslagen, 1 bijgewerkt met een ander bedrag, 1 ongewijzigd (stonden er al zo), 10 met een probleem.",
    );
  });

  it("says a re-import stored nothing: inserted, updated and unchanged apart, in each language", async () => {
    const again: Report = {
      dryRun: false,
      rows: 3,
      counts: { matched: 3, inserted: 0, updated: 0, unchanged: 3 },
      personsAffected: 0,
      results: [2, 3, 4].map((line) => ({
        line,
        code: "matched" as const,
        change: "unchanged" as const,
        personId: 7,
      })),
    };
    const summary = (c: HTMLElement) =>
      c.querySelector('[data-testid="import-summary"]')?.textContent;
    const nl = await render(<ImportReport report={again} />);
    expect(summary(nl.container)).toBe(
      "3 regels verwerkt: 0 nieuw opgeslagen, 0 bijgewerkt met een ander bedrag, 3 ongewijzigd (stonden er al zo), 0 met een probleem.",
    );
    expect(nl.container.textContent).toContain("Er is niets gewijzigd");
    expect(nl.container.textContent).not.toContain("gekoppeld en opgeslagen");
    const uk = await render(<ImportReport report={again} />, { language: "uk" });
    expect(summary(uk.container)).toBe(
      "Оброблено рядків: 3; збережено нових: 0; оновлено (інша сума): 0; без змін (уже були збережені): 3; з проблемою: 0.",
    );
    const en = await render(<ImportReport report={again} />, { language: "en" });
    expect(summary(en.container)).toContain(
      "0 newly stored, 0 updated with another amount, 3 unchanged",
    );
  });

  it("names every result code in Ukrainian and English", async () => {
    const uk = await render(<ImportReport report={report} bsns={bsnByLine(FILE)} />, {
      language: "uk",
    });
    expect(resultOf(uk.container, 3).result).toBe("Недійсна сума");
    expect(resultOf(uk.container, 5).result).toBe("Невідомий номер BSN");
    expect(resultOf(uk.container, 2).result).toBe("Зіставлено, збережено");
    const en = await render(<ImportReport report={report} bsns={bsnByLine(FILE)} />, {
      language: "en",
    });
    expect(resultOf(en.container, 3).result).toBe("Invalid amount");
    expect(resultOf(en.container, 10).result).toBe("Missing field");
    expect(resultOf(en.container, 14).result).toBe("Matched, unchanged");
  });

  it("says a dry run stored nothing", async () => {
    const { container } = await render(<ImportReport report={{ ...report, dryRun: true }} />);
    expect(container.querySelector("h2")?.textContent).toBe(
      "Resultaat van de controle (niets opgeslagen)",
    );
    expect(resultOf(container, 2).result).toBe("Gekoppeld, zou worden opgeslagen");
    expect(resultOf(container, 2).bsn).toBe("–");
  });

  it("shows a large file a page at a time, faulty rows first, and starts a new report on its first page", async () => {
    // 250 lines: every tenth faulty.
    const results: Report["results"] = Array.from({ length: 250 }, (_, i) =>
      i % 10 === 9
        ? { line: i + 2, code: "unknown_bsn" as const, message: "…" }
        : { line: i + 2, code: "matched" as const, change: "inserted" as const, personId: i },
    );
    const big: Report = { ...report, rows: 250, results };
    const { container, rerender } = await render(<ImportReport report={big} />);
    const lines = () =>
      [...container.querySelectorAll('[data-testid="import-row"]')].map((r) =>
        Number(r.getAttribute("data-line")),
      );
    const status = () => container.querySelector('[data-testid="import-page-status"]')?.textContent;
    expect(lines()).toHaveLength(REPORT_PAGE_ROWS);
    // The 25 faulty lines first, then the matched ones in line order.
    expect(lines().slice(0, 25)).toEqual(
      results.filter((r) => r.code !== "matched").map((r) => r.line),
    );
    expect(lines()[25]).toBe(2);
    expect(status()).toBe("Regels 1–100 van 250");
    const previous = () => byText(container, "button", "Vorige pagina") as HTMLButtonElement;
    const next = () => byText(container, "button", "Volgende pagina") as HTMLButtonElement;
    expect(previous().disabled).toBe(true);
    await click(next());
    expect(status()).toBe("Regels 101–200 van 250");
    await click(next());
    expect(status()).toBe("Regels 201–250 van 250");
    expect(lines()).toHaveLength(50);
    expect(lines().at(-1)).toBe(250); // line 251 is faulty, on the first page
    expect(next().disabled).toBe(true);
    await click(previous());
    expect(status()).toBe("Regels 101–200 van 250");
    // Another import's report: its first page.
    await rerender(<ImportReport report={{ ...big, results: [...results] }} />);
    expect(status()).toBe("Regels 1–100 van 250");
  });

  it("has no page buttons for a file that fits one page", async () => {
    const { container } = await render(<ImportReport report={report} />);
    expect(container.querySelector('[data-testid="import-pages"]')).toBeNull();
  });
});
