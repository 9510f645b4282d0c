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
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type Role } from "../../../api";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  Notice,
  SelectField,
  TextField,
  topLevelField,
  useErrorText,
  useForm,
} from "../../../components/form";
import { formatDateTime, isoTimestamp } from "../../../format";
import { type Account, type AccountOptions, MUNICIPAL_ROLES, type UsersApi } from "../api";
import { USERS_ERRORS } from "../errors";
import { OneTimePassword } from "./OneTimePassword";

type Field = "displayName" | "role" | "gemeenteCode";

/** A date-time from the API in the user's language, or "never". */
export function LastSignIn({ at, language }: { at: string | null; language: string }) {
  const { t } = useTranslation("users");
  if (!at) return <>{t("list.never")}</>;
  return <time dateTime={isoTimestamp(at)}>{formatDateTime(at, language)}</time>;
}

/** A question asked before an action takes effect, with yes and cancel. */
function Confirm({
  question,
  yes,
  busy,
  onYes,
  onCancel,
  testId,
}: {
  question: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const { t } = useTranslation("users");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    // Focus lands on the question (announced as a status), not on "yes".
    <div ref={ref} tabIndex={-1} className="opvang-users-confirm" data-testid={testId}>
      <Notice type="warning">
        <Paragraph>{question}</Paragraph>
        <ButtonGroup>
          <PrimaryActionButton type="button" busy={busy} disabled={busy} onClick={onYes}>
            {yes}
          </PrimaryActionButton>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t("manage.cancel")}
          </Button>
        </ButtonGroup>
      </Notice>
    </div>
  );
}

/** Display name, role and (for the system admin) municipality. */
function EditForm({
  account,
  options,
  isSelf,
  api,
  onSaved,
  onConflict,
}: {
  account: Account;
  options: AccountOptions;
  isSelf: boolean;
  api: UsersApi;
  onSaved: (account: Account, changed: boolean) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation("users");
  const headingId = useId();
  const form = useForm<Field>(USERS_ERRORS);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [gemeenteCode, setGemeenteCode] = useState(account.gemeenteCode ?? "");
  // A role the administrator may not give (a resident's, or one beyond a municipal admin's)
  // is shown but cannot be chosen.
  const roleChoices = options.roles.includes(account.role)
    ? options.roles
    : [account.role, ...options.roles];
  const roleFixed = isSelf || !options.roles.includes(account.role);
  const municipal = MUNICIPAL_ROLES.includes(role);
  const chooseGemeente = municipal && options.gemeenten.length > 1 && !roleFixed;

  async function submit() {
    const found: FieldErrors<Field> = {};
    if (!displayName.trim()) found.displayName = { key: "fieldErrors.required" };
    if (chooseGemeente && !gemeenteCode) found.gemeenteCode = { key: "fieldErrors.required" };
    if (Object.keys(found).length) {
      form.fail(found);
      return;
    }
    const changes = {
      ...(displayName.trim() !== account.displayName ? { displayName: displayName.trim() } : {}),
      ...(role !== account.role ? { role } : {}),
      ...(chooseGemeente && gemeenteCode !== account.gemeenteCode ? { gemeenteCode } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onSaved(account, false);
      return;
    }
    let saved: Account | undefined;
    await form.run(
      async () => {
        saved = await api.update(account.id, { version: account.version, ...changes });
      },
      topLevelField(["displayName", "role", "gemeenteCode"]),
      onConflict,
    );
    if (saved) onSaved(saved, true);
  }

  const labels: Record<Field, string> = {
    displayName: t("manage.edit.displayName"),
    role: t("manage.edit.role"),
    gemeenteCode: t("manage.edit.gemeente"),
  };

  return (
    <form
      className="opvang-form opvang-users-form"
      noValidate
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="edit-user-form"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!form.busy) void submit();
      }}
    >
      <Heading3 id={headingId}>{t("manage.edit.heading")}</Heading3>
      <ErrorSummary {...form.summary(labels, (f) => `edit-${f}`)} />
      <TextField
        id="edit-displayName"
        label={labels.displayName}
        value={displayName}
        onChange={setDisplayName}
        error={form.error("displayName")}
        maxLength={200}
        required
      />
      {roleFixed ? (
        <div className="opvang-users-fixed" data-testid="edit-role-fixed">
          <Paragraph>
            <strong>{labels.role}</strong>: {t(`roles.${account.role}`, { ns: "translation" })}
          </Paragraph>
          <Paragraph>{isSelf ? t("manage.edit.ownRole") : t("manage.edit.roleFixed")}</Paragraph>
        </div>
      ) : (
        <SelectField
          id="edit-role"
          label={labels.role}
          value={role}
          onChange={(value) => setRole(value as Role)}
          error={form.error("role")}
          options={roleChoices.map((r) => ({
            value: r,
            label: t(`roles.${r}`, { ns: "translation" }),
          }))}
        />
      )}
      {chooseGemeente ? (
        <SelectField
          id="edit-gemeenteCode"
          label={labels.gemeenteCode}
          required
          value={gemeenteCode}
          onChange={setGemeenteCode}
          error={form.error("gemeenteCode")}
          options={[
            ...(gemeenteCode ? [] : [{ value: "", label: t("create.chooseGemeente") }]),
            ...options.gemeenten.map((g) => ({ value: g.code, label: g.name })),
          ]}
        />
      ) : null}
      <FormActions
        busy={form.busy}
        submit={form.busy ? t("manage.edit.saving") : t("manage.edit.submit")}
      />
    </form>
  );
}

type Pending = "deactivate" | "reactivate" | "reset" | null;

/**
 * One account: its details, the edit form, (de)activation and a new one-time password,
 * each change confirmed first. Own account: no deactivation, no role change, no reset.
 */
