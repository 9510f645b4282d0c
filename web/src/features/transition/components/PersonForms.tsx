import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type FieldErrors,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import {
  EDUCATION_LEVELS,
  type EducationLevel,
  HEALTH_INSURANCE_KINDS,
  type HealthInsuranceKind,
  type HouseholdMember,
  PUBLIC_ORDER_STATUSES,
  type PublicOrderStatus,
  type ResidenceStatus,
  type ResidenceStatusKind,
  STATUS_END_REASONS,
  type StatusEndReason,
  type TransitionApi,
} from "../api";
import { sending, TRANSITION_ERRORS } from "../errors";
import { isIsoDate, todayNl } from "../format";
import { Panel } from "./Panel";

/** What a form reports once it saved (a catalog key) or met a newer version (409). */
export interface SaveCallbacks {
  onSaved: (key: string, params?: Record<string, string>) => void;
  onConflict: () => void;
}

interface FormProps {
  member: HouseholdMember;
  api: TransitionApi;
  callbacks: SaveCallbacks;
  onCancel: () => void;
}

/** A date field's check in the browser: empty is allowed unless required. */
function dateError(value: string, required = false) {
  if (!value) return required ? { key: "errors.required" } : undefined;
  return isIsoDate(value) ? undefined : { key: "errors.date_format" };
}

function compact<K extends string>(errors: Partial<Record<K, { key: string } | undefined>>) {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as FieldErrors<K>;
}

const FACT_FIELDS = [
  "publicOrder",
  "publicOrderOn",
  "asylumWithdrawn",
  "asylumWithdrawnOn",
  "educationLevel",
] as const;
type FactField = (typeof FACT_FIELDS)[number];

/**
 * The facts the caseworker records for the transitiedocument: the IND's public-order check,
 * the withdrawal of an asylum application, and the education level (statutory tuition). The
 * request carries the version read, so a change by someone else in between is refused (409).
 */
