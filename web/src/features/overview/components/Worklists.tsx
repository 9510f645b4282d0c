import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Pager } from "../../../components/Pager";
import { ScrollTable } from "../../../components/ScrollTable";
import { useUrlSearch } from "../../../components/useUrlSearch";
import { formatDate, formatDateTime, formatMonth, formatNumber } from "../../../format";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import {
  type OverviewApi,
  PAGE_SIZE,
  WORKLIST_KINDS,
  type WorklistCounts,
  type WorklistDates,
  type WorklistKind,
  type WorklistPage,
} from "../api";
import { countsQuery, worklistQuery } from "../queries";
import { AppLink, Loading, LoadProblem } from "./Common";

const isKind = (value: string | null): value is WorklistKind =>
  (WORKLIST_KINDS as readonly string[]).includes(value ?? "");

const householdPath = (id: number) => `/households/${id}`;

/** The texts' values for a list's dates, in the reader's language. */
function dateValues(dates: WorklistDates, language: string) {
  return {
    nextMonth: formatMonth(dates.nextMonth, language),
    endingUntil: formatDate(dates.endingUntil, language),
    latestMonth: formatMonth(dates.latestMonth, language),
    incomeFromMonth: formatMonth(dates.incomeFromMonth, language),
    changesFromMonth: formatMonth(dates.changesFromMonth, language),
  };
}

/**
 * The caseworker's and the finance officer's working day: per list of their role how many
 * items it holds (each a link), and the chosen list (?list= in the address) a page at a time
 * (?page=), the most urgent first; every item leads to its household.
 */
export function Worklists({ api }: { api: OverviewApi }) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const { params, set } = useUrlSearch();
  const counts = useQuery(countsQuery(api));
  const navId = useId();

  if (counts.isPending) return <Loading />;
  if (counts.isError) return <LoadProblem error={asApiError(counts.error)} />;
  const data = counts.data;
  const asked = params.get("list");
  // The list in the address when it is one of the role's, else the first that holds items.
  const chosen: WorklistKind =
    isKind(asked) && data.kinds.includes(asked)
      ? asked
      : (data.kinds.find((k) => (data.counts[k] ?? 0) > 0) ?? data.kinds[0] ?? "changes");
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const values = dateValues(data, language);

  return (
    <>
      <nav aria-labelledby={navId} className="opvang-ov-lists" data-testid="worklist-counts">
        <Heading2 id={navId}>{t("worklist.listsHeading")}</Heading2>
        <ul className="opvang-ov-cards">
          {data.kinds.map((kind) => {
            const count = data.counts[kind] ?? 0;
            const to = `/dashboard?list=${kind}`;
            return (
              <li key={kind} className="opvang-ov-card" data-kind={kind}>
                <AppLink to={to} testId={`worklist-count-${kind}`} current={kind === chosen}>
                  <span className="opvang-ov-card__count" aria-hidden="true">
                    {formatNumber(count, language)}
                  </span>
                  <span className="opvang-ov-card__label">
                    {t(`kinds.${kind}.card`, { count, ...values })}
                  </span>
                </AppLink>
              </li>
            );
          })}
        </ul>
        <Paragraph className="opvang-ov-note">{t("worklist.bankAccountsLater")}</Paragraph>
      </nav>
      <WorklistSection
        key={chosen}
        api={api}
        kind={chosen}
        counts={data}
        offset={(page - 1) * PAGE_SIZE}
        onPage={(offset) => set({ list: chosen, page: offset / PAGE_SIZE + 1 })}
      />
    </>
  );
}

function WorklistSection({
  api,
  kind,
  counts,
  offset,
  onPage,
}: {
  api: OverviewApi;
  kind: WorklistKind;
  counts: WorklistCounts;
  offset: number;
  onPage: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const list = useQuery({ ...worklistQuery(api, kind, offset), placeholderData: keepPreviousData });
  const values = dateValues(counts, language);
  const data = list.data;

  return (
    <section
      className="opvang-ov-section"
      aria-labelledby={headingId}
      data-testid="worklist"
      data-kind={kind}
    >
      <Heading2 id={headingId}>{t(`kinds.${kind}.title`, values)}</Heading2>
      <Paragraph>{t(`kinds.${kind}.intro`, values)}</Paragraph>
      {kind === "changes" ? (
        <Paragraph data-testid="changes-note">{t("kinds.changes.exactOnHousehold")}</Paragraph>
      ) : null}
      {kind === "transition" ? (
        <Paragraph>
          <AppLink to="/transition" testId="transition-link">
            {t("kinds.transition.link")}
          </AppLink>
        </Paragraph>
      ) : null}
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {list.isPending ? <Loading /> : null}
      {data && data.total === 0 ? (
        <Paragraph data-testid="worklist-empty">{t(`kinds.${kind}.empty`, values)}</Paragraph>
      ) : null}
      {data && data.items.length > 0 ? <WorklistTable page={data} busy={list.isFetching} /> : null}
      {data ? (
        <Pager
          ns="overview"
          className="opvang-ov-pager"
          offset={data.offset}
          shown={data.items.length}
          total={data.total}
          pageSize={PAGE_SIZE}
          label={t("worklist.pagesLabel", { list: t(`kinds.${kind}.title`, values) })}
          onPage={onPage}
          testId="worklist-pages"
        />
      ) : null}
    </section>
  );
}

function TableOf({
  caption,
  columns,
  busy,
  children,
}: {
  caption: string;
  columns: string[];
  busy: boolean;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-ov-table" data-testid="worklist-table" aria-busy={busy}>
        {/* The section's heading says it; the caption names the table for screen readers. */}
        <TableCaption id={captionId} className="opvang-visually-hidden">
          {caption}
        </TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column} scope="col">
                {column}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </ScrollTable>
  );
}

