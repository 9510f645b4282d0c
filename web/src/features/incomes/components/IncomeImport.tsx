import {
  Code,
  Heading2,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { CheckboxField, ErrorSummary, Field, FormActions } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { formErrorKeys } from "../../locations/errors";
import { incomesApi, type ImportReport as Report } from "../api";
import { bsnByLine } from "../csv";
import { ImportReport } from "./ImportReport";

const COLUMNS = ["bsn", "month", "net_amount", "kind", "payer"] as const;
const FILE_ID = "import-file";

interface ImportProblem {
  /** Catalog keys, most specific first: never the server's English message. */
  keys: string[];
  params?: Record<string, string | number>;
  /** A second sentence: what exactly is wrong with the header. */
  detail?: { key: string; params: Record<string, string | number> };
}

const HEADER_PROBLEMS = [
  "semicolons",
  "no_known_column",
  "missing_columns",
  "column_count",
  "column_order",
];

/** The server's refusal in the reader's language (the codes and their values, not its text). */
export function problemFrom(error: unknown): ImportProblem {
  if (!(error instanceof ApiError)) return { keys: formErrorKeys("unknown") };
  const header = error.issues.find((i) => i.code === "csv_header");
  if (header) {
    const problem = String(header.params?.problem ?? "");
    return {
      keys: ["import.headerError"],
      params: { expected: String(header.params?.expected ?? COLUMNS.join(",")) },
      detail: HEADER_PROBLEMS.includes(problem)
        ? {
            key: `import.headerProblems.${problem}`,
            params: {
              missing: String(header.params?.missing ?? ""),
              count: Number(header.params?.count ?? 0),
              columns: COLUMNS.length,
            },
          }
        : undefined,
    };
  }
  const syntax = error.issues.find((i) => i.code === "csv_syntax");
  if (syntax) return { keys: ["import.syntaxError"], params: { line: lineOf(syntax.params) } };
  const encoding = error.issues.find((i) => i.code === "csv_encoding");
  if (encoding) {
    return { keys: ["import.encodingError"], params: { line: lineOf(encoding.params) } };
  }
  if (error.status === 413) return { keys: ["import.tooLarge"] };
  if (error.status === 415) return { keys: ["import.wrongType"] };
  return { keys: formErrorKeys(error.code) };
}

function lineOf(params: Record<string, string | number> | undefined): string {
  const line = params?.line;
  return typeof line === "number" || (typeof line === "string" && /^\d+$/.test(line))
    ? String(line)
    : "?";
}

/** The Inlichtingenbureau import: the columns explained, the file, a check-only option. */
export function IncomeImport({
  importFile = incomesApi.importIncomes,
}: {
  importFile?: (file: Blob, dryRun: boolean) => Promise<Report>;
}) {
  const { t } = useTranslation(["incomes", "locations"], { nsMode: "fallback" });
  const headingId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report: Report; bsns: Map<number, string> } | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setFileError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError("import.fileRequired");
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const text = await file.text();
      const report = await importFile(new Blob([text], { type: "text/csv" }), dryRun);
      setResult({ report, bsns: bsnByLine(text) });
    } catch (error) {
      setProblem(problemFrom(error));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const problemText = problem
    ? [
        t(problem.keys, problem.params ?? {}),
        problem.detail ? t(problem.detail.key, problem.detail.params) : "",
      ]
        .filter(Boolean)
        .join(" ")
    : null;

  return (
    <section aria-labelledby={headingId} className="opvang-loc-section" data-testid="income-import">
      <Heading2 id={headingId}>{t("import.heading")}</Heading2>
      <Paragraph>{t("import.intro")}</Paragraph>
      <Paragraph>{t("import.formatIntro")}</Paragraph>
      <Paragraph>
        <Code>{COLUMNS.join(",")}</Code>
      </Paragraph>
      <ScrollTable label={t("import.columnsCaption")}>
        <Table className="opvang-loc-table" data-testid="import-columns">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("import.column")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("import.content")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {COLUMNS.map((column) => (
              <TableRow key={column}>
                <TableHeaderCell scope="row">
                  <Code>{column}</Code>
                </TableHeaderCell>
                <TableCell>{t(`import.columns.${column}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
      <Paragraph>
        {t("import.formatMore")}{" "}
        <Link href="/api/docs" target="_blank" rel="noopener">
          {t("import.formatLink")}
        </Link>
      </Paragraph>

      <form className="opvang-form" noValidate onSubmit={handleSubmit} aria-busy={busy}>
        <ErrorSummary
          title={t("common.errorSummary")}
          items={
            fileError
              ? [{ fieldId: FILE_ID, label: t("import.file"), text: t(fileError) }]
              : problemText
                ? [{ text: problemText }]
                : []
          }
          attempt={attempt}
        />
        <Field
          id={FILE_ID}
          label={t("import.file")}
          description={t("import.fileHint")}
          error={fileError ? t(fileError) : null}
        >
          {({ invalid: _invalid, ...control }) => (
            <input
              {...control}
              ref={fileRef}
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="opvang-loc-file"
              onChange={() => setFileError(null)}
            />
          )}
        </Field>
        <CheckboxField
          id="import-dry-run"
          label={t("import.dryRun")}
          description={t("import.dryRunHint")}
          checked={dryRun}
          onChange={setDryRun}
        />
        <FormActions
          busy={busy}
          submit={busy ? t("import.busy") : dryRun ? t("import.submitDryRun") : t("import.submit")}
        />
      </form>
      {busy ? (
        <Paragraph role="status" className="opvang-loading">
          {t("import.busy")}
        </Paragraph>
      ) : null}
      {result ? <ImportReport report={result.report} bsns={result.bsns} /> : null}
    </section>
  );
}
