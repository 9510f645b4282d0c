import { Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";
import { linkHandler } from "../../../links";
import { useCan } from "../../../session";

export function Loading() {
  const { t } = useTranslation("monthly-run");
  return (
    <Paragraph role="status" className="opvang-mr-loading">
      {t("common.loading")}
    </Paragraph>
  );
}

/** An error from the API in the chosen language (never the server's English). */
export function errorKey(error: ApiError): string[] {
  return [`apiErrors.${error.code}`, "apiErrors.unknown"];
}

/** A failed load or action, translated. */
export function LoadProblem({ error, testId }: { error: ApiError; testId?: string }) {
  const { t } = useTranslation("monthly-run");
  if (error.code === "settings_missing") return <SettingsMissing testId={testId} />;
  return (
    <Notice type="error" testId={testId ?? "run-error"}>
      {t(errorKey(error))}
    </Notice>
  );
}

/**
 * The municipality's settings are not recorded, so no month can be prepared: the municipal
 * admin is sent to the settings page, anyone else is told who records them.
 */
export function SettingsMissing({ testId }: { testId?: string }) {
  const { t } = useTranslation("monthly-run");
  const can = useCan();
  return (
    <Notice type="error" testId={testId ?? "settings-missing"}>
      <Paragraph>{t("apiErrors.settings_missing")}</Paragraph>
      <Paragraph>
        {can("settings.write") ? (
          <AppLink to="/settings" testId="settings-link">
            {t("settingsMissing.record")}
          </AppLink>
        ) : (
          t("settingsMissing.askAdmin")
        )}
      </Paragraph>
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
