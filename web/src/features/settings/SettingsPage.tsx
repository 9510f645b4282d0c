import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  Textarea,
} from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../api";
import {
  ErrorSummary,
  Field,
  type FieldErrors,
  FormActions,
  Notice,
  TextField,
  topLevelField,
  useForm,
} from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { currentLanguage } from "../../i18n";
import { asApiError } from "../../query";
import { useCan } from "../../session";
import {
  type GemeenteSettings,
  MAX_LENGTH,
  SETTINGS_FIELDS,
  type SettingsApi,
  type SettingsField,
  type SettingsInput,
  settingsApi,
} from "./api";
import { SETTINGS_ERRORS } from "./errors";
import { SETTINGS_KEY, settingsQuery } from "./queries";

/** The input id of a field. */
const fieldId = (field: SettingsField) => `settings-${field}`;

/** Fields that must be filled in (the BIC and the offset limit may stay empty). */
const REQUIRED: readonly SettingsField[] = [
  "accountName",
  "iban",
  "senderBlock",
  "signatureName",
  "signatureTitle",
  "objectionAddress",
];

/** Fields of several lines: the sender and the objection address as on an envelope. */
const MULTILINE: readonly SettingsField[] = ["senderBlock", "objectionAddress"];

type Draft = Record<SettingsField, string>;

function draftOf(settings: GemeenteSettings): Draft {
  return {
    accountName: settings.accountName,
    iban: settings.iban,
    bic: settings.bic ?? "",
    senderBlock: settings.senderBlock,
    signatureName: settings.signatureName,
    signatureTitle: settings.signatureTitle,
    objectionAddress: settings.objectionAddress,
    offsetLimitPercent:
      settings.offsetLimitPercent === null ? "" : String(settings.offsetLimitPercent),
  };
}

/** A whole percentage 0–100, or null for an empty field; undefined when it is neither. */
export function parsePercent(text: string): number | null | undefined {
  const value = text.trim().replace(/\s*%$/, "");
  if (value === "") return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 100 ? n : undefined;
}

/** An IBAN in groups of four, as people read it. */
export function groupIban(iban: string): string {
  return iban.replace(/\s+/g, "").replace(/(.{4})(?=.)/g, "$1 ");
}

interface PageNotice {
  type: "ok" | "warning";
  key: string;
}

/**
 * /settings, the municipality's settings for the monthly run and its letters: the account
 * the SEPA file pays from, the letter's sender and signature, the address for objections,
 * and the offset limit for recovering leefgeld paid too much. The municipal admin records
 * them (settings.write); the finance officer reads them (settings.read). A change sends
 * the version read: when someone else saved first, the page loads theirs and says so.
 */
export function SettingsPage({ api = settingsApi }: { api?: SettingsApi }) {
  const { t } = useTranslation("settings");
  const can = useCan();
  const query = useQuery({ ...settingsQuery(api), enabled: can("settings.read") });
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const settings = query.data;
  const canEdit = can("settings.write");
  return (
    <div className="opvang-set-page" data-testid="page-settings">
      <PageTitle>{t("page.title")}</PageTitle>
      <Paragraph>{t(canEdit ? "page.introEdit" : "page.introRead")}</Paragraph>
      {query.isPending && query.fetchStatus !== "idle" ? (
        <Paragraph role="status">{t("common.loading")}</Paragraph>
      ) : null}
      {query.isError ? (
        <Notice type="error" testId="settings-load-error">
          {t([`apiErrors.${asApiError(query.error).code}`, "apiErrors.unknown"])}
        </Notice>
      ) : null}
      {notice ? (
        <Notice type={notice.type} testId="settings-notice">
          {t(notice.key)}
        </Notice>
      ) : null}
      {settings && !settings.recorded ? (
        <Notice type="warning" testId="settings-not-recorded">
          {t(canEdit ? "page.notRecordedEdit" : "page.notRecordedRead")}
        </Notice>
      ) : null}
      {settings && canEdit ? (
        <SettingsForm
          // A new version (saved here or by someone else) starts the form from it.
          key={settings.version ?? 0}
          api={api}
          settings={settings}
          onNotice={setNotice}
        />
      ) : null}
      {settings && !canEdit && settings.recorded ? <SettingsView settings={settings} /> : null}
    </div>
  );
}

