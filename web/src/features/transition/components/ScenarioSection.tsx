import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  TextField,
  useForm,
} from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { CUTOFF_PARAMETER, type TransitionApi } from "../api";
import { TRANSITION_ERRORS } from "../errors";
import { formatDate, formatDateTime, isIsoDate } from "../format";
import { scenarioQuery, TRANSITION_KEY } from "../queries";
import { LoadProblem } from "./Common";

const IDS = { value: "scenario-value", note: "scenario-note" } as const;
type Field = (typeof IDS)[keyof typeof IDS];

/**
 * The cut-off date of the transitiedocument's first condition, which the cabinet announced
 * but has not published: its current value (law or scenario, with the note and who set it),
 * and for the national coordinator the form to set or clear the scenario value. Every count
 * recomputes with it, so a change reloads everything under ["transition"].
 */
export function ScenarioSection({ api, canEdit }: { api: TransitionApi; canEdit: boolean }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const queryClient = useQueryClient();
  const scenario = useQuery(scenarioQuery(api));
  const parameter = scenario.data?.parameters.find((p) => p.parameter === CUTOFF_PARAMETER);
  const current = parameter?.scenario ?? null;
  const [value, setValue] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [saved, setSaved] = useState<"set" | "cleared" | null>(null);
  const form = useForm<Field>(TRANSITION_ERRORS);
  // The fields start from the stored value until the coordinator types.
  const shownValue = value ?? current?.value ?? "";
  const shownNote = note ?? current?.note ?? "";

  async function save(next: string | null) {
    setSaved(null);
    const ok = await form.run(
      async () => {
        await api.setScenario(next, next === null ? null : shownNote.trim() || null);
        await queryClient.invalidateQueries({ queryKey: TRANSITION_KEY });
      },
      (path) => (path === "value" ? IDS.value : path === "note" ? IDS.note : null),
    );
    if (ok) {
      setSaved(next === null ? "cleared" : "set");
      setValue(null);
      setNote(null);
    }
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors: FieldErrors<Field> = {};
    if (!shownValue) errors[IDS.value] = { key: "errors.required" };
    else if (!isIsoDate(shownValue)) errors[IDS.value] = { key: "errors.date_format" };
    if (Object.keys(errors).length) return form.fail(errors);
    await save(shownValue);
  }

  const published = parameter?.published ?? null;

  return (
    <section className="opvang-loc-section" aria-labelledby={headingId} data-testid="scenario">
      <Heading2 id={headingId}>{t("scenario.heading")}</Heading2>
      <Paragraph>{t("scenario.intro")}</Paragraph>
      {scenario.isError ? <LoadProblem error={asApiError(scenario.error)} /> : null}
      {scenario.data ? (
        <DataList className="opvang-tr-facts" data-testid="scenario-current">
          <DataListItem>
            <DataListKey>{t("scenario.published")}</DataListKey>
            <DataListValue>
              {published ? formatDate(published, language) : t("scenario.notPublished")}
            </DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t("scenario.value")}</DataListKey>
            <DataListValue>
              <span data-testid="scenario-value-now">
                {current ? formatDate(current.value, language) : t("scenario.none")}
              </span>
            </DataListValue>
          </DataListItem>
          {current ? (
            <>
              <DataListItem>
                <DataListKey>{t("scenario.note")}</DataListKey>
                <DataListValue>{current.note || "–"}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t("scenario.setBy")}</DataListKey>
                <DataListValue>
                  {t("scenario.setByValue", {
                    user: current.setBy ?? "–",
                    at: formatDateTime(current.setAt, language),
                  })}
                </DataListValue>
              </DataListItem>
            </>
          ) : null}
        </DataList>
      ) : null}
      {saved ? (
        <Notice type="ok" testId="scenario-saved">
          {t(saved === "set" ? "scenario.saved" : "scenario.cleared")}
        </Notice>
      ) : null}
      {canEdit ? (
        <form
          className="opvang-form opvang-loc-subform"
          noValidate
          onSubmit={handleSubmit}
          aria-labelledby={headingId}
          aria-busy={form.busy}
          data-testid="scenario-form"
        >
          <ErrorSummary
            {...form.summary({ [IDS.value]: t("scenario.value"), [IDS.note]: t("scenario.note") })}
          />
          <TextField
            id={IDS.value}
            type="date"
            label={t("scenario.value")}
            description={t("scenario.valueHint")}
            value={shownValue}
            onChange={setValue}
            error={form.error(IDS.value)}
            required
          />
          <TextField
            id={IDS.note}
            label={t("scenario.note")}
            description={t("scenario.noteHint")}
            value={shownNote}
            onChange={setNote}
            error={form.error(IDS.note)}
            maxLength={500}
          />
          <div className="opvang-tr-actions">
            <FormActions busy={form.busy} submit={t("scenario.submit")} />
            {current ? (
              <Button
                type="button"
                appearance="secondary-action-button"
                disabled={form.busy}
                onClick={() => void save(null)}
                data-testid="scenario-clear"
              >
                {t("scenario.clear")}
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
