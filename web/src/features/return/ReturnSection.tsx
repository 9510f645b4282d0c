import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
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
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import {
  CheckboxField,
  ErrorSummary,
  type ErrorSummaryProps,
  type FieldErrors,
  FormActions,
  Notice,
  TextField,
  topLevelField,
  useForm,
} from "../../components/form";
import { ScrollTable } from "../../components/ScrollTable";
import { formatCents, formatDate, formatDateTime, todayNl } from "../../format";
import {
  CONSENT_PURPOSES,
  type Consent,
  type ConsentPurpose,
  type ReturnApi,
  type ReturnCase,
  type ReturnStatus,
  returnApi,
} from "./api";
import { RETURN_ERRORS } from "./errors";
import { consentsQuery, returnCaseQuery } from "./queries";

/**
 * The household's return case on the household page: where it stands as steps, the steps
 * taken (who, when, why), the next steps the caseworker may take (each with its date), the
 * support, and each member's consent per purpose. Codes (statuses, purposes, errors) are
 * shown through the `return` catalogs. A change sends the version read; a 409 reloads.
 */

/** The way a case goes when nobody withdraws. */
const MAIN_PATH: readonly ReturnStatus[] = ["interest", "counselling", "planned", "departed"];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for an existing calendar date YYYY-MM-DD. */
function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

interface SectionNotice {
  type: "ok" | "warning" | "error";
  key: string;
  params?: Record<string, string>;
}

export interface ReturnMember {
  personId: number;
  name: string;
}