/** The settings as read, for whoever may not change them. */
function SettingsView({ settings }: { settings: GemeenteSettings }) {
  const { t, i18n } = useTranslation("settings");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const value = (field: SettingsField): ReactNode => {
    switch (field) {
      case "iban":
        return groupIban(settings.iban);
      case "bic":
        return settings.bic ?? t("view.none");
      case "offsetLimitPercent":
        return settings.offsetLimitPercent === null
          ? t("view.noOffset")
          : t("view.percent", { percent: settings.offsetLimitPercent });
      default:
        return settings[field];
    }
  };
  return (
    <section className="opvang-set-section" aria-labelledby={headingId} data-testid="settings-view">
      <Heading2 id={headingId}>{t("view.heading")}</Heading2>
      <DataList className="opvang-set-datalist">
        {SETTINGS_FIELDS.map((field) => (
          <DataListItem key={field} data-testid={`settings-value-${field}`}>
            <DataListKey>{t(`fields.${field}.label`)}</DataListKey>
            <DataListValue
              className={MULTILINE.includes(field) ? "opvang-set-multiline" : undefined}
            >
              {value(field)}
            </DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {settings.updatedAt ? (
        <Paragraph className="opvang-set-muted">
          {t("view.updatedAt", { at: formatDateTime(settings.updatedAt, language) })}
        </Paragraph>
      ) : null}
    </section>
  );
}

function SettingsForm({
  api,
  settings,
  onNotice,
}: {
  api: SettingsApi;
  settings: GemeenteSettings;
  onNotice: (notice: PageNotice | null) => void;
}) {
  const { t } = useTranslation("settings");
  const queryClient = useQueryClient();
  const form = useForm<SettingsField>(SETTINGS_ERRORS);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const headingId = useId();
  const change = (field: SettingsField) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const label = (field: SettingsField) => t(`fields.${field}.label`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onNotice(null);
    const errors: FieldErrors<SettingsField> = {};
    for (const field of REQUIRED) {
      if (!draft[field].trim()) errors[field] = { key: "errors.required" };
    }
    const percent = parsePercent(draft.offsetLimitPercent);
    if (percent === undefined) errors.offsetLimitPercent = { key: "errors.percent_format" };
    if (Object.keys(errors).length > 0) return form.fail(errors);
    const input: SettingsInput = {
      accountName: draft.accountName.trim(),
      iban: draft.iban.trim(),
      bic: draft.bic.trim() || null,
      senderBlock: draft.senderBlock.trim(),
      signatureName: draft.signatureName.trim(),
      signatureTitle: draft.signatureTitle.trim(),
      objectionAddress: draft.objectionAddress.trim(),
      offsetLimitPercent: percent ?? null,
      version: settings.version,
    };
    await form.run(
      async () => {
        const saved = await api.save(input);
        queryClient.setQueryData(SETTINGS_KEY, saved);
        onNotice({ type: "ok", key: "form.saved" });
      },
      topLevelField(SETTINGS_FIELDS),
      (error: ApiError) => {
        // Someone else saved first: their settings are loaded (and start the form).
        onNotice({ type: "warning", key: `apiErrors.${error.code}` });
        void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY });
      },
    );
  }

  const text = (field: SettingsField, extra: { description?: string; inputMode?: "numeric" }) => (
    <TextField
      id={fieldId(field)}
      label={label(field)}
      description={extra.description}
      value={draft[field]}
      onChange={change(field)}
      required={REQUIRED.includes(field)}
      maxLength={MAX_LENGTH[field]}
      inputMode={extra.inputMode}
      error={form.error(field)}
    />
  );

  return (
    <form
      className="opvang-set-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="settings-form"
    >
      <Heading2 id={headingId}>{t("form.heading")}</Heading2>
      <ErrorSummary {...form.summary(label, fieldId)} />
      <fieldset className="opvang-set-group">
        <legend>{t("form.account")}</legend>
        {text("accountName", { description: t("fields.accountName.description") })}
        {text("iban", { description: t("fields.iban.description") })}
        {text("bic", { description: t("fields.bic.description") })}
      </fieldset>
      <fieldset className="opvang-set-group">
        <legend>{t("form.letter")}</legend>
        <TextareaField
          field="senderBlock"
          label={label("senderBlock")}
          description={t("fields.senderBlock.description")}
          value={draft.senderBlock}
          onChange={change("senderBlock")}
          error={form.error("senderBlock")}
        />
        {text("signatureName", { description: t("fields.signatureName.description") })}
        {text("signatureTitle", { description: t("fields.signatureTitle.description") })}
        <TextareaField
          field="objectionAddress"
          label={label("objectionAddress")}
          description={t("fields.objectionAddress.description")}
          value={draft.objectionAddress}
          onChange={change("objectionAddress")}
          error={form.error("objectionAddress")}
        />
      </fieldset>
      <fieldset className="opvang-set-group">
        <legend>{t("form.offset")}</legend>
        {text("offsetLimitPercent", {
          description: t("fields.offsetLimitPercent.description"),
          inputMode: "numeric",
        })}
      </fieldset>
      <FormActions busy={form.busy} submit={t("form.submit")} />
    </form>
  );
}

/** A text of several lines with its label, description and error (the shared Field). */
function TextareaField({
  field,
  label,
  description,
  value,
  onChange,
  error,
}: {
  field: SettingsField;
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field id={fieldId(field)} label={label} description={description} error={error} required>
      {({ invalid, ...control }) => (
        <Textarea
          {...control}
          invalid={invalid}
          name={fieldId(field)}
          rows={4}
          value={value}
          maxLength={MAX_LENGTH[field]}
          required
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