/** The page's items as a table: each row leads to its household. */
function WorklistTable({ page, busy }: { page: WorklistPage; busy: boolean }) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const col = (key: string) => t(`columns.${key}`);
  const caption = t(`kinds.${page.kind}.caption`, dateValues(page.dates, language));
  const name = (p: { givenNames: string; familyName: string }) => `${p.givenNames} ${p.familyName}`;

  switch (page.kind) {
    case "turning_18":
      return (
        <TableOf
          caption={caption}
          busy={busy}
          columns={[col("person"), col("household"), col("birthDate"), col("turns18")]}
        >
          {page.items.map((i) => (
            <TableRow key={i.personId} data-testid="worklist-row" data-household-id={i.householdId}>
              <TableHeaderCell scope="row">
                <AppLink to={householdPath(i.householdId)}>{name(i)}</AppLink>
              </TableHeaderCell>
              <TableCell>{i.label}</TableCell>
              <TableCell className="opvang-ov-nowrap">
                {formatDate(i.birthDate, language)}
              </TableCell>
              <TableCell className="opvang-ov-nowrap">{formatDate(i.date, language)}</TableCell>
            </TableRow>
          ))}
        </TableOf>
      );
    case "placements_ending":
      return (
        <TableOf
          caption={caption}
          busy={busy}
          columns={[
            col("household"),
            col("endsOn"),
            col("persons"),
            col("reception"),
            col("location"),
          ]}
        >
          {page.items.map((i) => (
            <TableRow
              key={i.householdId}
              data-testid="worklist-row"
              data-household-id={i.householdId}
            >
              <TableHeaderCell scope="row">
                <AppLink to={householdPath(i.householdId)}>{i.label}</AppLink>
              </TableHeaderCell>
              <TableCell className="opvang-ov-nowrap">{formatDate(i.date, language)}</TableCell>
              <TableCell>{formatNumber(i.persons, language)}</TableCell>
              <TableCell>{i.kinds.map((k) => t(`reception.${k}`)).join(", ")}</TableCell>
              <TableCell>{i.locationNames.join(", ") || t("common.none")}</TableCell>
            </TableRow>
          ))}
        </TableOf>
      );
    case "income_missing":
      return (
        <TableOf
          caption={caption}
          busy={busy}
          columns={[col("household"), col("members"), col("lastWork")]}
        >
          {page.items.map((i) => (
            <TableRow
              key={i.householdId}
              data-testid="worklist-row"
              data-household-id={i.householdId}
            >
              <TableHeaderCell scope="row">
                <AppLink to={householdPath(i.householdId)}>{i.label}</AppLink>
              </TableHeaderCell>
              <TableCell>{i.persons.map(name).join(", ")}</TableCell>
              <TableCell className="opvang-ov-nowrap">
                {formatMonth(i.lastMonth, language)}
              </TableCell>
            </TableRow>
          ))}
        </TableOf>
      );
    case "changes":
      return (
        <TableOf
          caption={caption}
          busy={busy}
          columns={[col("household"), col("months"), col("firstMonth"), col("lastChange")]}
        >
          {page.items.map((i) => (
            <TableRow
              key={i.householdId}
              data-testid="worklist-row"
              data-household-id={i.householdId}
            >
              <TableHeaderCell scope="row">
                <AppLink to={householdPath(i.householdId)}>{i.label}</AppLink>
              </TableHeaderCell>
              <TableCell>{formatNumber(i.months, language)}</TableCell>
              <TableCell className="opvang-ov-nowrap">
                {formatMonth(i.firstMonth, language)}
              </TableCell>
              <TableCell className="opvang-ov-nowrap">
                {formatDateTime(i.lastChangeAt, language)}
              </TableCell>
            </TableRow>
          ))}
        </TableOf>
      );
    case "transition":
      return (
        <TableOf
          caption={caption}
          busy={busy}
          columns={[col("person"), col("birthDate"), col("blocking")]}
        >
          {page.items.map((i) => (
            <TableRow key={i.personId} data-testid="worklist-row" data-household-id={i.householdId}>
              <TableHeaderCell scope="row">
                {i.householdId ? (
                  <AppLink to={householdPath(i.householdId)}>{name(i)}</AppLink>
                ) : (
                  name(i)
                )}
              </TableHeaderCell>
              <TableCell className="opvang-ov-nowrap">
                {formatDate(i.birthDate, language)}
              </TableCell>
              <TableCell>
                {i.blocking
                  ? t([`reasons.${i.blocking}`, "reasons.other"], { ns: "transition" })
                  : t("kinds.transition.nothingBlocks")}
              </TableCell>
            </TableRow>
          ))}
        </TableOf>
      );
  }
}
