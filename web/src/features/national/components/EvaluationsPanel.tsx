import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading3,
  Heading4,
  Paragraph,
  RadioButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  Field,
  FormActions,
  Notice,
  topLevelField,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import {
  EVALUATION_DECISIONS,
  type EvaluationDecision,
  type ForecastEvaluation,
  type ForecastEvaluations,
  type NationalApi,
} from "../api";
import { formatDate, formatNumber, formatSignedDecimal, todayNl } from "../format";
import { EVALUATIONS_KEY, evaluationsQuery, FORECAST_KEY } from "../queries";
import { Loading, LoadProblem, NATIONAL_ERRORS } from "./Common";

const FIELDS = ["decision", "note"] as const;
type EvaluationField = (typeof FIELDS)[number];
const NOTE_MAX = 2000;

/** When the next re-evaluation is due; late (or none yet) as a warning. */
function NextDue({ data }: { data: ForecastEvaluations }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  if (data.nextDue === null) {
    return (
      <Notice type="warning" testId="evaluation-due">
        {t("evaluations.noneYet")}
      </Notice>
    );
  }
  const date = formatDate(data.nextDue, language);
  return data.overdue ? (
    <Notice type="warning" testId="evaluation-due">
      {t("evaluations.overdue", { date })}
    </Notice>
  ) : (
    <Paragraph data-testid="evaluation-due">{t("evaluations.nextDue", { date })}</Paragraph>
  );
}

