import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../components/form";
import { formatDateTime } from "../../format";
import { currentLanguage } from "../../i18n";
import { type BankAccount, type BankAccountApi, bankAccountApi } from "./api";
import { BANK_ACCOUNT_ERRORS } from "./errors";
import { bankAccountKey, bankAccountQuery } from "./queries";

export interface BankMember {
  personId: number;
  name: string;
}

interface SectionNotice {
  type: "ok" | "warning" | "error";
  key: string;
}

const IDS = { payeePersonId: "bank-payee", iban: "bank-iban" } as const;
type Field = keyof typeof IDS;

/**
 * The household's bank account on the household page: the member the leefgeld is paid to
 * and the IBAN (masked), or that it is paid by card or cash. Whoever may change it records
 * or changes it (a current member as payee, an IBAN the server checks) and removes it; the
 * server's refusals (a wrong check digit, a payee who is no longer a member) are shown at
 * the field, translated. A change sends the version read; a 409 reloads it.
 */
export function BankAccountSection({
  householdId,
  members,
  names,
  canEdit,
  api = bankAccountApi,
}: {
  householdId: number;
  /** The household's members today: who may be the payee. */
  members: BankMember[];
  /** Every member's name, also of former members (a payee who has left). */
  names: ReadonlyMap<number, string>;
  canEdit: boolean;
  api?: BankAccountApi;
}) {
  const { t, i18n } = useTranslation("bank-account");
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const query = useQuery(bankAccountQuery(api, householdId));
  const [open, setOpen] = useState<"edit" | "remove" | null>(null);
  const [notice, setNotice] = useState<SectionNotice | null>(null);
  const headingId = useId();
  const account = query.data;

  function saved(updated: BankAccount, key: string) {
    queryClient.setQueryData(bankAccountKey(householdId), updated);
    setOpen(null);
    setNotice({ type: "ok", key });
  }

  function conflict() {
    setOpen(null);
    setNotice({ type: "warning", key: "apiErrors.stale_version" });
    void queryClient.invalidateQueries({ queryKey: bankAccountKey(householdId) });
  }

  const payeeName = (personId: number | null) =>
    personId === null ? t("view.none") : (names.get(personId) ?? t("view.unknownPerson"));

  return (
    <section className="opvang-bank" aria-labelledby={headingId} data-testid="bank-account">
      <Heading2 id={headingId}>{t("heading")}</Heading2>
      <Paragraph>{t("intro")}</Paragraph>
      {notice ? (
        <Notice type={notice.type} testId="bank-account-notice">
          {t([notice.key, "apiErrors.unknown"])}
        </Notice>
      ) : null}
      {query.isPending ? <Paragraph role="status">{t("common.loading")}</Paragraph> : null}
      {query.isError ? (
        <Notice type="error" testId="bank-account-load-error">
          {t([
            `apiErrors.${query.error instanceof ApiError ? query.error.code : "unknown"}`,
            "apiErrors.unknown",
          ])}
        </Notice>
      ) : null}
      {account ? (
        <DataList className="opvang-bank-datalist" data-testid="bank-account-view">
          <DataListItem>
            <DataListKey>{t("view.method")}</DataListKey>
            <DataListValue>
              <span data-testid="bank-account-method">{t(`methods.${account.method}`)}</span>
            </DataListValue>
          </DataListItem>
          {account.method === "sepa" ? (
            <>
              <DataListItem>
                <DataListKey>{t("view.payee")}</DataListKey>
                <DataListValue>
                  <span data-testid="bank-account-payee">{payeeName(account.payeePersonId)}</span>
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t("view.iban")}</DataListKey>
                <DataListValue className="opvang-bank-iban">
                  <span data-testid="bank-account-iban">{account.ibanMasked}</span>
                </DataListValue>
              </DataListItem>
              {account.updatedAt ? (
                <DataListItem>
                  <DataListKey>{t("view.updatedAt")}</DataListKey>
                  <DataListValue>{formatDateTime(account.updatedAt, language)}</DataListValue>
                </DataListItem>
              ) : null}
            </>
          ) : null}
        </DataList>
      ) : null}
      {account?.method === "sepa" && !members.some((m) => m.personId === account.payeePersonId) ? (
        <Notice type="warning" testId="bank-account-payee-left">
          {t("view.payeeLeft")}
        </Notice>
      ) : null}
      {account?.method === "card_or_cash" ? (
        <Paragraph data-testid="bank-account-none">{t("view.cardOrCash")}</Paragraph>
      ) : null}
      {canEdit && account && open === null ? (
        <ButtonGroup data-testid="bank-account-actions">
          <Button
            type="button"
            appearance="primary-action-button"
            data-testid="bank-account-edit"
            onClick={() => {
              setNotice(null);
              setOpen("edit");
            }}
          >
            {t(account.method === "sepa" ? "actions.change" : "actions.record")}
          </Button>
          {account.method === "sepa" ? (
            <Button
              type="button"
              appearance="secondary-action-button"
              data-testid="bank-account-remove"
              onClick={() => {
                setNotice(null);
                setOpen("remove");
              }}
            >
              {t("actions.remove")}
            </Button>
          ) : null}
        </ButtonGroup>
      ) : null}
      {canEdit && account && open === "edit" ? (
        <AccountForm
          householdId={householdId}
          account={account}
          members={members}
          api={api}
          onSaved={(updated) =>
            saved(updated, account.method === "sepa" ? "saved.changed" : "saved.recorded")
          }
          onConflict={conflict}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {canEdit && account?.version != null && open === "remove" ? (
        <RemoveConfirm
          householdId={householdId}
          version={account.version}
          api={api}
          onRemoved={(updated) => saved(updated, "saved.removed")}
          onConflict={conflict}
          onError={(code) => {
            setOpen(null);
            setNotice({ type: "error", key: `apiErrors.${code}` });
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}

function AccountForm({
  householdId,
  account,
  members,
  api,
  onSaved,
  onConflict,
  onCancel,
}: {
  householdId: number;
  account: BankAccount;
  members: BankMember[];
  api: BankAccountApi;
  onSaved: (updated: BankAccount) => void;
  onConflict: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("bank-account");
  const form = useForm<Field>(BANK_ACCOUNT_ERRORS);
  const current = members.some((m) => m.personId === account.payeePersonId)
    ? String(account.payeePersonId)
    : members.length === 1
      ? String(members[0]?.personId)
      : "";
  const [payee, setPayee] = useState(current);
  // A new IBAN is typed in full: the page never shows the one recorded.
  const [iban, setIban] = useState("");
  const headingId = useId();
  const labels: Record<Field, string> = {
    payeePersonId: t("form.payee"),
    iban: t("form.iban"),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors<Field> = {};
    if (!payee) errors.payeePersonId = { key: "errors.required" };
    if (!iban.trim()) errors.iban = { key: "errors.required" };
    if (Object.keys(errors).length > 0) return form.fail(errors);
    await form.run(
      async () =>
        onSaved(
          await api.save(householdId, {
            payeePersonId: Number(payee),
            iban: iban.trim(),
            version: account.version,
          }),
        ),
      topLevelField(["payeePersonId", "iban"] as const),
      onConflict,
    );
  }

  return (
    <form
      className="opvang-bank-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="bank-account-form"
    >
      <Heading3 id={headingId}>
        {t(account.method === "sepa" ? "form.changeHeading" : "form.recordHeading")}
      </Heading3>
      <ErrorSummary {...form.summary(labels, (field) => IDS[field])} />
      {members.length === 0 ? <Notice type="warning">{t("form.noMembers")}</Notice> : null}
      <SelectField
        id={IDS.payeePersonId}
        label={labels.payeePersonId}
        description={t("form.payeeDescription")}
        value={payee}
        required
        options={[
          { value: "", label: t("form.choose") },
          ...members.map((m) => ({ value: String(m.personId), label: m.name })),
        ]}
        error={form.error("payeePersonId")}
        onChange={setPayee}
      />
      <TextField
        id={IDS.iban}
        label={labels.iban}
        description={
          account.ibanMasked
            ? t("form.ibanDescriptionChange", { masked: account.ibanMasked })
            : t("form.ibanDescription")
        }
        value={iban}
        required
        maxLength={50}
        autoComplete="off"
        error={form.error("iban")}
        onChange={setIban}
      />
      <FormActions
        busy={form.busy}
        submit={t("form.submit")}
        cancel={t("common.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}

function RemoveConfirm({
  householdId,
  version,
  api,
  onRemoved,
  onConflict,
  onError,
  onCancel,
}: {
  householdId: number;
  version: number;
  api: BankAccountApi;
  onRemoved: (updated: BankAccount) => void;
  onConflict: () => void;
  onError: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("bank-account");
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  async function remove() {
    setBusy(true);
    try {
      onRemoved(await api.remove(householdId, version));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onConflict();
      else onError(error instanceof ApiError ? error.code : "unknown");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      className="opvang-bank-panel"
      aria-labelledby={headingId}
      data-testid="bank-account-remove-confirm"
    >
      <Heading3 id={headingId}>{t("remove.heading")}</Heading3>
      <Notice type="warning">{t("remove.warning")}</Notice>
      <ButtonGroup>
        <PrimaryActionButton
          type="button"
          busy={busy}
          disabled={busy}
          data-testid="bank-account-remove-confirm-button"
          onClick={() => void remove()}
        >
          {t("remove.confirm")}
        </PrimaryActionButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </ButtonGroup>
    </section>
  );
}
