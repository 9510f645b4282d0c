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
import type { UnitFigures, Work } from "../api";
import { formatMonth, formatNumber, formatPercent } from "../format";

/**
 * Work participation: the adults in municipal (GOO) and private (POO) reception on the last
 * day of the work month, and how many of them had a work income in it. A location has no
 * private reception, so its table has the GOO row only.
 */
export function WorkTable({ unit, workMonth }: { unit: UnitFigures; workMonth: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const month = formatMonth(workMonth, language);
  const rows = [["goo", unit.work.goo], ...(unit.work.poo ? [["poo", unit.work.poo]] : [])] as [
    "goo" | "poo",
    Work,
  ][];
  return (
    <div className="opvang-nat-narrow">
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-nat-compact" data-testid="work-table">
          <TableCaption id={captionId}>{t("work.caption", { month })}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("work.group")}</TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("work.adults")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("work.withWork")}
              </TableHeaderCell>
              <TableHeaderCell scope="col" className="opvang-loc-num">
                {t("work.share")}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(([group, work]) => (
              <TableRow key={group} data-group={group}>
                <TableHeaderCell scope="row">{t(`work.${group}`)}</TableHeaderCell>
                <TableCell className="opvang-loc-num">
                  {formatNumber(work.adults, language)}
                </TableCell>
                <TableCell className="opvang-loc-num">
                  {formatNumber(work.withWork, language)}
                </TableCell>
                <TableCell className="opvang-loc-num">
                  {formatPercent(work.share, language)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </div>
  );
}
