import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import type { Figures } from "../api";
import { formatNumber, formatPercent } from "../format";

export interface OccupancyRow extends Figures {
  key: string | number;
  /** The row's heading: a location name (often a link) or a month. */
  label: ReactNode;
  /** Extra cells between the label and the figures (kind, status, …). */
  extra?: ReactNode[];
}

export interface OccupancyTableProps {
  caption: string;
  /** The heading of the label column. */
  labelHeading: string;
  /** Headings of the extra columns. */
  extraHeadings?: string[];
  rows: OccupancyRow[];
  /** A totals row, with its own label. */
  total?: OccupancyRow;
  testId?: string;
}

/**
 * Realised places, occupied, free and bezettingsgraad per row, numbers in the chosen
 * language and the bezettingsgraad to one decimal. The table scrolls inside its container
 * on a narrow screen.
 */
export function OccupancyTable({
  caption,
  labelHeading,
  extraHeadings = [],
  rows,
  total,
  testId,
}: OccupancyTableProps) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const figures = (row: OccupancyRow) => [
    <TableCell key="realised" className="opvang-loc-num" data-column="realised">
      {formatNumber(row.realisedPlaces, language)}
    </TableCell>,
    <TableCell key="occupied" className="opvang-loc-num" data-column="occupied">
      {formatNumber(row.occupied, language)}
    </TableCell>,
    <TableCell key="free" className="opvang-loc-num" data-column="free">
      {formatNumber(row.free, language)}
    </TableCell>,
    <TableCell key="rate" className="opvang-loc-num" data-column="bezettingsgraad">
      {formatPercent(row.bezettingsgraad, language)}
    </TableCell>,
  ];
  return (
    <ScrollTable label={caption}>
      <Table className="opvang-loc-table" data-testid={testId}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{labelHeading}</TableHeaderCell>
            {extraHeadings.map((heading) => (
              <TableHeaderCell key={heading} scope="col">
                {heading}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("figures.realisedPlaces")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("figures.occupied")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("figures.free")}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="opvang-loc-num">
              {t("figures.bezettingsgraad")}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid="occupancy-row">
              <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
              {(row.extra ?? []).map((cell, index) => (
                <TableCell key={extraHeadings[index] ?? index}>{cell}</TableCell>
              ))}
              {figures(row)}
            </TableRow>
          ))}
        </TableBody>
        {total ? (
          <TableFooter>
            <TableRow data-testid="occupancy-total">
              <TableHeaderCell scope="row">{total.label}</TableHeaderCell>
              {extraHeadings.map((heading) => (
                <TableCell key={heading} />
              ))}
              {figures(total)}
            </TableRow>
          </TableFooter>
        ) : null}
      </Table>
    </ScrollTable>
  );
}
