import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { formatNumber, formatShare } from "../format";

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/**
 * Counts as horizontal bars with the same counts as a table below. The bars only repeat the
 * table, so they are hidden from assistive technology; the table is the accessible form.
 * Plain HTML and CSS: no chart library for a handful of bars, and it wraps at 390 px.
 */
export function CountsFigure({
  caption,
  bars,
  total,
  testId,
}: {
  caption: string;
  bars: Bar[];
  /** The whole the shares are of; default the sum of the bars. */
  total?: number;
  testId: string;
}) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const whole = total ?? bars.reduce((sum, b) => sum + b.value, 0);
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <div className="opvang-tr-figure" data-testid={testId}>
      <div className="opvang-tr-bars" aria-hidden="true" data-testid={`${testId}-chart`}>
        {bars.map((bar) => (
          <div className="opvang-tr-bar" key={bar.key} data-key={bar.key}>
            <span className="opvang-tr-bar__label">{bar.label}</span>
            <span className="opvang-tr-bar__track">
              <span
                className={`opvang-tr-bar__fill opvang-tr-bar__fill--${bar.key}`}
                style={{ inlineSize: `${(bar.value / max) * 100}%` }}
              />
            </span>
            <span className="opvang-tr-bar__value">{formatNumber(bar.value, language)}</span>
          </div>
        ))}
      </div>
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-tr-compact" data-testid={`${testId}-table`}>
          <TableCaption id={captionId}>{caption}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("figures.category")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("figures.count")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("figures.share")}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {bars.map((bar) => (
              <TableRow key={bar.key} data-key={bar.key}>
                <TableHeaderCell scope="row">{bar.label}</TableHeaderCell>
                <TableCell className="opvang-loc-num">
                  {formatNumber(bar.value, language)}
                </TableCell>
                <TableCell className="opvang-loc-num">
                  {formatShare(bar.value, whole, language)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </div>
  );
}
