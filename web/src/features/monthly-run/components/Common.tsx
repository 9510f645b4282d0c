import { Button, ButtonGroup, Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import { linkHandler } from "../../../links";
import { useCan } from "../../../session";
import { formatNumber } from "../format";

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

/** "1–25 of 285" and the previous and next buttons, for a list a page at a time. */
export function Pager({
  offset,
  shown,
  total,
  pageSize,
  label,
  onPage,
}: {
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  label: string;
  onPage: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const n = (value: number) => formatNumber(value, language);
  if (total <= pageSize && offset === 0) return null;
  return (
    <nav aria-label={label} className="opvang-mr-pager" data-testid="review-pages">
      <Paragraph aria-live="polite" data-testid="review-range">
        {shown > 0
          ? t("common.range", { from: n(offset + 1), to: n(offset + shown), total: n(total) })
          : t("common.pastEnd", { total: n(total) })}
      </Paragraph>
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          disabled={offset === 0}
          onClick={() => onPage(Math.max(0, offset - pageSize))}
        >
          {t("common.previous")}
        </Button>
        <Button
          type="button"
          appearance="secondary-action-button"
          disabled={offset + shown >= total}
          onClick={() => onPage(offset + pageSize)}
        >
          {t("common.next")}
        </Button>
      </ButtonGroup>
    </nav>
  );
}
