import { useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Code,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { ErrorSummary, Field, Notice } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import {
  IND_DECISION_COLUMNS,
  IND_ROW_CODES,
  IND_ROW_OK,
  type IndReport,
  type IndRowResult,
  type TransitionApi,
} from "../api";
import { formatNumber } from "../format";
import { TRANSITION_KEY } from "../queries";
import { saveFile } from "./download";

const FILE_ID = "ind-file";

function isFault(result: IndRowResult): boolean {
  return !IND_ROW_OK.includes(result.code);
}

/** A refused upload in words: the server's issue code (header, syntax, encoding) or status. */
function problemKey(error: unknown): { key: string; params?: Record<string, string | number> } {
  if (!(error instanceof ApiError)) return { key: "apiErrors.unknown" };
  const issue = error.issues.find((i) =>
    ["csv_header", "csv_syntax", "csv_encoding", "required"].includes(i.code),
  );
  if (issue?.code === "csv_header") {
    return { key: "errors.csv_header", params: { expected: IND_DECISION_COLUMNS.join(",") } };
  }
  if (issue?.code === "csv_syntax") {
    return { key: "errors.csv_syntax", params: { line: issue.params?.line ?? "?" } };
  }
  if (issue) return { key: `errors.${issue.code === "required" ? "fileRequired" : issue.code}` };
  if (error.status === 413) return { key: "ind.tooLarge" };
  return { key: `apiErrors.${error.code}` };
}

/** The IND's export: the eligible cohort as CSV, downloaded with the session. */
function IndExport({ api }: { api: TransitionApi }) {
  const { t } = useTranslation("transition");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="opvang-tr-block" data-testid="ind-export">
      <Heading3>{t("ind.exportHeading")}</Heading3>
      <Paragraph>{t("ind.exportIntro")}</Paragraph>
      <Button
        type="button"
        appearance="secondary-action-button"
        busy={busy}
        disabled={busy}
        data-testid="ind-export-button"
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            const { blob, filename } = await api.indExport();
            saveFile(blob, filename);
          } catch (error) {
            setProblem(error instanceof ApiError ? `apiErrors.${error.code}` : "apiErrors.unknown");
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("ind.exportButton")}
      </Button>
      {problem ? (
        <Notice type="error" testId="ind-export-error">
          {t([problem, "apiErrors.unknown"])}
        </Notice>
      ) : null}
    </div>
  );
}

/** The result of a row in words: what it records (or would), or what is wrong and where. */
function useRowText() {
  const { t } = useTranslation("transition");
  return (result: IndRowResult, report: IndReport) => {
    if (!isFault(result)) {
      const mode = report.stored ? "stored" : report.dryRun ? "would" : "notStored";
      return t(`ind.rowOk.${mode}.${result.code}`);
    }
    return t([`ind.codes.${result.code}`, "ind.codes.other"]);
  };
}

/**
 * The report of an IND import: whether anything was stored (all rows or none), the totals per
 * result, and one row per line of the file with the line, the result in words and the
 * column at fault. Faulty rows come first.
 */
