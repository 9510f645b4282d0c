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

type Field = "username" | "password";

/** Errors are kept as catalog keys, so they follow a language switch. */
type FieldErrors = Partial<Record<Field, string>>;

export interface SignInPageProps {
  signIn: (username: string, password: string) => Promise<User>;
  onSignedIn: (user: User) => void;
  /** A notice to show above the form, as a catalog key (for example after sign-out). */
  noticeKey?: string | null;
  /** The code of an error that happened before the form was used (API unreachable). */
  initialErrorCode?: string | null;
}

const REQUIRED_KEYS: Record<Field, string> = {
  username: "signIn.usernameRequired",
  password: "signIn.passwordRequired",
};

const REQUIRED_CODES = new Set(["required", "too_small", "invalid_type", "empty"]);

export function validateSignIn(username: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!username.trim()) errors.username = REQUIRED_KEYS.username;
  if (!password) errors.password = REQUIRED_KEYS.password;
  return errors;
}

function fieldErrorsFromApi(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.split(".")[0];
    if (field !== "username" && field !== "password") continue;
    errors[field] ??= REQUIRED_CODES.has(issue.code) ? REQUIRED_KEYS[field] : "errors.fieldInvalid";
  }
  return errors;
}

export function SignInPage({ signIn, onSignedIn, noticeKey, initialErrorCode }: SignInPageProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formErrorCode, setFormErrorCode] = useState<string | null>(initialErrorCode ?? null);
  const [submitting, setSubmitting] = useState(false);
  const [showNotice, setShowNotice] = useState(Boolean(noticeKey));
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  function focusFirstInvalid(errors: FieldErrors) {
    if (errors.username) usernameRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setShowNotice(false);
    setFormErrorCode(null);
    const errors = validateSignIn(username, password);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(errors);
      return;
    }
    setSubmitting(true);
    try {
      const user = await signIn(username.trim(), password);
      onSignedIn(user);
    } catch (error) {
      setSubmitting(false);
      const apiError = error instanceof ApiError ? error : null;
      const fromApi = apiError ? fieldErrorsFromApi(apiError) : {};
      setFieldErrors(fromApi);
      if (Object.keys(fromApi).length > 0) {
        focusFirstInvalid(fromApi);
      } else {
        setFormErrorCode(apiError?.code ?? "unknown");
        if (apiError?.code === "invalid_credentials") {
          setPassword("");
          passwordRef.current?.focus();
        }
      }
    }
  }

  return (
    <div className="opvang-sign-in">
      <PageTitle>{t("signIn.title")}</PageTitle>
      <Paragraph>{t("signIn.intro")}</Paragraph>
      {showNotice && noticeKey ? (
        <Alert type="ok" role="status" data-testid="sign-in-notice">
          <Paragraph>{t(noticeKey)}</Paragraph>
        </Alert>
      ) : null}
      {formErrorCode ? (
        <Alert type="error" role="alert" data-testid="sign-in-error">
          <Paragraph>{t([`errors.${formErrorCode}`, "errors.unknown"])}</Paragraph>
        </Alert>
      ) : null}
      <form className="opvang-form" noValidate onSubmit={handleSubmit} aria-busy={submitting}>
        <FormFieldTextbox
          name="username"
          label={t("signIn.username")}
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername((event.target as HTMLInputElement).value)}
          invalid={Boolean(fieldErrors.username)}
          errorMessage={fieldErrors.username ? t(fieldErrors.username) : undefined}
          inputRef={usernameRef}
          data-testid="field-username"
        />
        <FormFieldTextbox
          name="password"
          type="password"
          label={t("signIn.password")}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword((event.target as HTMLInputElement).value)}
          invalid={Boolean(fieldErrors.password)}
          errorMessage={fieldErrors.password ? t(fieldErrors.password) : undefined}
          inputRef={passwordRef}
          data-testid="field-password"
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={submitting} disabled={submitting}>
            {submitting ? t("signIn.submitting") : t("signIn.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>
    </div>
  );
}