export function ManageUser({
  account,
  options,
  isSelf,
  api,
  language,
  onChanged,
  onConflict,
  onClose,
}: {
  account: Account;
  options: AccountOptions;
  isSelf: boolean;
  api: UsersApi;
  language: string;
  /** The server answered the changed account. */
  onChanged: (account: Account) => void;
  /** Someone else changed it since: reload. */
  onConflict: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("users");
  const errorText = useErrorText(USERS_ERRORS);
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ type: "ok" | "error" | "warning"; text: ReactNode }>();
  const [password, setPassword] = useState<string | null>(null);
  const name = account.displayName;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function conflict() {
    setNotice({ type: "warning", text: t("manage.conflict") });
    onConflict();
  }

  function failed(error: unknown) {
    if (error instanceof ApiError && error.status === 409) conflict();
    else {
      const code = error instanceof ApiError ? error.code : "unknown";
      // Translated, or the generic text: never the server's English message.
      setNotice({ type: "error", text: errorText({ key: `formErrors.${code}` }) ?? "" });
    }
  }

  async function act(kind: Exclude<Pending, null>) {
    setBusy(true);
    setNotice(undefined);
    try {
      if (kind === "reset") {
        const result = await api.resetPassword(account.id, account.version);
        setPassword(result.oneTimePassword);
        onChanged(result.user);
      } else {
        const active = kind === "reactivate";
        const changed = await api.update(account.id, { version: account.version, active });
        setNotice({
          type: "ok",
          text: active ? t("manage.access.reactivated") : t("manage.access.deactivated", { name }),
        });
        onChanged(changed);
      }
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const gemeente = account.gemeenteName ?? account.gemeenteCode;

  return (
    <section className="opvang-users-manage" aria-labelledby={headingId} data-testid="manage-user">
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("manage.heading", { name })}
      </Heading2>
      <DataList className="opvang-users-details">
        <DataListItem>
          <DataListKey>{t("list.col.username")}</DataListKey>
          <DataListValue>{account.username}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("list.col.role")}</DataListKey>
          <DataListValue>{t(`roles.${account.role}`, { ns: "translation" })}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("list.col.gemeente")}</DataListKey>
          <DataListValue>{gemeente ?? t("list.national")}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("list.col.status")}</DataListKey>
          <DataListValue>
            <span data-testid="manage-status">
              {account.active ? t("status.active") : t("status.inactive")}
              {account.mustChangePassword ? ` · ${t("status.oneTime")}` : ""}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("list.col.lastSignIn")}</DataListKey>
          <DataListValue>
            <LastSignIn at={account.lastSignInAt} language={language} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("manage.created")}</DataListKey>
          <DataListValue>
            <LastSignIn at={account.createdAt} language={language} />
          </DataListValue>
        </DataListItem>
      </DataList>

      <div aria-live="polite">
        {notice ? (
          <Notice type={notice.type} testId="manage-notice">
            {notice.text}
          </Notice>
        ) : null}
      </div>

      <EditForm
        // A newer version (after a save or a conflict) starts the form afresh.
        key={`${account.id}-${account.version}`}
        account={account}
        options={options}
        isSelf={isSelf}
        api={api}
        onConflict={conflict}
        onSaved={(saved, changed) => {
          setNotice({
            type: "ok",
            text: changed ? t("manage.edit.saved") : t("manage.edit.unchanged"),
          });
          if (changed) onChanged(saved);
        }}
      />

      <div className="opvang-users-actions">
        <Heading3>{t("manage.access.heading")}</Heading3>
        {isSelf ? (
          <Paragraph>{t("manage.access.ownAccount")}</Paragraph>
        ) : pending === "deactivate" || pending === "reactivate" ? (
          <Confirm
            testId="confirm-access"
            question={
              pending === "deactivate"
                ? t("manage.access.confirmDeactivate", { name })
                : t("manage.access.confirmReactivate", { name })
            }
            yes={
              pending === "deactivate"
                ? t("manage.access.yesDeactivate")
                : t("manage.access.yesReactivate")
            }
            busy={busy}
            onYes={() => void act(pending)}
            onCancel={() => setPending(null)}
          />
        ) : (
          <>
            <Paragraph>
              {account.active ? t("manage.access.activeIntro") : t("manage.access.inactiveIntro")}
            </Paragraph>
            <ButtonGroup>
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() => setPending(account.active ? "deactivate" : "reactivate")}
              >
                {account.active ? t("manage.access.deactivate") : t("manage.access.reactivate")}
              </Button>
            </ButtonGroup>
          </>
        )}
      </div>

      <div className="opvang-users-actions">
        <Heading3>{t("manage.reset.heading")}</Heading3>
        {isSelf ? (
          <Paragraph>{t("manage.reset.ownAccount")}</Paragraph>
        ) : password ? (
          <OneTimePassword
            testId="reset-password"
            heading={t("password.resetHeading", { username: account.username })}
            name={name}
            password={password}
            onDone={() => setPassword(null)}
          />
        ) : pending === "reset" ? (
          <Confirm
            testId="confirm-reset"
            question={t("manage.reset.confirm", { name })}
            yes={t("manage.reset.yes")}
            busy={busy}
            onYes={() => void act("reset")}
            onCancel={() => setPending(null)}
          />
        ) : (
          <>
            <Paragraph>{t("manage.reset.intro")}</Paragraph>
            <ButtonGroup>
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() => setPending("reset")}
              >
                {t("manage.reset.button")}
              </Button>
            </ButtonGroup>
          </>
        )}
      </div>

      <ButtonGroup>
        <Button type="button" appearance="subtle-button" onClick={onClose}>
          {t("manage.close")}
        </Button>
      </ButtonGroup>
    </section>
  );
}
