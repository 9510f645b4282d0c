import { Heading3 } from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { LOCATION_STATUSES, type LocationStatus } from "../api";
import { LOCATION_ERRORS } from "../errors";
import { todayNl } from "../format";

type Field = "places" | "status" | "catering" | "validFrom" | "reason";

interface DatedChangeProps {
  /** Sends the change; rejects with the server's error. */
  onSubmit: (input: { value: string; validFrom: string; reason?: string }) => Promise<void>;
  /** The server answered 409: someone else changed the location. */
  onConflict: () => void;
}

/** The date and reason every change has, and sending it (with the form's own checks). */
function useDatedChange(fields: readonly Field[], { onSubmit, onConflict }: DatedChangeProps) {
  const [validFrom, setValidFrom] = useState(todayNl());
  const [reason, setReason] = useState("");
  const form = useForm<Field>(LOCATION_ERRORS);

  async function submit(value: string, local: FieldErrors<Field>): Promise<boolean> {
    const found: FieldErrors<Field> = { ...local };
    if (!validFrom) found.validFrom = { key: "fieldErrors.required" };
    if (Object.keys(found).length) {
      form.fail(found);
      return false;
    }
    const saved = await form.run(
      () => onSubmit({ value, validFrom, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      topLevelField(fields),
      onConflict,
    );
    if (saved) setReason("");
    return saved;
  }
  return { ...form, validFrom, setValidFrom, reason, setReason, submit };
}

type DatedChange = ReturnType<typeof useDatedChange>;

/**
 * The form around a change: heading, error summary, the new value (`children`), the date and
 * reason, and the submit button. `name` prefixes the ids; `section` names the catalog texts.
 */
function DatedChangeForm({
  name,
  section,
  form,
  validFromHint,
  onSubmit,
  children,
}: {
  name: "capacity" | "status" | "catering";
  section: "capacity" | "statusChange" | "cateringChange";
  form: DatedChange;
  validFromHint?: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useTranslation("locations");
  const headingId = useId();
  return (
    <form
      className="opvang-form opvang-loc-subform"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!form.busy) void onSubmit();
      }}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid={`${name}-form`}
    >
      <Heading3 id={headingId}>{t(`${section}.heading`)}</Heading3>
      <ErrorSummary
        {...form.summary(
          (f) => t(`${section}.${f}`),
          (f) => `${name}-${f}`,
        )}
      />
      {children}
      <TextField
        id={`${name}-validFrom`}
        type="date"
        label={t(`${section}.validFrom`)}
        description={validFromHint}
        value={form.validFrom}
        onChange={form.setValidFrom}
        error={form.error("validFrom")}
        required
      />
      <TextField
        id={`${name}-reason`}
        label={t(`${section}.reason`)}
        value={form.reason}
        onChange={form.setReason}
        error={form.error("reason")}
        maxLength={500}
      />
      <FormActions
        busy={form.busy}
        submit={form.busy ? t("common.saving") : t(`${section}.submit`)}
      />
    </form>
  );
}

/** A new capacity from a date. */
export function CapacityForm(props: DatedChangeProps) {
  const { t } = useTranslation("locations");
  const [places, setPlaces] = useState("");
  const form = useDatedChange(["places", "validFrom", "reason"], props);

  async function submit() {
    const local: FieldErrors<Field> = {};
    if (!places.trim()) local.places = { key: "fieldErrors.required" };
    else if (!/^\d+$/.test(places.trim())) local.places = { key: "fieldErrors.places_invalid" };
    if (await form.submit(places.trim(), local)) setPlaces("");
  }

  return (
    <DatedChangeForm
      name="capacity"
      section="capacity"
      form={form}
      validFromHint={t("capacity.validFromHint")}
      onSubmit={submit}
    >
      <TextField
        id="capacity-places"
        label={t("capacity.places")}
        value={places}
        onChange={setPlaces}
        inputMode="numeric"
        error={form.error("places")}
        required
      />
    </DatedChangeForm>
  );
}

const ORDER: Record<LocationStatus, number> = { planned: 0, realised: 1, closed: 2 };

/** A new status from a date: only forward (planned → realised → closed). */
export function StatusForm(props: DatedChangeProps & { current: LocationStatus | null }) {
  const { t } = useTranslation("locations");
  const next = LOCATION_STATUSES.filter(
    (s) => props.current === null || ORDER[s] > ORDER[props.current],
  );
  const [status, setStatus] = useState<string>(next[0] ?? "");
  const form = useDatedChange(["status", "validFrom", "reason"], props);
  if (next.length === 0) return null;
  const chosen = next.includes(status as LocationStatus) ? status : (next[0] ?? "");

  return (
    <DatedChangeForm
      name="status"
      section="statusChange"
      form={form}
      onSubmit={async () => {
        await form.submit(chosen, chosen ? {} : { status: { key: "fieldErrors.required" } });
      }}
    >
      <SelectField
        id="status-status"
        label={t("statusChange.status")}
        required
        description={t("statusChange.statusHint")}
        value={chosen}
        onChange={setStatus}
        error={form.error("status")}
        options={next.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
      />
    </DatedChangeForm>
  );
}

/**
 * Catering (meals provided, so no eetgeld) from a date. It starts at the opposite of the
 * latest period's value, since the same value again changes nothing; on that period's own
 * start date the server corrects the period instead.
 */
export function CateringForm(props: DatedChangeProps & { current: boolean }) {
  const { t } = useTranslation("locations");
  const [catering, setCatering] = useState(String(!props.current));
  const form = useDatedChange(["catering", "validFrom", "reason"], props);

  return (
    <DatedChangeForm
      name="catering"
      section="cateringChange"
      form={form}
      validFromHint={t("cateringChange.validFromHint")}
      onSubmit={async () => {
        await form.submit(catering, {});
      }}
    >
      <SelectField
        id="catering-catering"
        label={t("cateringChange.catering")}
        description={t("cateringChange.cateringHint")}
        value={catering}
        onChange={setCatering}
        error={form.error("catering")}
        options={[
          { value: "true", label: t("cateringChange.yes") },
          { value: "false", label: t("cateringChange.no") },
        ]}
      />
    </DatedChangeForm>
  );
}
