import {
  Alert,
  Button,
  ButtonGroup,
  Heading3,
  Paragraph,
  PrimaryActionButton,
} from "@utrecht/component-library-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A one-time password, shown once (the server keeps only its hash): with the advice to hand
 * it over securely, a copy button, and a button that closes it for good. Its heading takes
 * focus, so a screen reader user hears it first.
 */
export function OneTimePassword({
  heading,
  name,
  password,
  onDone,
  testId,
}: {
  heading: string;
  /** Whose password: the user's display name. */
  name: string;
  password: string;
  onDone: () => void;
  testId: string;
}) {
  const { t } = useTranslation("users");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <div className="opvang-users-password" data-testid={testId}>
      <Alert type="ok" role="status">
        <Heading3 ref={headingRef} tabIndex={-1}>
          {heading}
        </Heading3>
        <Paragraph>{t("password.label")}</Paragraph>
        <p className="opvang-users-password__value">
          <code data-testid="one-time-password" translate="no">
            {password}
          </code>
        </p>
        <Paragraph>
          <strong>{t("password.handOver")}</strong>
        </Paragraph>
        <Paragraph>{t("password.once", { name })}</Paragraph>
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={() => void copy()}>
            {t("password.copy")}
          </Button>
          <PrimaryActionButton type="button" onClick={onDone}>
            {t("password.done")}
          </PrimaryActionButton>
        </ButtonGroup>
        <div aria-live="polite">
          {copied ? (
            <Paragraph>
              {copied === "yes" ? t("password.copied") : t("password.copyFailed")}
            </Paragraph>
          ) : null}
        </div>
      </Alert>
    </div>
  );
}