export function IndReportView({ report }: { report: IndReport }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const rowText = useRowText();
  const faults = report.results.filter(isFault).length;
  const rows = [...report.results].sort(
    (a, b) => Number(isFault(b)) - Number(isFault(a)) || a.line - b.line,
  );
  const n = (value: number) => formatNumber(value, language);
  const summary = report.stored
    ? t("ind.summaryStored", { rows: n(report.rows) })
    : faults > 0
      ? t("ind.summaryFaulty", { count: faults, faults: n(faults), rows: n(report.rows) })
      : report.dryRun
        ? t("ind.summaryDryRun", { rows: n(report.rows) })
        : t("ind.summaryNotStored");
  return (
    <section aria-labelledby={`${captionId}-heading`} data-testid="ind-report">
      <Heading3 id={`${captionId}-heading`}>
        {report.dryRun ? t("ind.reportHeadingDryRun") : t("ind.reportHeading")}
      </Heading3>
      <Notice
        type={report.stored ? "ok" : faults > 0 ? "error" : "info"}
        testId="ind-report-summary"
      >
        {summary}
      </Notice>
      <DataList className="opvang-tr-figures" data-testid="ind-report-counts">
        {IND_ROW_CODES.filter((code) => (report.counts[code] ?? 0) > 0).map((code) => (
          <DataListItem key={code}>
            <DataListKey>
              {IND_ROW_OK.includes(code)
                ? t(`ind.rowOk.${report.stored ? "stored" : "would"}.${code}`)
                : t(`ind.codes.${code}`)}
            </DataListKey>
            <DataListValue>{n(report.counts[code] ?? 0)}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {rows.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-tr-compact" data-testid="ind-report-rows">
            <TableCaption id={captionId}>{t("ind.rowsCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("ind.line")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("ind.result")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("ind.field")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((result) => (
                <TableRow
                  key={result.line}
                  data-testid="ind-row"
                  data-line={result.line}
                  data-code={result.code}
                  className={isFault(result) ? "opvang-loc-row--problem" : undefined}
                >
                  <TableHeaderCell scope="row" className="opvang-loc-num">
                    {result.line}
                  </TableHeaderCell>
                  <TableCell>{rowText(result, report)}</TableCell>
                  <TableCell>
                    {result.field ? (
                      <>
                        {t([`ind.columns.${result.field}`, "ind.columns.other"])}{" "}
                        <Code>{result.field}</Code>
                      </>
                    ) : (
                      "–"
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </section>
  );
}

/**
 * The import of the IND's decisions: a check first (dry run: nothing is stored), then the
 * import of the same file, offered only when every row can be recorded. The server stores
 * all rows or none; the report says which.
 */
function IndImport({ api }: { api: TransitionApi }) {
  const { t } = useTranslation("transition");
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<{
    key: string;
    params?: Record<string, string | number>;
  } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [report, setReport] = useState<IndReport | null>(null);
  /** The text of the file that passed the check, so the import sends what was checked. */
  const [checked, setChecked] = useState<string | null>(null);

  async function send(text: string, dryRun: boolean) {
    setBusy(dryRun ? "check" : "import");
    setProblem(null);
    setReport(null);
    try {
      const answer = await api.indImport(new Blob([text], { type: "text/csv" }), dryRun);
      setReport(answer);
      const clean = answer.results.every((r) => !isFault(r));
      setChecked(dryRun && clean ? text : null);
      if (answer.stored) await queryClient.invalidateQueries({ queryKey: TRANSITION_KEY });
    } catch (error) {
      setChecked(null);
      setProblem(problemKey(error));
      setAttempt((a) => a + 1);
    } finally {
      setBusy(null);
    }
  }

  async function handleCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFileError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError("errors.fileRequired");
      setAttempt((a) => a + 1);
      return;
    }
    await send(await file.text(), true);
  }

  return (
    <div className="opvang-tr-block" data-testid="ind-import">
      <Heading3>{t("ind.importHeading")}</Heading3>
      <Paragraph>{t("ind.importIntro")}</Paragraph>
      <Paragraph>
        {t("ind.formatIntro")} <Code>{IND_DECISION_COLUMNS.join(",")}</Code>
      </Paragraph>
      <form
        className="opvang-form opvang-loc-subform"
        noValidate
        onSubmit={handleCheck}
        aria-busy={busy !== null}
      >
        <ErrorSummary
          title={t("form.errorSummary", { count: 1 })}
          items={
            fileError
              ? [{ fieldId: FILE_ID, label: t("ind.file"), text: t(fileError) }]
              : problem
                ? [{ text: t([problem.key, "apiErrors.unknown"], problem.params ?? {}) }]
                : []
          }
          attempt={attempt}
        />
        <Field
          id={FILE_ID}
          label={t("ind.file")}
          description={t("ind.fileHint")}
          error={fileError ? t(fileError) : null}
        >
          {({ invalid: _invalid, ...control }) => (
            // The browser's own file button speaks the browser's language, not the user's
            // choice: it is hidden behind a button in the chosen language, and stays
            // focusable and labelled by the field's label.
            <div className="opvang-tr-file">
              <input
                {...control}
                ref={fileRef}
                name="file"
                type="file"
                accept=".csv,text/csv"
                className="opvang-tr-file__input"
                onChange={(event) => {
                  setFileName(event.currentTarget.files?.[0]?.name ?? null);
                  setFileError(null);
                  setChecked(null);
                  setReport(null);
                }}
              />
              <label
                htmlFor={FILE_ID}
                aria-hidden="true"
                className="utrecht-button utrecht-button--secondary-action opvang-tr-file__button"
              >
                {t("ind.chooseFile")}
              </label>
              <span className="opvang-tr-file__name" data-testid="ind-file-name">
                {fileName ?? t("ind.noFile")}
              </span>
            </div>
          )}
        </Field>
        <div className="opvang-tr-actions">
          <Button
            type="submit"
            appearance={checked ? "secondary-action-button" : "primary-action-button"}
            busy={busy === "check"}
            disabled={busy !== null}
            data-testid="ind-check"
          >
            {busy === "check" ? t("ind.checking") : t("ind.check")}
          </Button>
          {checked ? (
            <Button
              type="button"
              appearance="primary-action-button"
              busy={busy === "import"}
              disabled={busy !== null}
              data-testid="ind-import-button"
              onClick={() => void send(checked, false)}
            >
              {busy === "import" ? t("ind.importing") : t("ind.import")}
            </Button>
          ) : null}
        </div>
      </form>
      {busy ? (
        <Paragraph role="status" className="opvang-loading">
          {busy === "check" ? t("ind.checking") : t("ind.importing")}
        </Paragraph>
      ) : null}
      {report ? <IndReportView report={report} /> : null}
    </div>
  );
}

/** The caseworker's exchange with the IND: the eligible cohort out, the decisions in. */
export function IndExchange({ api }: { api: TransitionApi }) {
  const { t } = useTranslation("transition");
  const headingId = useId();
  return (
    <section className="opvang-loc-section" aria-labelledby={headingId} data-testid="ind">
      <Heading2 id={headingId}>{t("ind.heading")}</Heading2>
      <IndExport api={api} />
      <IndImport api={api} />
    </section>
  );
}
