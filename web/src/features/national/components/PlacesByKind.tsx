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
import type { UnitFigures } from "../api";
import { formatDate, formatNumber, formatPercent } from "../format";
import { unitName } from "./names";

/**
 * Realised, occupied and free places per kind of location (kinds translated), as bars (the
 * realised places as the track, the occupied ones filling it) with the same figures in a
 * table. The bars only repeat the table, so they are hidden from assistive technology.
 */
export function PlacesByKind({ unit, on }: { unit: UnitFigures; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const n = (value: number) => formatNumber(value, language);
  const kinds = unit.placesByKind;
  const shown = kinds.filter((k) => k.realisedPlaces > 0 || k.occupied > 0);
  const max = Math.max(1, ...shown.map((k) => Math.max(k.realisedPlaces, k.occupied)));
  return (
    <div className="opvang-nat-kinds" data-testid="places-by-kind">
      {shown.length > 0 ? (
        <div className="opvang-nat-bars" aria-hidden="true" data-testid="places-by-kind-chart">
          {shown.map((k) => (
            <div className="opvang-nat-bar" key={k.kind} data-kind={k.kind}>
              <span className="opvang-nat-bar__label">{t(`kinds.${k.kind}`)}</span>
              <span className="opvang-nat-bar__track">
                <span
                  className="opvang-nat-bar__realised"
                  style={{ inlineSize: `${(k.realisedPlaces / max) * 100}%` }}
                >
                  <span
                    className="opvang-nat-bar__occupied"
                    style={{
                      inlineSize: `${k.realisedPlaces > 0 ? Math.min(100, (k.occupied / k.realisedPlaces) * 100) : 0}%`,
                    }}
                  />
                </span>
              </span>
              <span className="opvang-nat-bar__value">
                {t("kindsSection.barValue", {
                  occupied: n(k.occupied),
                  realised: n(k.realisedPlaces),
                })}
              </span>
            </div>
          ))}
          <p className="opvang-nat-legend">
            <span className="opvang-nat-legend__item opvang-nat-legend__item--occupied">
              {t("kindsSection.legendOccupied")}
            </span>
            <span className="opvang-nat-legend__item opvang-nat-legend__item--realised">
              {t("kindsSection.legendFree")}
            </span>
          </p>
        </div>
      ) : null}
      <div className="opvang-nat-narrow">
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-nat-compact" data-testid="places-by-kind-table">
            <TableCaption id={captionId}>
              {t("kindsSection.caption", {
                name: unitName(t, unit),
                date: formatDate(on, language),
              })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("kindsSection.kind")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.realised")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.occupied")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.free")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("units.columns.bezettingsgraad")}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {kinds.map((k) => (
                <TableRow key={k.kind} data-kind={k.kind}>
                  <TableHeaderCell scope="row">{t(`kinds.${k.kind}`)}</TableHeaderCell>
                  <TableCell className="opvang-loc-num">{n(k.realisedPlaces)}</TableCell>
                  <TableCell className="opvang-loc-num">{n(k.occupied)}</TableCell>
                  <TableCell className="opvang-loc-num">{n(k.free)}</TableCell>
                  <TableCell className="opvang-loc-num">
                    {formatPercent(k.bezettingsgraad, language)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </div>
    </div>
  );
}
