import { Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { type ErrorCatalog, Notice } from "../../../components/form";
import { linkHandler } from "../../../links";

/** Where the national feature keeps its error texts, for the shared form pieces. */
export const NATIONAL_ERRORS: ErrorCatalog = {
  ns: "national",
  field: "errors",
  form: "apiErrors",
  summary: "form.errorSummary",
};

export function Loading({ testId }: { testId?: string }) {
  const { t } = useTranslation("national");
  return (
    <Paragraph role="status" className="opvang-loading" data-testid={testId}>
      {t("common.loading")}
    </Paragraph>
  );
}

/** The catalog keys for a refusal: its first issue's text, else the error's, else generic. */
export function problemKeys(error: ApiError): string[] {
  const issue = error.issues[0];
  return [
    ...(issue ? [`errors.${issue.code}`] : []),
    `apiErrors.${error.code}`,
    "apiErrors.unknown",
  ];
}

/** A failed load, in the chosen language (never the server's English). */
export function LoadProblem({
  error,
  testId = "load-error",
}: {
  error: ApiError;
  testId?: string;
}) {
  const { t } = useTranslation("national");
  return (
    <Notice type="error" testId={testId}>
      {t(problemKeys(error), error.issues[0]?.params ?? {})}
    </Notice>
  );
}

/** A link inside the app that navigates without reloading the page. */
export function AppLink({
  to,
  children,
  testId,
}: {
  to: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Link href={to} onClick={linkHandler(to)} data-testid={testId}>
      {children}
    </Link>
  );
}
