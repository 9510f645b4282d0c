import { Heading2 } from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../../api";
import {
  ErrorSummary,
  type FieldErrors,
  FormActions,
  SelectField,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "../../../i18n";
import {
  type Account,
  type AccountOptions,
  MUNICIPAL_ROLES,
  type NewAccount,
  type UsersApi,
} from "../api";
import { USERS_ERRORS } from "../errors";

type Field = "username" | "displayName" | "role" | "gemeenteCode" | "language";
const FIELDS: readonly Field[] = ["username", "displayName", "role", "gemeenteCode", "language"];

/** As the server checks it: 3–64 letters, digits, dots, dashes or underscores. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/i;

/**
 * A new account: username, name, role (translated), the municipality when the administrator
 * may choose one, and the user's language. The server answers the one-time password, which
 * `onCreated` shows once.
 */
export function CreateUserForm({
  api,
  options,
  onCreated,
  onCancel,
}: {
  api: UsersApi;
  options: AccountOptions;
  onCreated: (created: { user: Account; initialPassword: string }) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("users");
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<Field>(USERS_ERRORS);
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role | "">(options.roles.length === 1 ? options.roles[0]! : "");
  const single = options.gemeenten.length === 1 ? options.gemeenten[0]!.code : "";
  const [gemeenteCode, setGemeenteCode] = useState(single);
  const [language, setLanguage] = useState<Language>(currentLanguage(i18n));
  const municipal = role !== "" && MUNICIPAL_ROLES.includes(role);
  // The municipality is asked only when there is a choice (the system admin).
  const chooseGemeente = municipal && options.gemeenten.length > 1;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit() {
    const found: FieldErrors<Field> = {};
    if (!username.trim()) found.username = { key: "fieldErrors.required" };
    else if (!USERNAME.test(username.trim()))
      found.username = { key: "fieldErrors.username_format" };
    if (!displayName.trim()) found.displayName = { key: "fieldErrors.required" };
    if (!role) found.role = { key: "fieldErrors.required" };
    if (chooseGemeente && !gemeenteCode) found.gemeenteCode = { key: "fieldErrors.required" };
    if (Object.keys(found).length) {
      form.fail(found);
      return;
    }
    const account: NewAccount = {
      username: username.trim(),
      displayName: displayName.trim(),
      role: role as Role,
      language,
      ...(municipal && gemeenteCode ? { gemeenteCode } : {}),
    };
    let created: { user: Account; initialPassword: string } | undefined;
    await form.run(async () => {
      created = await api.create(account);
    }, topLevelField(FIELDS));
    if (created) onCreated(created);
  }

  const labels: Record<Field, string> = {
    username: t("create.username"),
    displayName: t("create.displayName"),
    role: t("create.role"),
    gemeenteCode: t("create.gemeente"),
    language: t("create.language"),
  };

  return (
    <form
      className="opvang-form opvang-users-form"
      noValidate
      aria-labelledby={headingId}
      aria-busy={form.busy}
      data-testid="create-user-form"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (!form.busy) void submit();
      }}
    >
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("create.heading")}
      </Heading2>
      <ErrorSummary {...form.summary(labels, (f) => `create-${f}`)} />
      <TextField
        id="create-username"
        label={labels.username}
        description={t("create.usernameHint")}
        value={username}
        onChange={setUsername}
        error={form.error("username")}
        autoComplete="off"
        maxLength={64}
        required
      />
      <TextField
        id="create-displayName"
        label={labels.displayName}
        description={t("create.displayNameHint")}
        value={displayName}
        onChange={setDisplayName}
        error={form.error("displayName")}
        maxLength={200}
        required
      />
      <SelectField
        id="create-role"
        label={labels.role}
        value={role}
        onChange={(value) => setRole(value as Role | "")}
        error={form.error("role")}
        required
        options={[
          ...(options.roles.length > 1 ? [{ value: "", label: t("create.chooseRole") }] : []),
          ...options.roles.map((r) => ({
            value: r,
            label: t(`roles.${r}`, { ns: "translation" }),
          })),
        ]}
      />
      {chooseGemeente ? (
        <SelectField
          id="create-gemeenteCode"
          label={labels.gemeenteCode}
          value={gemeenteCode}
          onChange={setGemeenteCode}
          error={form.error("gemeenteCode")}
          required
          options={[
            { value: "", label: t("create.chooseGemeente") },
            ...options.gemeenten.map((g) => ({ value: g.code, label: g.name })),
          ]}
        />
      ) : null}
      <SelectField
        id="create-language"
        label={labels.language}
        description={t("create.languageHint")}
        value={language}
        onChange={(value) => setLanguage(value as Language)}
        error={form.error("language")}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
      />
      <FormActions
        busy={form.busy}
        submit={form.busy ? t("create.submitting") : t("create.submit")}
        cancel={t("create.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}