export function FactsForm({ member, api, callbacks, onCancel }: FormProps) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const [publicOrder, setPublicOrder] = useState<string>(member.publicOrder ?? "");
  const [publicOrderOn, setPublicOrderOn] = useState(member.publicOrderOn ?? "");
  const [asylum, setAsylum] = useState(
    member.asylumWithdrawn === null ? "" : String(member.asylumWithdrawn),
  );
  const [asylumOn, setAsylumOn] = useState(member.asylumWithdrawnOn ?? "");
  const [education, setEducation] = useState<string>(member.educationLevel ?? "");
  const form = useForm<FactField>(TRANSITION_ERRORS);
  const id = (field: FactField) => `tr-${member.personId}-${field}`;
  const labels: Record<FactField, string> = {
    publicOrder: t("facts.publicOrder"),
    publicOrderOn: t("facts.publicOrderOn"),
    asylumWithdrawn: t("facts.asylumWithdrawn"),
    asylumWithdrawnOn: t("facts.asylumWithdrawnOn"),
    educationLevel: t("facts.educationLevel"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors = compact<FactField>({
      publicOrderOn: dateError(publicOrderOn),
      asylumWithdrawnOn:
        asylumOn && asylum !== "true"
          ? { key: "errors.withdrawn_date_without_withdrawal" }
          : dateError(asylumOn),
    });
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(
      async () => {
        await sending(language, () =>
          api.savePerson(member.personId, {
            version: member.version,
            publicOrder: (publicOrder || null) as PublicOrderStatus | null,
            publicOrderOn: publicOrderOn || null,
            asylumWithdrawn: asylum === "" ? null : asylum === "true",
            asylumWithdrawnOn: asylumOn || null,
            educationLevel: (education || null) as EducationLevel | null,
          }),
        );
      },
      topLevelField(FACT_FIELDS),
      callbacks.onConflict,
    );
    if (ok) callbacks.onSaved("notices.factsSaved", { name: member.name });
  }

  return (
    <Panel
      name={`tr-facts-${member.personId}`}
      heading={t("facts.heading", { name: member.name })}
      summary={form.summary(labels, id)}
      busy={form.busy}
      submit={t("facts.submit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <SelectField
        id={id("publicOrder")}
        label={labels.publicOrder}
        description={t("facts.publicOrderHint")}
        value={publicOrder}
        options={[
          { value: "", label: t("facts.notRecorded") },
          ...PUBLIC_ORDER_STATUSES.map((s) => ({ value: s, label: t(`publicOrder.${s}`) })),
        ]}
        onChange={setPublicOrder}
        error={form.error("publicOrder")}
      />
      <TextField
        id={id("publicOrderOn")}
        type="date"
        label={labels.publicOrderOn}
        description={t("common.optional")}
        value={publicOrderOn}
        onChange={setPublicOrderOn}
        error={form.error("publicOrderOn")}
      />
      <SelectField
        id={id("asylumWithdrawn")}
        label={labels.asylumWithdrawn}
        description={t("facts.asylumWithdrawnHint")}
        value={asylum}
        options={[
          { value: "", label: t("facts.notRecorded") },
          { value: "true", label: t("asylum.true") },
          { value: "false", label: t("asylum.false") },
        ]}
        onChange={setAsylum}
        error={form.error("asylumWithdrawn")}
      />
      <TextField
        id={id("asylumWithdrawnOn")}
        type="date"
        label={labels.asylumWithdrawnOn}
        description={t("facts.asylumWithdrawnOnHint")}
        value={asylumOn}
        onChange={setAsylumOn}
        error={form.error("asylumWithdrawnOn")}
      />
      <SelectField
        id={id("educationLevel")}
        label={labels.educationLevel}
        description={t("facts.educationLevelHint")}
        value={education}
        options={[
          { value: "", label: t("education.none") },
          ...EDUCATION_LEVELS.map((level) => ({ value: level, label: t(`education.${level}`) })),
        ]}
        onChange={setEducation}
        error={form.error("educationLevel")}
      />
    </Panel>
  );
}

const INSURANCE_FIELDS = ["kind", "insurer", "from", "to"] as const;
type InsuranceField = (typeof INSURANCE_FIELDS)[number];

/** Registers health insurance after the RMO ends: the Zvw (basic) or the Wlz (long-term care). */
export function InsuranceForm({ member, api, callbacks, onCancel }: FormProps) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const [kind, setKind] = useState<HealthInsuranceKind>("zvw");
  const [insurer, setInsurer] = useState("");
  const [from, setFrom] = useState(member.health.zvwFrom);
  const [to, setTo] = useState("");
  const form = useForm<InsuranceField>(TRANSITION_ERRORS);
  const id = (field: InsuranceField) => `tr-${member.personId}-insurance-${field}`;
  const labels: Record<InsuranceField, string> = {
    kind: t("insurance.kind"),
    insurer: t("insurance.insurer"),
    from: t("insurance.from"),
    to: t("insurance.to"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors = compact<InsuranceField>({
      insurer: insurer.trim() ? undefined : { key: "errors.required" },
      from: dateError(from, true),
      to: dateError(to),
    });
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(async () => {
      await sending(language, () =>
        api.addInsurance(member.personId, { kind, insurer: insurer.trim(), from, to: to || null }),
      );
    }, topLevelField(INSURANCE_FIELDS));
    if (ok) callbacks.onSaved("notices.insuranceSaved", { name: member.name });
  }

  return (
    <Panel
      name={`tr-insurance-${member.personId}`}
      heading={t("insurance.heading", { name: member.name })}
      summary={form.summary(labels, id)}
      busy={form.busy}
      submit={t("insurance.submit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <SelectField
        id={id("kind")}
        label={labels.kind}
        value={kind}
        options={HEALTH_INSURANCE_KINDS.map((k) => ({ value: k, label: t(`insuranceKinds.${k}`) }))}
        onChange={(value) => setKind(value as HealthInsuranceKind)}
        error={form.error("kind")}
      />
      <TextField
        id={id("insurer")}
        label={labels.insurer}
        value={insurer}
        onChange={setInsurer}
        error={form.error("insurer")}
        maxLength={200}
        required
      />
      <TextField
        id={id("from")}
        type="date"
        label={labels.from}
        value={from}
        onChange={setFrom}
        error={form.error("from")}
        required
      />
      <TextField
        id={id("to")}
        type="date"
        label={labels.to}
        description={t("common.optional")}
        value={to}
        onChange={setTo}
        error={form.error("to")}
      />
    </Panel>
  );
}

/** The statuses a caseworker records by hand: another permit (or the transitiedocument). */
export const RECORDABLE_STATUSES: readonly ResidenceStatusKind[] = [
  "permit_work",
  "permit_study",
  "permit_humanitarian",
  "permit_other",
  "transitiedocument",
];

const STATUS_FIELDS = ["kind", "from", "to"] as const;
type StatusField = (typeof STATUS_FIELDS)[number];

/**
 * Records another residence permit. An open earlier status ends the day before on the server
 * (reason: other status); an overlap with a closed one is refused with what it meets.
 */
export function StatusForm({ member, api, callbacks, onCancel }: FormProps) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const [kind, setKind] = useState<ResidenceStatusKind>("permit_work");
  const [from, setFrom] = useState(todayNl());
  const [to, setTo] = useState("");
  const form = useForm<StatusField>(TRANSITION_ERRORS);
  const id = (field: StatusField) => `tr-${member.personId}-status-${field}`;
  const labels: Record<StatusField, string> = {
    kind: t("status.kind"),
    from: t("status.from"),
    to: t("status.to"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors = compact<StatusField>({ from: dateError(from, true), to: dateError(to) });
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(
      async () => {
        await sending(language, () =>
          api.addStatus(member.personId, { kind, from, to: to || null, endReason: null }),
        );
      },
      (path) => (path === "endReason" ? "to" : topLevelField(STATUS_FIELDS)(path)),
    );
    if (ok) callbacks.onSaved("notices.statusSaved", { name: member.name });
  }

  return (
    <Panel
      name={`tr-status-${member.personId}`}
      heading={t("status.heading", { name: member.name })}
      intro={<p className="opvang-tr-hint">{t("status.intro")}</p>}
      summary={form.summary(labels, id)}
      busy={form.busy}
      submit={t("status.submit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <SelectField
        id={id("kind")}
        label={labels.kind}
        value={kind}
        options={RECORDABLE_STATUSES.map((k) => ({ value: k, label: t(`statusKinds.${k}`) }))}
        onChange={(value) => setKind(value as ResidenceStatusKind)}
        error={form.error("kind")}
      />
      <TextField
        id={id("from")}
        type="date"
        label={labels.from}
        value={from}
        onChange={setFrom}
        error={form.error("from")}
        required
      />
      <TextField
        id={id("to")}
        type="date"
        label={labels.to}
        description={t("common.optional")}
        value={to}
        onChange={setTo}
        error={form.error("to")}
      />
    </Panel>
  );
}

const END_FIELDS = ["to", "endReason"] as const;
type EndField = (typeof END_FIELDS)[number];

/** Ends a recorded residence status on a date, with the reason. */
export function EndStatusForm({
  member,
  status,
  api,
  callbacks,
  onCancel,
}: FormProps & { status: ResidenceStatus & { recordedId: number } }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const [to, setTo] = useState(todayNl());
  const [reason, setReason] = useState<StatusEndReason>("permit_expired");
  const form = useForm<EndField>(TRANSITION_ERRORS);
  const id = (field: EndField) => `tr-${member.personId}-end-${field}`;
  const labels: Record<EndField, string> = {
    to: t("status.endDate"),
    endReason: t("status.endReason"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const errors = compact<EndField>({ to: dateError(to, true) });
    if (Object.keys(errors).length) return form.fail(errors);
    const ok = await form.run(async () => {
      await sending(language, () =>
        api.endStatus(member.personId, status.recordedId, { to, endReason: reason }),
      );
    }, topLevelField(END_FIELDS));
    if (ok) callbacks.onSaved("notices.statusEnded", { name: member.name });
  }

  return (
    <Panel
      name={`tr-end-${member.personId}`}
      heading={t("status.endHeading", {
        status: t(`statusKinds.${status.kind}`),
        name: member.name,
      })}
      summary={form.summary(labels, id)}
      busy={form.busy}
      submit={t("status.endSubmit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <TextField
        id={id("to")}
        type="date"
        label={labels.to}
        value={to}
        onChange={setTo}
        error={form.error("to")}
        required
      />
      <SelectField
        id={id("endReason")}
        label={labels.endReason}
        value={reason}
        options={STATUS_END_REASONS.map((r) => ({ value: r, label: t(`endReasons.${r}`) }))}
        onChange={(value) => setReason(value as StatusEndReason)}
        error={form.error("endReason")}
      />
    </Panel>
  );
}
