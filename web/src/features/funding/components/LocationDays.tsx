import { Heading2, Heading3, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FundingLocationDays, Period } from "../api";
import { viewHref } from "../view";
import { FigureCards } from "./ClaimView";
import { AppLink, useFundingFormat } from "./Common";
import { DataTable, NumCell, TableCell, TableHeaderCell, TableRow } from "./Tables";

/** The way back to the claim over the same period. */
export function BackToClaim({ period }: { period: Period }) {
  const { t } = useTranslation("funding");
  return (
    <Paragraph className="opvang-fund-back">
      <AppLink to={viewHref({ period, location: null })} testId="funding-back">
        {t("days.back")}
      </AppLink>
    </Paragraph>
  );
}

/**
 * One location's claim day by day: its totals, a line per norm period (place-days × the
 * norm = the amount, and the days outside the base rate), and every day of the period with
 * its realised places, catering, norm and amount. The heading takes focus when the view
 * opens, so keyboard and screen reader users land on it.
 */
export function LocationDays({ data, busy }: { data: FundingLocationDays; busy: boolean }) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linesId = useId();
  const daysId = useId();
  const period = { from: data.from, to: data.to };
  const { location, totals } = data;
  const others = totals.statusHolderPlaceDays + totals.asylumSeekerPlaceDays > 0;
  useEffect(() => {
    if (location.id) headingRef.current?.focus();
  }, [location.id]);
  const col = (group: string, key: string, numeric = false) => ({
    key,
    label: t(`days.${group}.${key}`),
    numeric,
  });
  return (
    <section
      className="opvang-fund-section opvang-fund-days"
      aria-labelledby={`${linesId}-title`}
      aria-busy={busy || undefined}
      data-testid="funding-location-days"
      data-location-id={location.id}
    >
      <BackToClaim period={period} />
      <Heading2
        id={`${linesId}-title`}
        ref={headingRef}
        tabIndex={-1}
        data-testid="funding-days-heading"
      >
        {t("days.heading", { name: location.name })}
      </Heading2>
      <Paragraph>
        {t("days.intro", { kind: f.kind(location.kind), period: f.period(period) })}
      </Paragraph>
      <FigureCards
        testId="funding-days-totals"
        figures={[
          {
            key: "amount",
            value: f.euro(totals.amountCents),
            detail: t("totals.gooDetail", {
              count: totals.placeDays,
              placeDays: f.n(totals.placeDays),
            }),
          },
          {
            key: "outside",
            value: f.n(totals.outsideBaseRatePlaceDays),
            detail: t("totals.outsideDetail"),
          },
          ...(totals.notPublishedPlaceDays > 0
            ? [
                {
                  key: "notPublished",
                  value: t("common.notPublished"),
                  detail: t("days.notPublishedDetail", {
                    placeDays: f.n(totals.notPublishedPlaceDays),
                  }),
                },
              ]
            : []),
          ...(others
            ? [
                {
                  key: "otherGroups",
                  value: f.n(totals.statusHolderPlaceDays + totals.asylumSeekerPlaceDays),
                  detail: t("days.otherGroupsDetail", {
                    statusHolders: f.n(totals.statusHolderPlaceDays),
                    asylumSeekers: f.n(totals.asylumSeekerPlaceDays),
                  }),
                },
              ]
            : []),
        ]}
      />

      <Heading3 id={linesId}>{t("days.lines.heading")}</Heading3>
      <DataTable
        testId="funding-days-lines"
        caption={t("days.lines.heading")}
        captionHidden
        columns={[
          col("lines", "period"),
          col("lines", "scheme"),
          col("lines", "placeDays", true),
          col("lines", "norm", true),
          col("lines", "amount", true),
          col("lines", "outsideDays", true),
          col("lines", "reason"),
        ]}
      >
        {data.lines.map((line) => (
          <TableRow key={line.from} data-testid="funding-days-line">
            <TableHeaderCell scope="row">{f.periodCell(line)}</TableHeaderCell>
            <TableCell>{f.scheme(line.scheme)}</TableCell>
            <NumCell>{f.n(line.placeDays)}</NumCell>
            <NumCell>{f.maybeEuro(line.perPlacePerDayCents)}</NumCell>
            <NumCell>{f.maybeEuro(line.amountCents)}</NumCell>
            <NumCell>{f.n(line.outsideBaseRatePlaceDays)}</NumCell>
            <TableCell>
              {line.outsideBaseRateReasons.length
                ? line.outsideBaseRateReasons.map((r) => f.reason(r, location.kind)).join("; ")
                : t("common.none")}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>

      <Heading3 id={daysId}>{t("days.days.heading")}</Heading3>
      <Paragraph>{t("days.days.intro")}</Paragraph>
      <DataTable
        testId="funding-days-table"
        caption={t("days.days.caption", { name: location.name })}
        captionHidden
        columns={[
          col("days", "date"),
          col("days", "realisedPlaces", true),
          col("days", "catering"),
          col("days", "norm", true),
          col("days", "amount", true),
          col("days", "outside"),
          ...(others ? [col("days", "otherGroups", true)] : []),
        ]}
      >
        {data.days.map((day) => (
          <TableRow
            key={day.date}
            data-testid="funding-day-row"
            className={day.outsideBaseRateReason ? "opvang-fund-row--outside" : undefined}
          >
            <TableHeaderCell scope="row" className="opvang-fund-nowrap">
              {f.date(day.date)}
            </TableHeaderCell>
            <NumCell>{f.n(day.realisedPlaces)}</NumCell>
            <TableCell>{t(day.catering ? "common.yes" : "common.no")}</TableCell>
            <NumCell>{f.maybeEuro(day.perPlacePerDayCents)}</NumCell>
            <NumCell>
              {day.perPlacePerDayCents === null
                ? t("common.notPublished")
                : day.amountCents === null
                  ? t("common.none")
                  : f.euro(day.amountCents)}
            </NumCell>
            <TableCell className="opvang-fund-nowrap">
              {day.outsideBaseRateReason
                ? f.reason(day.outsideBaseRateReason, location.kind)
                : t("common.none")}
            </TableCell>
            {others ? (
              <NumCell>
                {t("locations.otherGroupsCell", {
                  statusHolders: f.n(day.statusHolderPlaces),
                  asylumSeekers: f.n(day.asylumSeekerPlaces),
                })}
              </NumCell>
            ) : null}
          </TableRow>
        ))}
      </DataTable>
      <BackToClaim period={period} />
    </section>
  );
}