/** A form in a bordered panel with its heading, error summary and actions. */
function Panel({
  name,
  heading,
  summary,
  busy,
  submit,
  onSubmit,
  onCancel,
  children,
}: {
  name: string;
  heading: string;
  summary: ErrorSummaryProps;
  busy: boolean;
  submit: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation("return");
  return (
    <form
      className="opvang-return-panel"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${name}-heading`}
      data-testid={`${name}-form`}
    >
      <Heading3 id={`${name}-heading`}>{heading}</Heading3>
      <ErrorSummary {...summary} />
      {children}
      <FormActions busy={busy} submit={submit} cancel={t("common.cancel")} onCancel={onCancel} />
    </form>
  );
}

/** The case's statuses in order: done, current (aria-current) and still ahead. */
function Steps({ returnCase }: { returnCase: ReturnCase }) {
  const { t } = useTranslation("return");
  const reached = [...new Set(returnCase.events.map((e) => e.status))];
  const path =
    returnCase.status === "withdrawn"
      ? [...reached.filter((s) => s !== "withdrawn"), "withdrawn" as const]
      : MAIN_PATH;
  const current = path.indexOf(returnCase.status);
  return (
    <ol className="opvang-return-steps" aria-label={t("steps.label")} data-testid="return-steps">
      {path.map((status, index) => {
        const state = index < current ? "done" : index === current ? "current" : "todo";
        return (
          <li
            key={status}
            data-state={state}
            data-status={status}
            aria-current={state === "current" ? "step" : undefined}
          >
            {t(`steps.${state}`, { status: t(`status.${status}`) })}
          </li>
        );
      })}
    </ol>
  );
}

function StepForm({
  returnCase,
  status,
  api,
  onSaved,
  onConflict,
  onCancel,
}: {
  returnCase: ReturnCase;
  status: ReturnStatus;
  api: ReturnApi;
  onSaved: (updated: ReturnCase) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("return");
  const [on, setOn] = useState(todayNl());
  const [planned, setPlanned] = useState(returnCase.plannedDeparture ?? "");
  const [note, setNote] = useState("");
  const form = useForm(RETURN_ERRORS);
  const ids = {
    on: "return-step-on",
    plannedDeparture: "return-step-planned",
    note: "return-step-note",
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!isIsoDate(on)) errors[ids.on] = { key: "errors.date_format" };
    if (status === "planned" && !isIsoDate(planned))
      errors[ids.plannedDeparture] = { key: planned ? "errors.date_format" : "errors.required" };
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(
      async () => {
        const updated = await api.step(returnCase.id, {
          status,
          on,
          note: note.trim() || null,
          ...(status === "planned" && planned !== returnCase.plannedDeparture
            ? { plannedDeparture: planned }
            : {}),
          version: returnCase.version,
        });
        onSaved(updated);
      },
      topLevelField(ids),
      onConflict,
    );
  }

  return (
    <Panel
      name="return-step"
      heading={t(`step.heading.${status}`)}
      summary={form.summary({
        [ids.on]: t(`step.date.${status}`),
        [ids.plannedDeparture]: t("support.plannedDeparture"),
        [ids.note]: t("step.note"),
      })}
      busy={form.busy}
      submit={t(`step.submit.${status}`)}
      onSubmit={submit}
      onCancel={onCancel}
    >
      {status === "departed" ? <Notice type="warning">{t("step.departedWarning")}</Notice> : null}
      <div className="opvang-return-grid">
        <TextField
          id={ids.on}
          type="date"
          label={t(`step.date.${status}`)}
          value={on}
          required
          error={form.error(ids.on)}
          onChange={setOn}
        />
        {status === "planned" ? (
          <TextField
            id={ids.plannedDeparture}
            type="date"
            label={t("support.plannedDeparture")}
            value={planned}
            required
            error={form.error(ids.plannedDeparture)}
            onChange={setPlanned}
          />
        ) : null}
        <TextField
          id={ids.note}
          label={t("step.note")}
          description={t("common.optional")}
          value={note}
          maxLength={1000}
          error={form.error(ids.note)}
          onChange={setNote}
        />
      </div>
    </Panel>
  );
}

function SupportForm({
  returnCase,
  api,
  onSaved,
  onConflict,
  onCancel,
}: {
  returnCase: ReturnCase;
  api: ReturnApi;
  onSaved: (updated: ReturnCase) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("return");
  const [planned, setPlanned] = useState(returnCase.plannedDeparture ?? "");
  const [travel, setTravel] = useState(returnCase.travelSupport);
  const [partner, setPartner] = useState(returnCase.partnerMunicipality ?? "");
  const [financial, setFinancial] = useState(returnCase.financialSupportCents !== null);
  const form = useForm(RETURN_ERRORS);
  const ids = {
    plannedDeparture: "return-support-planned",
    travelSupport: "return-support-travel",
    partnerMunicipality: "return-support-partner",
    financialSupport: "return-support-financial",
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (planned && !isIsoDate(planned)) {
      return form.fail({ [ids.plannedDeparture]: { key: "errors.date_format" } });
    }
    await form.run(
      async () => {
        onSaved(
          await api.change(returnCase.id, {
            version: returnCase.version,
            plannedDeparture: planned || null,
            travelSupport: travel,
            partnerMunicipality: partner.trim() || null,
            financialSupport: financial,
          }),
        );
      },
      topLevelField(ids),
      onConflict,
    );
  }

  return (
    <Panel
      name="return-support"
      heading={t("support.editHeading")}
      summary={form.summary({
        [ids.plannedDeparture]: t("support.plannedDeparture"),
        [ids.travelSupport]: t("support.travelSupport"),
        [ids.partnerMunicipality]: t("support.partnerMunicipality"),
        [ids.financialSupport]: t("support.financialSupport"),
      })}
      busy={form.busy}
      submit={t("support.save")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="opvang-return-grid">
        <TextField
          id={ids.plannedDeparture}
          type="date"
          label={t("support.plannedDeparture")}
          description={t("common.optional")}
          value={planned}
          error={form.error(ids.plannedDeparture)}
          onChange={setPlanned}
        />
        <TextField
          id={ids.partnerMunicipality}
          label={t("support.partnerMunicipality")}
          description={t("support.partnerHint")}
          value={partner}
          maxLength={200}
          error={form.error(ids.partnerMunicipality)}
          onChange={setPartner}
        />
      </div>
      <CheckboxField
        id={ids.travelSupport}
        label={t("support.travelSupport")}
        checked={travel}
        error={form.error(ids.travelSupport)}
        onChange={setTravel}
      />
      <CheckboxField
        id={ids.financialSupport}
        label={t("support.financialSupport")}
        description={t("support.financialHint")}
        checked={financial}
        error={form.error(ids.financialSupport)}
        onChange={setFinancial}
      />
    </Panel>
  );
}

function OpenCaseForm({
  householdId,
  api,
  again,
  onSaved,
  onCancel,
}: {
  householdId: number;
  api: ReturnApi;
  again: boolean;
  onSaved: (opened: ReturnCase) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("return");
  const [note, setNote] = useState("");
  const form = useForm(RETURN_ERRORS);
  const id = "return-open-note";
  return (
    <Panel
      name="return-open"
      heading={t(again ? "open.againHeading" : "open.heading")}
      summary={form.summary({ [id]: t("step.note") })}
      busy={form.busy}
      submit={t("open.submit")}
      onSubmit={(event) => {
        event.preventDefault();
        void form.run(
          async () => onSaved(await api.openCase(householdId, note.trim() || null)),
          topLevelField({ note: id }),
        );
      }}
      onCancel={onCancel}
    >
      <Paragraph>{t("open.intro")}</Paragraph>
      <TextField
        id={id}
        label={t("step.note")}
        description={t("common.optional")}
        value={note}
        maxLength={1000}
        error={form.error(id)}
        onChange={setNote}
      />
    </Panel>
  );
}

/** What the case records about support, as read. */
function SupportSummary({ returnCase }: { returnCase: ReturnCase }) {
  const { t, i18n } = useTranslation("return");
  const language = i18n.language;
  return (
    <dl className="opvang-return-support" data-testid="return-support">
      <div>
        <dt>{t("support.plannedDeparture")}</dt>
        <dd>
          {returnCase.plannedDeparture ? formatDate(returnCase.plannedDeparture, language) : "—"}
        </dd>
      </div>
      {returnCase.departedOn ? (
        <div>
          <dt>{t("support.departedOn")}</dt>
          <dd>{formatDate(returnCase.departedOn, language)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t("support.travelSupport")}</dt>
        <dd>{t(returnCase.travelSupport ? "common.yes" : "common.no")}</dd>
      </div>
      <div>
        <dt>{t("support.partnerMunicipality")}</dt>
        <dd>{returnCase.partnerMunicipality ?? "—"}</dd>
      </div>
      <div>
        <dt>{t("support.financialSupport")}</dt>
        <dd>
          {returnCase.financialSupportCents === null
            ? t("support.noFinancialSupport")
            : formatCents(returnCase.financialSupportCents, language)}
        </dd>
      </div>
    </dl>
  );
}

/** One member's four consents: checkboxes for the caseworker, a list for readers. */
function MemberConsents({
  member,
  api,
  canEdit,
  onError,
}: {
  member: ReturnMember;
  api: ReturnApi;
  canEdit: boolean;
  onError: (code: string) => void;
}) {
  const { t, i18n } = useTranslation("return");
  const queryClient = useQueryClient();
  const query = useQuery(consentsQuery(api, member.personId));
  const [busy, setBusy] = useState<ConsentPurpose | null>(null);
  const legendId = useId();

  async function toggle(purpose: ConsentPurpose, give: boolean) {
    setBusy(purpose);
    try {
      const updated = give
        ? await api.giveConsent(member.personId, purpose)
        : await api.revokeConsent(member.personId, purpose);
      queryClient.setQueryData(consentsQuery(api, member.personId).queryKey, (list) =>
        (list ?? []).map((c: Consent) => (c.purpose === purpose ? updated : c)),
      );
    } catch (error) {
      onError(error instanceof ApiError ? error.code : "unknown");
    } finally {
      setBusy(null);
    }
  }

  const byPurpose = new Map((query.data ?? []).map((c) => [c.purpose, c]));
  const describe = (c: Consent | undefined) =>
    c?.given && c.givenAt
      ? t("consent.givenOn", { date: formatDateTime(c.givenAt, i18n.language) })
      : c?.revokedAt
        ? t("consent.revokedOn", { date: formatDateTime(c.revokedAt, i18n.language) })
        : t("consent.never");

  return (
    <fieldset
      className="opvang-return-consents"
      aria-labelledby={legendId}
      aria-busy={busy !== null || undefined}
      data-testid={`return-consents-${member.personId}`}
    >
      <legend id={legendId}>
        <Heading3>{t("consent.of", { name: member.name })}</Heading3>
      </legend>
      {query.isPending ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {query.isError ? <Notice type="error">{t("consent.loadFailed")}</Notice> : null}
      {query.isSuccess
        ? CONSENT_PURPOSES.map((purpose) => {
            const c = byPurpose.get(purpose);
            return canEdit ? (
              <CheckboxField
                key={purpose}
                id={`return-consent-${member.personId}-${purpose}`}
                label={t(`purposes.${purpose}`)}
                description={describe(c)}
                checked={c?.given ?? false}
                onChange={(checked) => {
                  if (busy === null) void toggle(purpose, checked);
                }}
              />
            ) : (
              <Paragraph key={purpose}>
                {t("consent.line", { purpose: t(`purposes.${purpose}`), state: describe(c) })}
              </Paragraph>
            );
          })
        : null}
    </fieldset>
  );
}

export function ReturnSection({
  householdId,
  members,
  canEdit,
  api = returnApi,
}: {
  householdId: number;
  /** The household's members today: each one's consent is shown. */
  members: ReturnMember[];
  /** Whether the user may take steps and record consent (return.write). */
  canEdit: boolean;
  api?: ReturnApi;
}) {
  const { t, i18n } = useTranslation("return");
  const headingId = useId();
  const captionId = useId();
  const queryClient = useQueryClient();
  const query = useQuery(returnCaseQuery(api, householdId));
  const [open, setOpen] = useState<ReturnStatus | "support" | "case" | null>(null);
  const [notice, setNotice] = useState<SectionNotice | null>(null);
  const language = i18n.language;
  const key = returnCaseQuery(api, householdId).queryKey;

  const saved = (updated: ReturnCase, message: string, params?: Record<string, string>) => {
    queryClient.setQueryData(key, updated);
    // A departure ends the placements: the household page's other sections load again.
    if (updated.status === "departed")
      void queryClient.invalidateQueries({ queryKey: ["households", householdId] });
    setOpen(null);
    setNotice({ type: "ok", key: message, params });
  };
  const conflict = () => {
    setOpen(null);
    setNotice({ type: "warning", key: "conflict" });
    void queryClient.invalidateQueries({ queryKey: key });
  };

  const returnCase = query.data ?? null;
  const closed = returnCase !== null && returnCase.nextSteps.length === 0;

  return (
    <section className="opvang-return" aria-labelledby={headingId} data-testid="return">
      <Heading2 id={headingId}>{t("heading")}</Heading2>
      {notice ? (
        <Notice type={notice.type} testId="return-notice">
          {t(notice.key, { ...notice.params, defaultValue: t("apiErrors.unknown") })}
        </Notice>
      ) : null}
      {query.isPending ? <Paragraph>{t("common.loading")}</Paragraph> : null}
      {query.isError ? (
        <Notice type="error">
          {t(`apiErrors.${query.error instanceof ApiError ? query.error.code : "unknown"}`, {
            defaultValue: t("loadFailed"),
          })}
        </Notice>
      ) : null}
      {query.isSuccess && returnCase === null ? (
        <Paragraph data-testid="return-none">{t("none")}</Paragraph>
      ) : null}
      {returnCase ? (
        <>
          <Paragraph data-testid="return-status">
            {t("statusNow", { status: t(`status.${returnCase.status}`) })}
          </Paragraph>
          <Steps returnCase={returnCase} />
          <ScrollTable labelledBy={captionId}>
            <Table>
              <TableCaption id={captionId}>{t("events.caption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("events.status")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.on")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.note")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("events.by")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {returnCase.events.map((e, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the steps are only ever appended
                  <TableRow key={index}>
                    <TableCell>{t(`status.${e.status}`)}</TableCell>
                    <TableCell>{formatDate(e.on, language)}</TableCell>
                    <TableCell className="utrecht-table__cell--wrap">{e.note ?? "—"}</TableCell>
                    <TableCell>{e.by ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
          <Heading3>{t("support.heading")}</Heading3>
          <SupportSummary returnCase={returnCase} />
        </>
      ) : null}
      {canEdit && query.isSuccess && open === null ? (
        <ButtonGroup data-testid="return-actions">
          {returnCase === null || closed ? (
            <Button
              type="button"
              appearance="primary-action-button"
              onClick={() => setOpen("case")}
            >
              {t(returnCase === null ? "open.button" : "open.againButton")}
            </Button>
          ) : null}
          {returnCase?.nextSteps.map((status) => (
            <Button
              key={status}
              type="button"
              appearance={
                status === "withdrawn" ? "secondary-action-button" : "primary-action-button"
              }
              onClick={() => setOpen(status)}
            >
              {t(`step.button.${status}`)}
            </Button>
          ))}
          {returnCase && !closed ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => setOpen("support")}
            >
              {t("support.edit")}
            </Button>
          ) : null}
        </ButtonGroup>
      ) : null}
      {canEdit && open === "case" ? (
        <OpenCaseForm
          householdId={householdId}
          api={api}
          again={returnCase !== null}
          onSaved={(opened) => saved(opened, "open.saved")}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {canEdit && returnCase && open === "support" ? (
        <SupportForm
          returnCase={returnCase}
          api={api}
          onSaved={(updated) => saved(updated, "support.saved")}
          onConflict={conflict}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {canEdit &&
      returnCase &&
      open !== null &&
      returnCase.nextSteps.includes(open as ReturnStatus) ? (
        <StepForm
          key={open}
          returnCase={returnCase}
          status={open as ReturnStatus}
          api={api}
          onSaved={(updated) =>
            saved(updated, "step.saved", { status: t(`status.${updated.status}`) })
          }
          onConflict={conflict}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {members.length ? (
        <>
          <Heading3>{t("consent.heading")}</Heading3>
          <Paragraph>{t("consent.intro")}</Paragraph>
          {members.map((m) => (
            <MemberConsents
              key={m.personId}
              member={m}
              api={api}
              canEdit={canEdit}
              onError={(code) =>
                setNotice({
                  type: "error",
                  key: `apiErrors.${code}`,
                })
              }
            />
          ))}
        </>
      ) : null}
    </section>
  );
}
