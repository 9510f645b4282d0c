import { Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";
import { linkHandler } from "../../../links";

/** A link inside the app that navigates without reloading the page. */
export function AppLink({
  to,
  children,
  testId,
  label,
  current,
}: {
  to: string;
  children: ReactNode;
  testId?: string;
  label?: string;
  /** The link to what is shown now. */
  current?: boolean;
}) {
  return (
    <Link
      href={to}
      onClick={linkHandler(to)}
      data-testid={testId}
      aria-label={label}
      aria-current={current ? "true" : undefined}
    >
      {children}
    </Link>
  );
}

export function Loading() {
  const { t } = useTranslation("overview");
  return (
    <Paragraph role="status" className="opvang-ov-loading">
      {t("common.loading")}
    </Paragraph>
  );
}

/** A failed load, in the reader's language. */
export function LoadProblem({ error, testId }: { error: ApiError; testId?: string }) {
  const { t } = useTranslation("overview");
  return (
    <Notice type="error" testId={testId ?? "overview-error"}>
      {t([`apiErrors.${error.code}`, "apiErrors.unknown"])}
    </Notice>
  );
}

/** "1–10 of 34" and the previous and next buttons, for a list a page at a time. */