/** The re-evaluations recorded, newest first, with the forecast as it was then. */
function EvaluationsTable({ evaluations }: { evaluations: ForecastEvaluation[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  if (evaluations.length === 0) {
    return <Paragraph data-testid="evaluations-empty">{t("evaluations.empty")}</Paragraph>;
  }
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-nat-table" data-testid="evaluations-table">
        <TableCaption id={captionId}>{t("evaluations.caption")}</TableCaption>
        <TableHeader>
          <TableRow>
            {["date", "decision", "note", "by", "level", "needed"].map((c) => (
              <TableHeaderCell
                key={c}
                scope="col"
                className={c === "level" || c === "needed" ? "opvang-loc-num" : undefined}
              >
                {t(`evaluations.columns.${c}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {evaluations.map((e) => (
            <TableRow key={e.id} data-testid="evaluation-row" data-id={e.id}>
              <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                {formatDate(e.evaluatedOn, language)}
              </TableHeaderCell>
              <TableCell data-column="decision">
                {t(`evaluations.decisions.${e.decision}`)}
              </TableCell>
              <TableCell className="opvang-nat-notecell">{e.note ?? "–"}</TableCell>
              <TableCell>{e.evaluatedBy ?? "–"}</TableCell>
              <TableCell className="opvang-loc-num">
                {e.forecast.level === null
                  ? "–"
                  : t("evaluations.perWeek", {
                      value: formatSignedDecimal(e.forecast.level, language),
                    })}
              </TableCell>
              <TableCell className="opvang-loc-num">
                {e.forecast.placesNeeded === null ? (
                  "–"
                ) : (
                  <>
                    {formatNumber(e.forecast.placesNeeded, language)}
                    <span className="opvang-nat-days">
                      {t("evaluations.neededOn", { date: formatDate(e.forecast.at, language) })}
                    </span>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

/** Recording today's re-evaluation: kept or changed, and why. */
function EvaluationForm({ api }: { api: NationalApi }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useForm<EvaluationField>(NATIONAL_ERRORS);
  const [decision, setDecision] = useState<EvaluationDecision | "">("");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<ForecastEvaluation | null>(null);
  const id = (field: EvaluationField) => `evaluation-${field}`;
  const decisionError = form.error("decision");

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    if (!decision) {
      form.fail({ decision: { key: "errors.required" } });
      return;
    }
    await form.run(async () => {
      setSaved(await api.recordEvaluation({ decision, note: note.trim() || null }));
      await queryClient.invalidateQueries({ queryKey: EVALUATIONS_KEY });
      // The forecast of today is what was recorded: read it again with the list.
      await queryClient.invalidateQueries({ queryKey: [...FORECAST_KEY, todayNl()] });
      setDecision("");
      setNote("");
    }, topLevelField(FIELDS));
  }

  return (
    <section
      className="opvang-nat-subsection"
      aria-labelledby={headingId}
      data-testid="evaluation-form-section"
    >
      <Heading4 id={headingId}>{t("evaluations.form.heading")}</Heading4>
      <Paragraph>
        {t("evaluations.form.intro", { date: formatDate(todayNl(), language) })}
      </Paragraph>
      {saved ? (
        <Notice type="ok" testId="evaluation-saved">
          {t("evaluations.form.saved", {
            date: formatDate(saved.evaluatedOn, language),
            decision: t(`evaluations.decisions.${saved.decision}`),
          })}
        </Notice>
      ) : null}
      <form
        className="opvang-nat-form"
        noValidate
        onSubmit={handleSubmit}
        aria-busy={form.busy}
        data-testid="evaluation-form"
      >
        <ErrorSummary
          {...form.summary(
            { decision: t("evaluations.form.decision"), note: t("evaluations.form.note") },
            (field) =>
              field === "decision" ? `${id("decision")}-${EVALUATION_DECISIONS[0]}` : id(field),
          )}
        />
        <Fieldset
          invalid={Boolean(decisionError)}
          data-field={`${id("decision")}-${EVALUATION_DECISIONS[0]}`}
          data-testid="evaluation-decision"
          aria-describedby={decisionError ? `${id("decision")}-error` : undefined}
        >
          <FieldsetLegend>{t("evaluations.form.decision")}</FieldsetLegend>
          <FormFieldDescription>{t("evaluations.form.decisionHint")}</FormFieldDescription>
          {decisionError ? (
            <FormFieldErrorMessage id={`${id("decision")}-error`}>
              {decisionError}
            </FormFieldErrorMessage>
          ) : null}
          {EVALUATION_DECISIONS.map((code) => {
            const inputId = `${id("decision")}-${code}`;
            return (
              <FormField key={code} type="radio">
                <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                  <FormLabel htmlFor={inputId} type="radio" checked={decision === code}>
                    <RadioButton
                      id={inputId}
                      name={id("decision")}
                      value={code}
                      className="utrecht-form-field__input"
                      invalid={Boolean(decisionError)}
                      checked={decision === code}
                      onChange={() => setDecision(code)}
                    />
                    {t(`evaluations.form.decisions.${code}`)}
                  </FormLabel>
                </div>
              </FormField>
            );
          })}
        </Fieldset>
        <Field
          id={id("note")}
          label={t("evaluations.form.note")}
          description={t("evaluations.form.noteHint")}
          error={form.error("note")}
          className="opvang-nat-note"
        >
          {({ invalid, ...control }) => (
            <Textarea
              {...control}
              invalid={invalid}
              name={id("note")}
              rows={3}
              value={note}
              maxLength={NOTE_MAX}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        <FormActions busy={form.busy} submit={t("evaluations.form.submit")} />
      </form>
    </section>
  );
}

/**
 * The two-monthly re-evaluations of the forecast (permission `national.forecast`): when
 * the next is due (a warning when late), those recorded, and the form to record today's.
 */
export function EvaluationsPanel({ api }: { api: NationalApi }) {
  const { t } = useTranslation("national");
  const headingId = useId();
  const evaluations = useQuery(evaluationsQuery(api));
  return (
    <section
      className="opvang-nat-subsection"
      aria-labelledby={headingId}
      data-testid="evaluations"
    >
      <Heading3 id={headingId}>{t("evaluations.heading")}</Heading3>
      <Paragraph>{t("evaluations.intro")}</Paragraph>
      {evaluations.isError ? (
        <LoadProblem error={asApiError(evaluations.error)} testId="evaluations-error" />
      ) : null}
      {evaluations.isPending ? <Loading /> : null}
      {evaluations.data ? (
        <>
          <NextDue data={evaluations.data} />
          {evaluations.data.evaluations.length > 0 || evaluations.data.nextDue !== null ? (
            <EvaluationsTable evaluations={evaluations.data.evaluations} />
          ) : null}
        </>
      ) : null}
      <EvaluationForm api={api} />
    </section>
  );
}
