import { useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormFieldErrorMessage,
  Heading3,
  Paragraph,
  Textarea,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import {
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  useForm,
} from "../../../components/form";
import { parseDateInput } from "../../../dates";
import { currentLanguage } from "../../../i18n";
import {
  type NationalApi,
  type PlaceTarget,
  type PlaceTargetInput,
  TARGET_SPLITS,
  type TargetProgress,
  type TargetSplit,
} from "../api";
import { formatDate, formatNumber } from "../format";
import { TARGETS_KEY } from "../queries";
import { NATIONAL_ERRORS } from "./Common";

/** `places` over the regions in code order, as equal as whole places allow (as the server). */
export function equalShares(places: number, codes: readonly string[]): Map<string, number> {
  const sorted = [...codes].sort();
  if (sorted.length === 0) return new Map();
  const base = Math.floor(places / sorted.length);
  const rest = places - base * sorted.length;
  return new Map(sorted.map((code, i) => [code, base + (i < rest ? 1 : 0)]));
}

/**
 * A whole number as typed in any of the languages: 97000, 97.000, 97,000 or 97 000.
 * Null for anything else (a decimal, a sign, letters).
 */
export function parseWholeNumber(text: string): number | null {
  const plain = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(plain)) return null;
  const value = Number(plain.replace(/[.,]/g, ""));
  return Number.isSafeInteger(value) ? value : null;
}

const NOTE_MAX = 500;

/** The field of a refusal's path: a region's own field, the regions as a whole, or a field. */
export function targetFieldFor(
  path: string,
  split: TargetSplit,
  codes: readonly string[],
): string | null {
  if (path.startsWith("regions.")) {
    const code = path.slice("regions.".length);
    return split === "by_hand" && codes.includes(code)
      ? path
      : split === "by_hand"
        ? "regions"
        : "split";
  }
  if (path === "regions") return split === "by_hand" ? "regions" : "split";
  return ["places", "deadline", "setOn", "split", "note"].includes(path) ? path : null;
}

/** The numbers of a refusal's parameters written for the language (regions_sum's sum). */
function localised(error: unknown, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((issue) =>
    issue.params
      ? {
          ...issue,
          params: Object.fromEntries(
            Object.entries(issue.params).map(([key, value]) => [
              key,
              typeof value === "number" ? formatNumber(value, language) : value,
            ]),
          ),
        }
      : issue,
  );
  return new ApiError(error.status, error.code, error.message, issues, error.current);
}

/**
 * Setting a new target (permission `national.targets`): the places, the deadline, the day
 * it was set (empty: today), split equally over the safety regions or by hand with a field
 * per region (filled from the equal split until one is changed), and a note. A target is
 * never changed once set: a new one supersedes it from its day. The server's refusals are
 * shown at their fields in the reader's language; a second target on one day at the day.
 */
