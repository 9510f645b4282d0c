import { ButtonGroup, Heading3, PrimaryActionButton } from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { LOCATION_STATUSES, type LocationStatus } from "../api";
import {
  errorsFromApi,
  type FieldErrors,
  type FormError,
  fieldErrorKeys,
  formErrorKeys,
} from "../errors";
import { todayNl } from "../format";
import { ErrorSummary, SelectField, TextField } from "./Fields";

type Field = "places" | "status" | "validFrom" | "reason";

interface DatedChangeProps {
  /** Sends the change; rejects with the server's error. */
  onSubmit: (input: { value: string; validFrom: string; reason?: string }) => Promise<void>;
  /** The server answered 409: someone else changed the location. */
  onConflict: () => void;
}

function useDatedChange(fields: readonly Field[], { onSubmit, onConflict }: DatedChangeProps) {
  const [validFrom, setValidFrom] = useState(todayNl());
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  async function submit(value: string, local: FieldErrors<Field>): Promise<boolean> {
    setFormError(null);
    const found: FieldErrors<Field> = { ...local };
    if (!validFrom) found.validFrom = { code: "required" };
    setErrors(found);
    if (Object.keys(found).length) {
      setAttempt((n) => n + 1);
      return false;
    }
    setBusy(true);
    try {
      await onSubmit({ value, validFrom, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setBusy(false);
      setReason("");
      return true;
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 409) {
        onConflict();
        return false;
      }
      const split = errorsFromApi(error, fields);
      setErrors(split.fields);
      setFormError(split.form);
      setAttempt((n) => n + 1);
      return false;
    }
  }
  return { validFrom, setValidFrom, reason, setReason, errors, formError, attempt, busy, submit };
}

function useErrorText(errors: FieldErrors<Field>) {
  const { t } = useTranslation("locations");
  return (field: Field) => {
    const error = errors[field];
    return error ? t(fieldErrorKeys(error.code), error.params) : null;
  };
}

/** A new capacity from a date. */
export function CapacityForm(props: DatedChangeProps) {
  const { t } = useTranslation("locations");
  const headingId = useId();
  const [places, setPlaces] = useState("");
  const form = useDatedChange(["places", "validFrom", "reason"], props);
  const errorText = useErrorText(form.errors);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const local: FieldErrors<Field> = {};
    if (!places.trim()) local.places = { code: "required" };
    else if (!/^\d+$/.test(places.trim())) local.places = { code: "places_invalid" };
    if (await form.submit(places.trim(), local)) setPlaces("");
  }
  const summary = (["places", "validFrom", "reason"] as const)
    .filter((f) => form.errors[f])
    .map((f) => ({ fieldId: `capacity-${f}`, text: `${t(`capacity.${f}`)}: ${errorText(f)}` }));

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="capacity-form"
    >
      <Heading3 id={headingId}>{t("capacity.heading")}</Heading3>
      <ErrorSummary
        items={summary}
        formError={
          form.formError
            ? t(formErrorKeys(form.formError.code), { message: form.formError.message })
            : null
        }
        attempt={form.attempt}
      />
      <TextField
        id="capacity-places"
        label={t("capacity.places")}
        value={places}
        onChange={setPlaces}
        inputMode="numeric"
        error={errorText("places")}
        required
      />
      <TextField
        id="capacity-validFrom"
        type="date"
        label={t("capacity.validFrom")}
        description={t("capacity.validFromHint")}
        value={form.validFrom}
        onChange={form.setValidFrom}
        error={errorText("validFrom")}
        required
      />
      <TextField
        id="capacity-reason"
        label={t("capacity.reason")}
        value={form.reason}
        onChange={form.setReason}
        error={errorText("reason")}
        maxLength={500}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.busy} disabled={form.busy}>
          {form.busy ? t("common.saving") : t("capacity.submit")}
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}

const ORDER: Record<LocationStatus, number> = { planned: 0, realised: 1, closed: 2 };

/** A new status from a date: only forward (planned → realised → closed). */
export function StatusForm(props: DatedChangeProps & { current: LocationStatus | null }) {
  const { t } = useTranslation("locations");
  const headingId = useId();
  const next = LOCATION_STATUSES.filter(
    (s) => props.current === null || ORDER[s] > ORDER[props.current],
  );
  const [status, setStatus] = useState<string>(next[0] ?? "");
  const form = useDatedChange(["status", "validFrom", "reason"], props);
  const errorText = useErrorText(form.errors);
  if (next.length === 0) return null;
  const chosen = next.includes(status as LocationStatus) ? status : (next[0] ?? "");

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    await form.submit(chosen, chosen ? {} : { status: { code: "required" } });
  }
  const summary = (["status", "validFrom", "reason"] as const)
    .filter((f) => form.errors[f])
    .map((f) => ({ fieldId: `status-${f}`, text: `${t(`statusChange.${f}`)}: ${errorText(f)}` }));

  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="status-form"
    >
      <Heading3 id={headingId}>{t("statusChange.heading")}</Heading3>
      <ErrorSummary
        items={summary}
        formError={
          form.formError
            ? t(formErrorKeys(form.formError.code), { message: form.formError.message })
            : null
        }
        attempt={form.attempt}
      />
      <SelectField
        id="status-status"
        label={t("statusChange.status")}
        description={t("statusChange.statusHint")}
        value={chosen}
        onChange={setStatus}
        error={errorText("status")}
        options={next.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
      />
      <TextField
        id="status-validFrom"
        type="date"
        label={t("statusChange.validFrom")}
        value={form.validFrom}
        onChange={form.setValidFrom}
        error={errorText("validFrom")}
        required
      />
      <TextField
        id="status-reason"
        label={t("statusChange.reason")}
        value={form.reason}
        onChange={form.setReason}
        error={errorText("reason")}
        maxLength={500}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.busy} disabled={form.busy}>
          {form.busy ? t("common.saving") : t("statusChange.submit")}
        </PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}
