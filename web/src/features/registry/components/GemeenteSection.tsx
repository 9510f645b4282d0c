import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { useCodeTexts } from "../../../codes";
import {
  DateField,
  type FieldErrors,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { navigate } from "../../../links";
import { REGISTRY_ERRORS } from "../errors";
import { setListFlash } from "../flash";
import { formatDate, formatDateInput, fullName, parseDateInput, todayNl } from "../format";
import { gemeentenQuery, householdGemeentenQuery, householdKey } from "../queries";
import type { Gemeente, GemeentePeriod, Household, RegistryApi } from "../registry-api";
import { type ChangeCallbacks, ChangePanel, membershipStatus } from "./MembersSection";

/**
 * The household's municipality over time, and for a caseworker its transfer (overdracht) to
 * another municipality: a form (municipality, first day, reason), then a confirmation that
 * says plainly what happens. Once transferred, the household is no longer ours: the page
 * goes to the households list, which says so.
 */

const REASON_MAX = 500;

/** The transfer's fields, by the request's property names. */
const IDS = {
  gemeente: "transfer-gemeente",
  from: "transfer-from",
  reason: "transfer-reason",
} as const;

/**
 * A refusal in the reader's words only: the server's English messages are dropped (a code
 * without a text of ours shows the generic one), and a date it names (`before_current_period`
 * gives the first possible day) is written as the page writes dates.
 */
function inReadersLanguage(error: unknown, language: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const issues = error.issues.map((issue) => ({
    ...issue,
    message: "",
    ...(issue.params
      ? {
          params: Object.fromEntries(
            Object.entries(issue.params).map(([name, value]) => [
              name,
              name === "date" && typeof value === "string" ? formatDate(value, language) : value,
            ]),
          ),
        }
      : {}),
  }));
  return new ApiError(error.status, error.code, "", issues, error.current);
}

/** The names of those who go with the household: members on `from` or later. */
function movingNames(household: Household, from: string): string[] {
  const names = new Map<number, string>();
  for (const m of household.members) {
    if (m.validTo === null || m.validTo >= from) names.set(m.person.id, fullName(m.person));
  }
  return [...names.values()];
}

function periodStatus(period: GemeentePeriod, today: string) {
  return membershipStatus(
    { validFrom: period.validFrom ?? "0000-01-01", validTo: period.validTo },
    today,
  );
}

interface Checked {
  gemeente: Gemeente;
  from: string;
  reason: string;
}

function TransferPanel({
  household,
  api,
  callbacks,
  onCancel,
}: {
  household: Household;
  api: RegistryApi;
  callbacks: ChangeCallbacks;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const language = i18n.language;
  const queryClient = useQueryClient();
  const gemeenten = useQuery(gemeentenQuery(api));
  const [gemeente, setGemeente] = useState("");
  const [from, setFrom] = useState(() => formatDateInput(todayNl(), language));
  const [reason, setReason] = useState("");
  // The checked transfer, shown for confirmation; null while the form is shown.
  const [checked, setChecked] = useState<Checked | null>(null);
  // Back from the confirmation without a problem: focus returns to the form's first field.
  const [back, setBack] = useState(0);
  const form = useForm(REGISTRY_ERRORS);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const transferred = useRef(false);

  const choices = (gemeenten.data ?? [])
    .filter((g) => g.code !== household.gemeenteCode)
    .sort((a, b) => a.name.localeCompare(b.name, language));

  useEffect(() => {
    if (checked) confirmHeading.current?.focus();
  }, [checked]);

  useEffect(() => {
    if (back > 0) document.getElementById(IDS.gemeente)?.focus();
  }, [back]);

  // The household is no longer ours once transferred: forget what was read of it, once the
  // page that shows it has gone (a later visit asks again, and is told it is not found).
  useEffect(
    () => () => {
      if (transferred.current) queryClient.removeQueries({ queryKey: householdKey(household.id) });
    },
    [queryClient, household.id],
  );

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    const chosen = choices.find((g) => g.code === gemeente);
    if (!chosen) errors[IDS.gemeente] = { key: "errors.gemeenteRequired" };
    const date = parseDateInput(from);
    if (!date) errors[IDS.from] = { key: "errors.date_format" };
    else if (date > todayNl()) errors[IDS.from] = { key: "errors.date_in_future" };
    if (!reason.trim()) errors[IDS.reason] = { key: "errors.reasonRequired" };
    if (!chosen || !date || Object.keys(errors).length) return form.fail(errors);
    form.clear();
    setChecked({ gemeente: chosen, from: date, reason: reason.trim() });
  }

  async function transfer(confirmed: Checked) {
    const ok = await form.run(
      async () => {
        let result: Awaited<ReturnType<RegistryApi["transfer"]>>;
        try {
          result = await api.transfer(household.id, {
            gemeente: confirmed.gemeente.code,
            from: confirmed.from,
            reason: confirmed.reason,
            version: household.version,
          });
        } catch (error) {
          throw inReadersLanguage(error, language);
        }
        transferred.current = true;
        setListFlash({
          kind: "transferred",
          label: household.label,
          gemeente: confirmed.gemeente.name,
          from: result.from,
        });
        void queryClient.invalidateQueries({ queryKey: ["households", "list"] });
        navigate("/households");
      },
      topLevelField<string>(IDS),
      callbacks.onConflict,
    );
    // Refused (the problems show at their fields) or changed by someone else (the page says
    // so and reloads): back to the form.
    if (!ok) setChecked(null);
  }

  if (checked) {
    const names = movingNames(household, checked.from);
    const params = {
      label: household.label,
      gemeente: checked.gemeente.name,
      date: formatDate(checked.from, language),
    };
    return (
      <section
        className="opvang-registry-panel"
        aria-labelledby="transfer-confirm-heading"
        data-testid="transfer-confirm"
      >
        <Heading3 id="transfer-confirm-heading" ref={confirmHeading} tabIndex={-1}>
          {t("gemeente.confirmHeading")}
        </Heading3>
        <Alert type="warning">
          <Paragraph>
            {names.length
              ? t("gemeente.confirmWhat", { ...params, names: names.join(", ") })
              : t("gemeente.confirmWhatNoMembers", params)}
          </Paragraph>
          <Paragraph>{t("gemeente.confirmAfter", params)}</Paragraph>
        </Alert>
        <Paragraph data-testid="transfer-confirm-reason">
          {t("gemeente.confirmReason", { reason: checked.reason })}
        </Paragraph>
        <ButtonGroup>
          <PrimaryActionButton
            type="button"
            busy={form.busy}
            disabled={form.busy}
            data-testid="transfer-confirm-button"
            onClick={() => void transfer(checked)}
          >
            {t("gemeente.confirmSubmit", { gemeente: checked.gemeente.name })}
          </PrimaryActionButton>
          <Button
            type="button"
            appearance="secondary-action-button"
            disabled={form.busy}
            onClick={() => {
              setChecked(null);
              setBack((n) => n + 1);
            }}
          >
            {t("gemeente.confirmBack")}
          </Button>
          <Button type="button" appearance="subtle-button" disabled={form.busy} onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </ButtonGroup>
      </section>
    );
  }

  return (
    <ChangePanel
      name="transfer"
      heading={t("gemeente.transferHeading")}
      intro={<Paragraph>{t("gemeente.transferIntro")}</Paragraph>}
      summary={form.summary({
        [IDS.gemeente]: t("gemeente.to"),
        [IDS.from]: t("gemeente.from"),
        [IDS.reason]: t("common.reason"),
      })}
      busy={form.busy}
      submit={t("gemeente.next")}
      onSubmit={check}
      onCancel={onCancel}
    >
      {gemeenten.isError ? (
        <Notice type="error" testId="transfer-gemeenten-error">
          {t("gemeente.gemeentenFailed")}
        </Notice>
      ) : null}
      <div className="opvang-registry-grid">
        <SelectField
          id={IDS.gemeente}
          label={t("gemeente.to")}
          description={t("gemeente.toHint")}
          value={gemeente}
          required
          error={form.error(IDS.gemeente)}
          onChange={setGemeente}
          options={[
            {
              value: "",
              label: gemeenten.isPending ? t("common.loading") : t("gemeente.choose"),
            },
            ...choices.map((g) => ({ value: g.code, label: g.name })),
          ]}
        />
        <DateField
          id={IDS.from}
          label={t("gemeente.from")}
          description={t("gemeente.fromHint")}
          value={from}
          required
          error={form.error(IDS.from)}
          onChange={setFrom}
        />
        <TextField
          id={IDS.reason}
          label={t("common.reason")}
          description={t("gemeente.reasonHint")}
          value={reason}
          required
          maxLength={REASON_MAX}
          error={form.error(IDS.reason)}
          onChange={setReason}
        />
      </div>
    </ChangePanel>
  );
}

export function GemeenteSection({
  household,
  api,
  canTransfer,
  callbacks,
}: {
  household: Household;
  api: RegistryApi;
  canTransfer: boolean;
  callbacks: ChangeCallbacks;
}) {
  const { t, i18n } = useTranslation("registry");
  const language = i18n.language;
  const headingId = useId();
  const captionId = useId();
  const codes = useCodeTexts();
  const periods = useQuery(householdGemeentenQuery(api, household.id));
  const [open, setOpen] = useState(false);
  // Closing the form returns focus to the button that opened it.
  const [closed, setClosed] = useState(0);
  const opener = useRef<HTMLButtonElement>(null);
  const today = todayNl();

  useEffect(() => {
    if (closed > 0) opener.current?.focus();
  }, [closed]);

  return (
    <section className="opvang-registry-section" aria-labelledby={headingId} data-testid="gemeente">
      <Heading2 id={headingId}>{t("gemeente.heading")}</Heading2>
      {periods.isPending ? <Paragraph role="status">{t("common.loading")}</Paragraph> : null}
      {periods.isError ? (
        <Notice type="error" testId="gemeente-error">
          {t("gemeente.loadFailed")}
        </Notice>
      ) : null}
      {periods.data ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="gemeente-periods">
            <TableCaption id={captionId}>{t("gemeente.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("gemeente.col.gemeente")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.from")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.to")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {periods.data.map((p) => (
                <TableRow
                  key={`${p.gemeenteCode}-${p.validFrom ?? "start"}`}
                  data-testid="gemeente-period"
                >
                  <TableHeaderCell scope="row">{p.gemeenteName}</TableHeaderCell>
                  <TableCell className="opvang-registry-nowrap">
                    {p.validFrom
                      ? formatDate(p.validFrom, language)
                      : t("gemeente.sinceRegistration")}
                  </TableCell>
                  <TableCell className="opvang-registry-nowrap">
                    {p.validTo ? formatDate(p.validTo, language) : "—"}
                  </TableCell>
                  <TableCell>{t(`status.${periodStatus(p, today)}`)}</TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {codes.reason(p.reason) ?? "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {canTransfer && !open ? (
        <ButtonGroup>
          <Button
            ref={opener}
            type="button"
            appearance="secondary-action-button"
            data-testid="transfer-open"
            onClick={() => setOpen(true)}
          >
            {t("gemeente.transfer")}
          </Button>
        </ButtonGroup>
      ) : null}
      {canTransfer && open ? (
        <TransferPanel
          household={household}
          api={api}
          callbacks={callbacks}
          onCancel={() => {
            setOpen(false);
            setClosed((n) => n + 1);
          }}
        />
      ) : null}
    </section>
  );
}
