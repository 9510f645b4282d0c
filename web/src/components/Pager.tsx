import { Button, ButtonGroup, Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../format";
import { currentLanguage } from "../i18n";

/**
 * "1–25 of 285" and the previous and next buttons, for a list a page at a time. The words
 * come from the feature's namespace (`common.range`, `common.pastEnd`, `common.previous`,
 * `common.next`), so each feature keeps its own catalog.
 */
export function Pager({
  ns,
  offset,
  shown,
  total,
  pageSize,
  label,
  onPage,
  className,
  testId,
  rangeTestId,
}: {
  /** The i18n namespace whose `common.*` texts the pager shows. */
  ns: string;
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  /** What the navigation is called for a screen reader ("Pages of …"). */
  label: string;
  onPage: (offset: number) => void;
  className?: string;
  testId?: string;
  rangeTestId?: string;
}) {
  const { t, i18n } = useTranslation(ns);
  const language = currentLanguage(i18n);
  const n = (value: number) => formatNumber(value, language);
  if (total <= pageSize && offset === 0) return null;
  return (
    <nav aria-label={label} className={className} data-testid={testId}>
      <Paragraph aria-live="polite" data-testid={rangeTestId}>
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
