import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../../components/form";
import { Pager } from "../../../components/Pager";
import { ScrollTable } from "../../../components/ScrollTable";
import { useUrlSearch } from "../../../components/useUrlSearch";
import { formatDate, formatDateTime, formatNumber } from "../../../format";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { type AnomalyKind, type OverviewApi, PAGE_SIZE, PERIODS } from "../api";
import { adminQuery, anomaliesQuery } from "../queries";
import { AppLink, Loading, LoadProblem } from "./Common";

/** The audit log of one user on one day: where an anomaly leads. */
export function auditPathFor(userId: number, day: string): string {
  return `/audit?${new URLSearchParams({ user: String(userId), from: day, to: day })}`;
}

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

/**
 * The municipal admin's overview: the municipality's staff accounts (active, inactive,
 * never signed in) and the audit log's anomalies of the period (?days= in the address):
 * many reads by one user on one day, and reads outside working hours, each per user and
 * day with a link to that user's audit log of the day.
 */
export function AdminOverview({ api }: { api: OverviewApi }) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const { params, set } = useUrlSearch();
  const asked = Number(params.get("days"));
  const days = (PERIODS as readonly number[]).includes(asked) ? asked : 30;
  const overview = useQuery({ ...adminQuery(api, days), placeholderData: keepPreviousData });
  const usersId = useId();
  const anomaliesId = useId();
  const captionId = useId();
  const n = (value: number) => formatNumber(value, language);

  return (
    <>
      <div className="opvang-ov-controls">
        <SelectField
          id="overview-days"
          label={t("admin.period")}
          value={String(days)}
          options={PERIODS.map((d) => ({
            value: String(d),
            label: t("admin.periodDays", { count: d }),
          }))}
          onChange={(value) => set({ days: value === "30" ? null : value })}
        />
      </div>
      {overview.isPending ? <Loading /> : null}
      {overview.isError ? <LoadProblem error={asApiError(overview.error)} /> : null}
      {overview.data ? (
        <>
          <section
            className="opvang-ov-section"
            aria-labelledby={usersId}
            data-testid="admin-users"
          >
            <Heading2 id={usersId}>{t("admin.users.heading")}</Heading2>
            <ul className="opvang-ov-cards">
              {(["active", "inactive", "neverSignedIn"] as const).map((key) => (
                <li key={key} className="opvang-ov-card opvang-ov-card--figure">
                  <span className="opvang-ov-card__count" data-testid={`users-${key}`}>
                    {n(overview.data.users[key])}
                  </span>
                  <span className="opvang-ov-card__label">{t(`admin.users.${key}`)}</span>
                </li>
              ))}
            </ul>
            {overview.data.users.neverSignedInAccounts.length > 0 ? (
              <ScrollTable labelledBy={captionId}>
                <Table className="opvang-ov-table" data-testid="never-signed-in">
                  <TableCaption id={captionId}>{t("admin.users.neverCaption")}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t("columns.user")}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t("columns.username")}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t("columns.role")}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t("columns.createdAt")}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {overview.data.users.neverSignedInAccounts.map((u) => (
                      <TableRow key={u.id}>
                        <TableHeaderCell scope="row">{u.displayName}</TableHeaderCell>
                        <TableCell>{u.username}</TableCell>
                        <TableCell>{t(`roles.${u.role}`, { ns: "translation" })}</TableCell>
                        <TableCell className="opvang-ov-nowrap">
                          {formatDateTime(u.createdAt, language)}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollTable>
            ) : null}
            <Paragraph>
              <AppLink to="/users">{t("admin.users.manage")}</AppLink>
            </Paragraph>
          </section>

          <section
            className="opvang-ov-section"
            aria-labelledby={anomaliesId}
            data-testid="admin-anomalies"
          >
            <Heading2 id={anomaliesId}>{t("admin.anomalies.heading")}</Heading2>
            <Paragraph>
              {t("admin.anomalies.intro", {
                from: formatDate(overview.data.from, language),
                to: formatDate(overview.data.to, language),
              })}
            </Paragraph>
            {(["many_reads", "out_of_hours"] as const).map((kind) => (
              <AnomalyList
                key={`${kind}-${days}`}
                api={api}
                kind={kind}
                days={days}
                count={overview.data.anomalies.counts[kind]}
                texts={{
                  limit: n(overview.data.anomalies.manyReadsPerDay),
                  start: hour(overview.data.anomalies.workingHours.start),
                  end: hour(overview.data.anomalies.workingHours.end),
                }}
              />
            ))}
          </section>
        </>
      ) : null}
    </>
  );
}

function AnomalyList({
  api,
  kind,
  days,
  count,
  texts,
}: {
  api: OverviewApi;
  kind: AnomalyKind;
  days: number;
  count: number;
  texts: { limit: string; start: string; end: string };
}) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const [offset, setOffset] = useState(0);
  const headingId = useId();
  const captionId = useId();
  const list = useQuery({
    ...anomaliesQuery(api, kind, days, offset),
    enabled: count > 0,
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const title = t(`admin.anomalies.${kind}.heading`, texts);

  return (
    <div className="opvang-ov-subsection" data-testid={`anomalies-${kind}`}>
      <Heading3 id={headingId}>{title}</Heading3>
      <Paragraph>{t(`admin.anomalies.${kind}.intro`, texts)}</Paragraph>
      <Paragraph data-testid={`anomalies-${kind}-count`}>
        {t("admin.anomalies.count", { count, formatted: formatNumber(count, language) })}
      </Paragraph>
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {count > 0 && list.isPending ? <Loading /> : null}
      {data && data.items.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-ov-table" aria-busy={list.isFetching}>
            <TableCaption id={captionId} className="opvang-visually-hidden">
              {title}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("columns.user")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("columns.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("columns.day")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("columns.reads")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("columns.auditLog")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((item) => (
                <TableRow key={`${item.userId}-${item.day}`} data-testid="anomaly-row">
                  <TableHeaderCell scope="row">
                    {item.displayName} <span className="opvang-ov-muted">({item.username})</span>
                  </TableHeaderCell>
                  <TableCell>{t(`roles.${item.role}`, { ns: "translation" })}</TableCell>
                  <TableCell className="opvang-ov-nowrap">
                    {formatDate(item.day, language)}
                  </TableCell>
                  <TableCell>{formatNumber(item.reads, language)}</TableCell>
                  <TableCell>
                    <AppLink
                      to={auditPathFor(item.userId, item.day)}
                      label={t("admin.anomalies.openLabel", {
                        name: item.displayName,
                        day: formatDate(item.day, language),
                      })}
                    >
                      {t("admin.anomalies.open")}
                    </AppLink>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {data ? (
        <Pager
          ns="overview"
          className="opvang-ov-pager"
          offset={data.offset}
          shown={data.items.length}
          total={data.total}
          pageSize={PAGE_SIZE}
          label={t("worklist.pagesLabel", { list: title })}
          onPage={setOffset}
        />
      ) : null}
    </div>
  );
}
