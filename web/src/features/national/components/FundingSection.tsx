import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableFooter,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { saveFile } from "../../transition/components/download";
import type { FundingGemeente, FundingTotals, NationalApi, NationalFunding } from "../api";
import {
  csvCount,
  csvEuros,
  csvText,
  formatCents,
  formatDate,
  formatNumber,
  todayNl,
} from "../format";
import { fundingQuery } from "../queries";
import { Loading, LoadProblem } from "./Common";
import { SECTIONS } from "./PageNav";
import { SortHeaderRow, sortRows, useSort } from "./Sorting";

/** The first year of the BooO (from 1 March 2022). */
export const FIRST_FUNDING_YEAR = 2022;

/** A municipality's claim per column, in the order of the table and the CSV. */
export const FUNDING_COLUMNS = [
  "gooPlaceDays",
  "gooCents",
  "outsideBaseRatePlaceDays",
  "pooPersonDays",
  "pooCents",
  "totalCents",
] as const satisfies readonly (keyof FundingTotals)[];

type FundingColumn = "name" | (typeof FUNDING_COLUMNS)[number];
const FUNDING_TEXT: ReadonlySet<FundingColumn> = new Set(["name"]);
const isAmount = (column: FundingColumn) => column.endsWith("Cents");

/** The years that can be asked: from the BooO's first to next year. */
export function fundingYears(today: string = todayNl()): number[] {
  const last = Number(today.slice(0, 4)) + 1;
  return Array.from({ length: last - FIRST_FUNDING_YEAR + 1 }, (_, i) => FIRST_FUNDING_YEAR + i);
}

/** The year of a date, within the years that can be asked. */
export function fundingYearOf(date: string, today: string = todayNl()): number {
  const years = fundingYears(today);
  const year = Number(date.slice(0, 4));
  return Math.min(Math.max(year, years[0]!), years[years.length - 1]!);
}

function cell(row: FundingTotals, column: FundingColumn, language: string) {
  if (column === "name") return "";
  return isAmount(column)
    ? formatCents(row[column], language)
    : formatNumber(row[column], language);
}

