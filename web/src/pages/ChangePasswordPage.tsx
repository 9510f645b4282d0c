import {
  Alert,
  ButtonGroup,
  FormFieldTextbox,
  Paragraph,
  PrimaryActionButton,
} from "@utrecht/component-library-react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type User } from "../api";
import { PageTitle } from "../components/PageTitle";

type Field = "currentPassword" | "newPassword" | "repeat";

/** Errors as catalog keys under `changePassword.errors`, so they follow a language switch. */
type FieldErrors = Partial<Record<Field, string>>;

const MIN_LENGTH = 10;

export function validatePasswords(current: string, next: string, repeat: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!current) errors.currentPassword = "required";
  if (!next) errors.newPassword = "required";
  else if (next.length < MIN_LENGTH) errors.newPassword = "password_weak";
  else if (next === current) errors.newPassword = "password_unchanged";
  if (next && repeat !== next) errors.repeat = "mismatch";
  return errors;
}

/**
 * Shown instead of every page while the signed-in user still has the one-time password an
 * administrator gave them: they choose their own (the server refuses everything else until
 * then, 403 password_change_required).
 */
export function ChangePasswordPage({
  changePassword,
  onChanged,
}: {
  changePassword: (currentPassword: string, newPassword: string) => Promise<User>;
  onChanged: (user: User) => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  function focusFirst(found: FieldErrors) {
    const first = (["currentPassword", "newPassword", "repeat"] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const found = validatePasswords(current, next, repeat);
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      onChanged(await changePassword(current, next));
    } catch (error) {
      setBusy(false);
      const apiError = error instanceof ApiError ? error : null;
      const fromApi: FieldErrors = {};
      for (const issue of apiError?.issues ?? []) {
        const field = issue.path as Field;
        if (field === "currentPassword" || field === "newPassword") fromApi[field] ??= issue.code;
      }
      setErrors(fromApi);
      if (Object.keys(fromApi).length) focusFirst(fromApi);
      else setFormError(apiError?.code ?? "unknown");
    }
  }

  const errorText = (code: string | undefined) =>
    code
      ? t([`changePassword.errors.${code}`, `errors.${code}`, "errors.fieldInvalid"])
      : undefined;

  return (
    <div className="opvang-change-password" data-testid="change-password">
      <PageTitle>{t("changePassword.title")}</PageTitle>
      <Paragraph>{t("changePassword.intro")}</Paragraph>
      {formError ? (
        <Alert type="error" role="alert" data-testid="change-password-error">
          <Paragraph>
            {t([`changePassword.errors.${formError}`, `errors.${formError}`, "errors.unknown"])}
          </Paragraph>
        </Alert>
      ) : null}
      <form className="opvang-form" noValidate onSubmit={handleSubmit} aria-busy={busy}>
        <FormFieldTextbox
          name="currentPassword"
          type="password"
          label={t("changePassword.current")}
          description={t("changePassword.currentHint")}
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent((event.target as HTMLInputElement).value)}
          invalid={Boolean(errors.currentPassword)}
          errorMessage={errorText(errors.currentPassword)}
          inputRef={refs.currentPassword}
        />
        <FormFieldTextbox
          name="newPassword"
          type="password"
          label={t("changePassword.new")}
          description={t("changePassword.newHint")}
          autoComplete="new-password"
          required
          value={next}
          onChange={(event) => setNext((event.target as HTMLInputElement).value)}
          invalid={Boolean(errors.newPassword)}
          errorMessage={errorText(errors.newPassword)}
          inputRef={refs.newPassword}
        />
        <FormFieldTextbox
          name="repeatPassword"
          type="password"
          label={t("changePassword.repeat")}
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(event) => setRepeat((event.target as HTMLInputElement).value)}
          invalid={Boolean(errors.repeat)}
          errorMessage={errorText(errors.repeat)}
          inputRef={refs.repeat}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={busy} disabled={busy}>
            {busy ? t("changePassword.submitting") : t("changePassword.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>
    </div>
  );
}
