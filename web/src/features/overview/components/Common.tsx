import { Button, ButtonGroup, Link, Paragraph } from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../api";
import { Notice } from "../../../components/form";
import { formatNumber } from "../../../format";
import { currentLanguage } from "../../../i18n";
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
export function Pager({
  offset,
  shown,
  total,
  pageSize,
  label,
  onPage,
  testId,
}: {
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  /** What the navigation is called for a screen reader ("Pages of …"). */
  label: string;
  onPage: (offset: number) => void;
  testId?: string;
}) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const n = (value: number) => formatNumber(value, language);
  if (total <= pageSize && offset === 0) return null;
  return (
    <nav aria-label={label} className="opvang-ov-pager" data-testid={testId}>
      <Paragraph aria-live="polite">
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