/** The municipalities' claims, the nation below: sortable, and as CSV. */
function FundingTable({ data }: { data: NationalFunding }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const { sort, sortBy } = useSort<FundingColumn>(FUNDING_TEXT);
  const heading = (column: FundingColumn) =>
    column === "name" ? t("levels.gemeente") : t(`funding.columns.${column}`);
  const rows = sortRows(data.gemeenten, sort, {
    textColumns: FUNDING_TEXT,
    text: (row) => row.name,
    figure: (row, column) => (column === "name" ? null : row[column]),
    name: (row) => row.name,
    language,
  });

  function download() {
    const fields = (row: FundingTotals) =>
      FUNDING_COLUMNS.map((c) => (isAmount(c) ? csvEuros(row[c], language) : csvCount(row[c])));
    const lines = [
      [t("units.columns.code"), heading("name"), ...FUNDING_COLUMNS.map(heading)],
      ...rows.map((row: FundingGemeente) => [row.code, row.name, ...fields(row)]),
      ["", t("names.nation"), ...fields(data.total)],
    ];
    saveFile(
      new Blob([csvText(lines)], { type: "text/csv;charset=utf-8" }),
      t("funding.filename", { year: data.year }),
    );
  }

  if (data.gemeenten.length === 0) {
    return <Paragraph data-testid="funding-empty">{t("funding.empty")}</Paragraph>;
  }
  return (
    <>
      <ButtonGroup>
        <Button
          type="button"
          appearance="secondary-action-button"
          data-testid="funding-csv"
          onClick={download}
        >
          {t("units.download")}
        </Button>
      </ButtonGroup>
      <ScrollTable labelledBy={captionId}>
        <Table className="opvang-loc-table opvang-nat-table" data-testid="funding-table">
          <TableCaption id={captionId}>
            {t("funding.caption", {
              year: data.year,
              from: formatDate(data.from, language),
              to: formatDate(data.to, language),
            })}
          </TableCaption>
          <TableHeader>
            <SortHeaderRow
              columns={["name", ...FUNDING_COLUMNS] as const}
              heading={heading}
              sort={sort}
              onSort={sortBy}
              testIdPrefix="funding"
            />
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.code} data-testid="funding-row" data-code={row.code}>
                <TableHeaderCell scope="row">{row.name}</TableHeaderCell>
                {FUNDING_COLUMNS.map((column) => (
                  <TableCell key={column} className="opvang-loc-num" data-column={column}>
                    {cell(row, column, language)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow data-testid="funding-total">
              <TableHeaderCell scope="row">{t("names.nation")}</TableHeaderCell>
              {FUNDING_COLUMNS.map((column) => (
                <TableCell key={column} className="opvang-loc-num" data-column={column}>
                  {cell(data.total, column, language)}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        </Table>
      </ScrollTable>
    </>
  );
}

/** The norm amounts of the year's periods, and what lies outside the base rate. */
function Norms({ data }: { data: NationalFunding }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const captionId = useId();
  const headingId = useId();
  const outside = (period: NationalFunding["periods"][number]) => {
    const parts = [
      ...period.outsideBaseRate.locationKinds.map((kind) =>
        t(`kinds.${kind}`, { defaultValue: t("kinds.other") }),
      ),
      ...(period.outsideBaseRate.catering ? [t("funding.norms.catering")] : []),
    ];
    return parts.length ? parts.join(", ") : t("funding.norms.nothing");
  };
  return (
    <section
      className="opvang-nat-subsection"
      aria-labelledby={headingId}
      data-testid="funding-norms-section"
    >
      <Heading3 id={headingId}>{t("funding.norms.heading")}</Heading3>
      <div className="opvang-nat-narrow">
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-nat-table" data-testid="funding-norms">
            <TableCaption id={captionId}>
              {t("funding.norms.caption", { year: data.year })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("funding.norms.period")}</TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("funding.norms.goo")}
                </TableHeaderCell>
                <TableHeaderCell scope="col" className="opvang-loc-num">
                  {t("funding.norms.poo")}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("funding.norms.outside")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.periods.map((p) => (
                <TableRow key={p.from}>
                  <TableHeaderCell scope="row" className="opvang-nat-nowrap">
                    {t("funding.norms.range", {
                      from: formatDate(p.from, language),
                      to: formatDate(p.to, language),
                    })}
                  </TableHeaderCell>
                  <TableCell className="opvang-loc-num">
                    {formatCents(p.gooPerPlacePerDayCents, language)}
                  </TableCell>
                  <TableCell className="opvang-loc-num">
                    {formatCents(p.pooPerPersonPerMonthCents, language)}
                  </TableCell>
                  <TableCell>{outside(p)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </div>
    </section>
  );
}

/** The year's national cost as cards: the total, GOO and POO, and the place-days outside. */
function FundingCards({ total }: { total: FundingTotals }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const cards = [
    { key: "totalCents", value: formatCents(total.totalCents, language) },
    { key: "gooCents", value: formatCents(total.gooCents, language) },
    { key: "pooCents", value: formatCents(total.pooCents, language) },
    {
      key: "outsideBaseRatePlaceDays",
      value: formatNumber(total.outsideBaseRatePlaceDays, language),
    },
  ];
  return (
    <dl className="opvang-nat-cards opvang-nat-cards--wide" data-testid="funding-cards">
      {cards.map((card) => (
        <div className="opvang-nat-card" key={card.key} data-testid={`funding-card-${card.key}`}>
          <dt className="opvang-nat-card__label">{t(`funding.columns.${card.key}`)}</dt>
          <dd className="opvang-nat-card__value" data-testid={`funding-card-${card.key}-value`}>
            {card.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The BooO cost of a year (permission `national.funding`): per municipality and for the
 * nation, GOO realised place-days and their amount, place-days outside the base rate
 * (counted, no amount), POO person-days and their amount; the year's norm amounts.
 */
export function FundingSection({ api, on }: { api: NationalApi; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const today = todayNl();
  const [year, setYear] = useState(() => fundingYearOf(on, today));
  const funding = useQuery({ ...fundingQuery(api, year), placeholderData: keepPreviousData });
  const data = funding.data;
  return (
    <section
      id={SECTIONS.funding}
      tabIndex={-1}
      className="opvang-loc-section opvang-nat-anchor"
      aria-labelledby={headingId}
      aria-busy={funding.isFetching}
      data-testid="funding"
    >
      <Heading2 id={headingId}>{t("funding.heading")}</Heading2>
      <Paragraph>{t("funding.intro")}</Paragraph>
      <div className="opvang-nat-on">
        <SelectField
          id="funding-year"
          label={t("funding.year")}
          value={String(year)}
          onChange={(value) => setYear(Number(value))}
          options={fundingYears(today).map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      {funding.isError ? (
        <LoadProblem error={asApiError(funding.error)} testId="funding-error" />
      ) : null}
      {funding.isPending ? <Loading /> : null}
      {data ? (
        <div className="opvang-nat-stack" aria-busy={funding.isPlaceholderData}>
          <Paragraph data-testid="funding-period">
            {t("funding.period", {
              from: formatDate(data.from, language),
              to: formatDate(data.to, language),
              count: data.gemeenten.length,
              gemeenten: formatNumber(data.gemeenten.length, language),
            })}
          </Paragraph>
          {data.to > today ? (
            <Paragraph data-testid="funding-ahead">{t("funding.ahead")}</Paragraph>
          ) : null}
          <FundingCards total={data.total} />
          {data.total.outsideBaseRatePlaceDays > 0 ? (
            <Paragraph data-testid="funding-outside">{t("funding.outsideExplained")}</Paragraph>
          ) : null}
          <FundingTable data={data} />
          <Norms data={data} />
        </div>
      ) : null}
    </section>
  );
}