export function TargetForm({ api, regions }: { api: NationalApi; regions: TargetProgress[] }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useForm<string>(NATIONAL_ERRORS);
  const codes = regions.map((r) => r.code);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const [places, setPlaces] = useState("");
  const [deadline, setDeadline] = useState("");
  const [setOn, setSetOn] = useState("");
  const [split, setSplit] = useState<TargetSplit>("equal");
  const [byHand, setByHand] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<PlaceTarget | null>(null);
  const id = (field: string) => `target-${field.replace(".", "-")}`;
  const placesValue = parseWholeNumber(places);
  const equal = placesValue !== null && placesValue > 0 && codes.length > 0;

  /** The region fields as the equal split of `value` (empty while there is none). */
  function fillEqual(value: number | null) {
    const shares = value !== null && value > 0 ? equalShares(value, codes) : null;
    setByHand(Object.fromEntries(codes.map((c) => [c, shares ? String(shares.get(c) ?? 0) : ""])));
  }

  function changePlaces(value: string) {
    setPlaces(value);
    // Until a region is changed by hand, the regions follow the equal split.
    if (split === "by_hand" && !touched) fillEqual(parseWholeNumber(value));
  }

  function changeSplit(value: string) {
    const next = value as TargetSplit;
    setSplit(next);
    if (next === "by_hand" && !touched) fillEqual(placesValue);
  }

  const regionValues = codes.map((c) => parseWholeNumber(byHand[c] ?? ""));
  const sum = regionValues.reduce<number>((a, v) => a + (v ?? 0), 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    const problems: FieldErrors<string> = {};
    if (!places.trim()) problems.places = { key: "errors.required" };
    else if (placesValue === null) problems.places = { key: "errors.whole_number" };
    else if (placesValue <= 0) problems.places = { key: "errors.too_small" };
    const due = parseDateInput(deadline);
    if (!deadline.trim()) problems.deadline = { key: "errors.required" };
    else if (!due) problems.deadline = { key: "errors.date_format" };
    const day = setOn.trim() ? parseDateInput(setOn) : null;
    if (setOn.trim() && !day) problems.setOn = { key: "errors.date_format" };
    if (split === "by_hand") {
      codes.forEach((code, i) => {
        if (!(byHand[code] ?? "").trim()) problems[`regions.${code}`] = { key: "errors.required" };
        else if (regionValues[i] === null) {
          problems[`regions.${code}`] = { key: "errors.whole_number" };
        }
      });
    }
    if (Object.keys(problems).length > 0) {
      form.fail(problems);
      return;
    }
    const input: PlaceTargetInput = {
      places: placesValue!,
      deadline: due!,
      split,
      ...(day ? { setOn: day } : {}),
      ...(split === "by_hand"
        ? { regions: Object.fromEntries(codes.map((c, i) => [c, regionValues[i] ?? 0])) }
        : {}),
      note: note.trim() || null,
    };
    await form.run(
      async () => {
        try {
          const target = await api.setTarget(input);
          setSaved(target);
        } catch (error) {
          throw localised(error, language);
        }
        await queryClient.invalidateQueries({ queryKey: TARGETS_KEY });
        setPlaces("");
        setDeadline("");
        setSetOn("");
        setSplit("equal");
        setByHand({});
        setTouched(false);
        setNote("");
      },
      (path) => targetFieldFor(path, split, codes),
      (conflict) =>
        // One target per day: the day is what to change (no issues come with it).
        form.fail({
          setOn: { key: `errors.${conflict.code}`, fallback: conflict.message },
        }),
    );
  }

  const label = (field: string): string | undefined => {
    if (field.startsWith("regions.")) return names.get(field.slice(8)) ?? field.slice(8);
    return t(`targetForm.${field}`);
  };
  const regionsError = form.error("regions");

  return (
    <section
      className="opvang-nat-subsection"
      aria-labelledby={headingId}
      data-testid="target-form-section"
    >
      <Heading3 id={headingId}>{t("targetForm.heading")}</Heading3>
      <Paragraph>{t("targetForm.intro")}</Paragraph>
      {saved ? (
        <Notice type="ok" testId="target-saved">
          {t("targetForm.saved", {
            places: formatNumber(saved.places, language),
            deadline: formatDate(saved.deadline, language),
            setOn: formatDate(saved.setOn, language),
          })}
        </Notice>
      ) : null}
      <form
        className="opvang-nat-form"
        noValidate
        onSubmit={handleSubmit}
        aria-busy={form.busy}
        data-testid="target-form"
      >
        <ErrorSummary {...form.summary(label, id)} />
        <div className="opvang-nat-fields">
          <TextField
            id={id("places")}
            label={t("targetForm.places")}
            description={t("targetForm.placesHint")}
            value={places}
            onChange={changePlaces}
            inputMode="numeric"
            required
            error={form.error("places")}
          />
          <DateField
            id={id("deadline")}
            label={t("targetForm.deadline")}
            description={t("targetForm.deadlineHint")}
            value={deadline}
            onChange={setDeadline}
            required
            error={form.error("deadline")}
          />
          <DateField
            id={id("setOn")}
            label={t("targetForm.setOn")}
            description={t("targetForm.setOnHint")}
            value={setOn}
            onChange={setSetOn}
            error={form.error("setOn")}
          />
          <SelectField
            id={id("split")}
            label={t("targetForm.split")}
            value={split}
            onChange={changeSplit}
            options={TARGET_SPLITS.map((code) => ({
              value: code,
              label: t(`targetForm.splits.${code}`),
            }))}
            error={form.error("split")}
          />
        </div>
        {split === "equal" ? (
          <Paragraph data-testid="target-equal-preview">
            {equal && placesValue !== null
              ? t(
                  placesValue % codes.length === 0
                    ? "targetForm.equalPreview"
                    : "targetForm.equalPreviewRest",
                  {
                    regions: formatNumber(codes.length, language),
                    base: formatNumber(Math.floor(placesValue / codes.length), language),
                    rest: formatNumber(placesValue % codes.length, language),
                  },
                )
              : t("targetForm.equalHint", { regions: formatNumber(codes.length, language) })}
          </Paragraph>
        ) : (
          <Fieldset
            id={id("regions")}
            tabIndex={-1}
            invalid={Boolean(regionsError)}
            className="opvang-nat-regions"
            data-field={id("regions")}
            data-testid="target-regions"
            aria-describedby={`${id("regions")}-description${regionsError ? ` ${id("regions")}-error` : ""}`}
          >
            <FieldsetLegend>{t("targetForm.regions")}</FieldsetLegend>
            <FormFieldDescription id={`${id("regions")}-description`}>
              {t("targetForm.regionsHint")}
            </FormFieldDescription>
            {regionsError ? (
              <FormFieldErrorMessage id={`${id("regions")}-error`}>
                {regionsError}
              </FormFieldErrorMessage>
            ) : null}
            <Paragraph aria-live="polite" data-testid="target-regions-sum">
              {placesValue !== null && sum !== placesValue
                ? t(sum < placesValue ? "targetForm.sumShort" : "targetForm.sumOver", {
                    sum: formatNumber(sum, language),
                    places: formatNumber(placesValue, language),
                    difference: formatNumber(Math.abs(placesValue - sum), language),
                  })
                : t("targetForm.sum", { sum: formatNumber(sum, language) })}
            </Paragraph>
            <ButtonGroup>
              <Button
                type="button"
                appearance="secondary-action-button"
                data-testid="target-equal-again"
                onClick={() => {
                  fillEqual(placesValue);
                  setTouched(false);
                }}
              >
                {t("targetForm.equalAgain")}
              </Button>
            </ButtonGroup>
            <div className="opvang-nat-fields opvang-nat-region-fields">
              {codes.map((code) => (
                <TextField
                  key={code}
                  id={id(`regions.${code}`)}
                  label={names.get(code) ?? code}
                  value={byHand[code] ?? ""}
                  inputMode="numeric"
                  onChange={(value) => {
                    setTouched(true);
                    setByHand((current) => ({ ...current, [code]: value }));
                  }}
                  error={form.error(`regions.${code}`)}
                />
              ))}
            </div>
          </Fieldset>
        )}
        <Field
          id={id("note")}
          label={t("targetForm.note")}
          description={t("targetForm.noteHint")}
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
        <FormActions busy={form.busy} submit={t("targetForm.submit")} />
      </form>
    </section>
  );
}
