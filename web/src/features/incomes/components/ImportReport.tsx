import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { formatNumber, maskBsn } from "../../locations/format";
import { IMPORT_ROW_CODES, type ImportRowResult, type ImportReport as Report } from "../api";

export interface ImportReportProps {
  report: Report;
  /** The BSN of each line of the file sent, to show masked (the report never repeats it). */
  bsns?: Map<number, string>;
}

function isProblem(result: ImportRowResult): boolean {
  return result.code !== "matched";
}

/** The result of a row in words: the code, and for stored rows what changed. */
function useResultText() {
  const { t } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  return (result: ImportRowResult, dryRun: boolean): string => {
    if (result.code === "matched") {
      const change = result.change ?? "inserted";
      return t(dryRun ? `import.wouldChange.${change}` : `import.change.${change}`);
    }
    if (result.code === "duplicate" && result.firstLine !== undefined) {
      return t("import.codes.duplicateOf", { line: result.firstLine });
    }
    return t([`import.codes.${result.code}`, "import.codes.unknown"]);
  };
}

/** Lines of the file shown at a time: a monthly file has up to 150,000. */
export const REPORT_PAGE_ROWS = 100;

/**
 * The answer of an income import: the totals per result, and one row per line of the file
 * with its (masked) BSN and the result in the chosen language, a page at a time. Faulty
 * rows come first.
 */
export function ImportReport({ report, bsns }: ImportReportProps) {
  const { t, i18n } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  const language = currentLanguage(i18n);
  const headingId = useId();
  const resultText = useResultText();
  const rows = useMemo(
    () =>
      [...report.results].sort(
        (a, b) => Number(isProblem(b)) - Number(isProblem(a)) || a.line - b.line,
      ),
    [report],
  );
  // The page belongs to the report it was chosen in: a new report starts on its first.
  const [paged, setPaged] = useState({ report, page: 0 });
  const page = paged.report === report ? paged.page : 0;
  const setPage = (next: number) => setPaged({ report, page: next });
  const pages = Math.ceil(rows.length / REPORT_PAGE_ROWS);
  const first = page * REPORT_PAGE_ROWS;
  const shown = rows.slice(first, first + REPORT_PAGE_ROWS);
  const problems = useMemo(() => report.results.filter(isProblem).length, [report]);
  const count = (key: string) => report.counts[key] ?? 0;
  const changeKeys = ["inserted", "updated", "unchanged"] as const;
  return (
    <section aria-labelledby={headingId} data-testid="import-report">
      <Heading2 id={headingId}>
        {report.dryRun ? t("import.reportHeadingDryRun") : t("import.reportHeading")}
      </Heading2>
      <Paragraph data-testid="import-summary">
        {t(report.dryRun ? "import.summaryDryRun" : "import.summary", {
          rows: formatNumber(report.rows, language),
          inserted: formatNumber(count("inserted"), language),
          updated: formatNumber(count("updated"), language),
          unchanged: formatNumber(count("unchanged"), language),
          problems: formatNumber(problems, language),
        })}
      </Paragraph>
      {!report.dryRun && count("matched") > 0 && count("inserted") + count("updated") === 0 ? (
        <Paragraph data-testid="import-nothing-changed">{t("import.nothingChanged")}</Paragraph>
      ) : null}
      <DataList className="opvang-loc-datalist" data-testid="import-totals">
        {changeKeys.map((key) => (
          <DataListItem key={key}>
            <DataListKey>
              {t(report.dryRun ? `import.wouldChange.${key}` : `import.change.${key}`)}
            </DataListKey>
            <DataListValue>{formatNumber(count(key), language)}</DataListValue>
          </DataListItem>
        ))}
        {IMPORT_ROW_CODES.filter((code) => code !== "matched" && count(code) > 0).map((code) => (
          <DataListItem key={code}>
            <DataListKey>{t(`import.codes.${code}`)}</DataListKey>
            <DataListValue>{formatNumber(count(code), language)}</DataListValue>
          </DataListItem>
        ))}
        <DataListItem>
          <DataListKey>{t("import.personsAffected")}</DataListKey>
          <DataListValue>{formatNumber(report.personsAffected, language)}</DataListValue>
        </DataListItem>
      </DataList>
      {rows.length > 0 ? (
        <ScrollTable label={t("import.tableCaption")}>
          <Table className="opvang-loc-table" data-testid="import-rows">
            <TableCaption>{t("import.tableCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("import.line")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("import.bsn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("import.result")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((result) => (
                <TableRow
                  key={result.line}
                  data-testid="import-row"
                  data-line={result.line}
                  data-code={result.code}
                  className={isProblem(result) ? "opvang-loc-row--problem" : undefined}
                >
                  <TableHeaderCell scope="row" className="opvang-loc-num">
                    {result.line}
                  </TableHeaderCell>
                  <TableCell className="opvang-loc-bsn">
                    {maskBsn(bsns?.get(result.line))}
                  </TableCell>
                  <TableCell>{resultText(result, report.dryRun)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t("import.pagesLabel")} data-testid="import-pages">
          <Paragraph aria-live="polite" data-testid="import-page-status">
            {t("import.pageStatus", {
              from: formatNumber(first + 1, language),
              to: formatNumber(first + shown.length, language),
              total: formatNumber(rows.length, language),
            })}
          </Paragraph>
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={page === 0}
              onClick={() => setPage(page - 1)}
            >
              {t("import.previousPage")}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={page >= pages - 1}
              onClick={() => setPage(page + 1)}
            >
              {t("import.nextPage")}
            </Button>
          </ButtonGroup>
        </nav>
      ) : null}
    </section>
  );
}
