import { useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Link,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, type RefObject, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_ACTIONS } from "../../../../src/domain/enums";
import { ApiError } from "../../api";
import { useCodeTexts } from "../../codes";
import { Notice, SelectField, TextField, useErrorText } from "../../components/form";
import { ScrollTable } from "../../components/ScrollTable";
import { apiErrorOf } from "../../components/useLatestSearch";
import { formatDateTime, isoTimestamp, parseTimestamp } from "../../format";
import type { AuditApi, AuditLogFilter, AuditRecord, StaffAccount } from "./audit-api";
import { AUDIT_ERRORS } from "./errors";

/** Newest first, whatever order the server sends; the id breaks ties within a moment. */
export function newestFirst(records: AuditRecord[]): AuditRecord[] {
  const time = (r: AuditRecord) => parseTimestamp(r.at)?.getTime() ?? 0;
  return [...records].sort((a, b) => time(b) - time(a) || b.id - a.id);
}

const positive = (value: string | null) =>
  value && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "");

/** The log's filter in the address bar's parameters; anything unknown reads as no filter. */
export function logFilterFromSearch(params: URLSearchParams): AuditLogFilter {
  const action = params.get("action") ?? "";
  return {
    personId: positive(params.get("person")),
    userId: positive(params.get("user")),
    action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? action : "",
    from: day(params.get("from")),
    to: day(params.get("to")),
    page: positive(params.get("page")) ?? 1,
  };
}

/** The filter as address bar parameters (defaults left out). */
export function searchOfLogFilter(filter: AuditLogFilter): Record<string, string | null> {
  return {
    person: filter.personId === null ? null : String(filter.personId),
    user: filter.userId === null ? null : String(filter.userId),
    action: filter.action || null,
    from: filter.from || null,
    to: filter.to || null,
    page: filter.page > 1 ? String(filter.page) : null,
  };
}

/** The log's query key: a new look (the same filter again) refetches it. */
export const AUDIT_LOG_KEY = ["audit", "log"] as const;

/**
 * The log: the municipality's, or one person's (?person=), newest first, filtered by user,
 * action and period, a page at a time; every filter in the address bar. A record naming
 * a person leads to that person's log.
 */
export function AuditLog({
  api,
  filter,
  knownName,
  headingRef,
  onFilter,
}: {
  api: AuditApi;
  filter: AuditLogFilter;
  /** The person's name when it is known before the log arrives (chosen from a search). */
  knownName: string | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onFilter: (filter: AuditLogFilter) => void;
}) {
  const { t, i18n } = useTranslation("audit");
  const errorText = useErrorText(AUDIT_ERRORS);
  const codes = useCodeTexts();
  const headingId = useId();
  const captionId = useId();
  const language = i18n.language;
  const log = useQuery({
    queryKey: [...AUDIT_LOG_KEY, filter],
    queryFn: () => api.log(filter),
    placeholderData: (previous, query) =>
      // Keep the rows while another page or filter of the same log loads.
      (query?.queryKey[2] as AuditLogFilter | undefined)?.personId === filter.personId
        ? previous
        : undefined,
  });
  const users = useQuery({
    queryKey: ["audit", "users"],
    queryFn: () => api.users(),
    staleTime: 5 * 60_000,
  });
  const data = log.data;
  const person = data?.person ?? null;
  const personName = person ? `${person.givenNames} ${person.familyName}` : knownName;
  const forPerson = filter.personId !== null;
  const notFound = log.error instanceof ApiError && log.error.status === 404;
  const records = data ? newestFirst(data.records) : [];
  const translated = (group: string, code: string | null | undefined) =>
    code ? t(`${group}.${code}`, { defaultValue: codes.code(group, code) }) : "—";
  const from = data ? data.offset + 1 : 0;
  const to = data ? data.offset + records.length : 0;
  const userName = (id: number | null) => users.data?.find((u) => u.id === id)?.displayName;

  return (
    <section className="opvang-audit-section" aria-labelledby={headingId} data-testid="audit-log">
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {forPerson
          ? personName
            ? t("log.heading", { name: personName })
            : t("browse.personHeading")
          : t("browse.heading")}
      </Heading2>
      {forPerson ? (
        <Paragraph>
          <Link
            href="/audit"
            onClick={(event) => {
              event.preventDefault();
              onFilter({ ...filter, personId: null, page: 1 });
            }}
            data-testid="audit-whole-log"
          >
            {t("browse.wholeLog")}
          </Link>
        </Paragraph>
      ) : (
        <Paragraph>{t("browse.intro")}</Paragraph>
      )}
      <LogFilterForm
        key={JSON.stringify({ ...filter, page: 1 })}
        filter={filter}
        users={users.data ?? []}
        onApply={(next) => onFilter({ ...next, page: 1 })}
      />
      <div aria-live="polite">
        {log.isPending ? <Paragraph>{t("log.loading")}</Paragraph> : null}
        {data && records.length > 0 ? (
          <Paragraph data-testid="audit-count">
            {t(data.hasMore ? "browse.rangeMore" : "browse.range", { from, to })}
          </Paragraph>
        ) : null}
      </div>
      {notFound ? (
        <Notice type="error" testId="audit-not-found">
          {t("log.notFound")}
        </Notice>
      ) : null}
      {log.isError && !notFound ? (
        <Notice type="error" testId="audit-error">
          {errorText(apiErrorOf(log.error)) ?? ""}
        </Notice>
      ) : null}
      {data && records.length === 0 ? (
        <Notice type="info" testId="audit-empty">
          {forPerson && data.offset === 0 && !filter.action && !filter.from && !filter.to ? (
            <>
              <Paragraph>
                <strong>{t("log.empty")}</strong>
              </Paragraph>
              <Paragraph>{t("log.emptyHint")}</Paragraph>
            </>
          ) : (
            <Paragraph>{t("browse.empty")}</Paragraph>
          )}
        </Notice>
      ) : null}
      {records.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="audit-records" aria-busy={log.isFetching}>
            <TableCaption id={captionId}>
              {forPerson && personName
                ? t("log.caption", { name: personName })
                : t("browse.caption")}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("log.col.when")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.who")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.action")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.record")}</TableHeaderCell>
                {forPerson ? null : (
                  <TableHeaderCell scope="col">{t("browse.col.person")}</TableHeaderCell>
                )}
                <TableHeaderCell scope="col">{t("log.col.fields")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.map((record) => (
                <TableRow key={record.id} data-testid="audit-record">
                  <TableCell>
                    <time dateTime={isoTimestamp(record.at)}>
                      {formatDateTime(record.at, language)}
                    </time>
                  </TableCell>
                  <TableCell>
                    {record.username ?? t("log.system")}
                    {record.userId !== null && userName(record.userId) ? (
                      <span className="opvang-audit-muted"> ({userName(record.userId)})</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {record.role
                      ? t(`roles.${record.role}`, { ns: "translation", defaultValue: record.role })
                      : "—"}
                  </TableCell>
                  <TableCell>{translated("actions", record.action)}</TableCell>
                  <TableCell>
                    {record.entityId
                      ? t("log.recordWithId", {
                          entity: translated("entities", record.entityType),
                          id: record.entityId,
                        })
                      : translated("entities", record.entityType)}
                  </TableCell>
                  {forPerson ? null : (
                    <TableCell>
                      <PersonCell
                        record={record}
                        onPerson={(personId) => onFilter({ ...filter, personId, page: 1 })}
                      />
                    </TableCell>
                  )}
                  <TableCell className="utrecht-table__cell--wrap">
                    {record.fields?.length
                      ? record.fields.map((field) => translated("fields", field)).join(", ")
                      : "—"}
                  </TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {codes.reason(record.reason) || "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {data && (data.hasMore || data.offset > 0) ? (
        <nav aria-label={t("browse.pages")} data-testid="audit-pages">
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={filter.page <= 1}
              onClick={() => onFilter({ ...filter, page: filter.page - 1 })}
            >
              {t("browse.previous")}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={!data.hasMore}
              onClick={() => onFilter({ ...filter, page: filter.page + 1 })}
            >
              {t("browse.next")}
            </Button>
          </ButtonGroup>
        </nav>
      ) : null}
    </section>
  );
}

/** Whom a record is about: a person (a link to their log) or the number a shared one lists. */
function PersonCell({
  record,
  onPerson,
}: {
  record: AuditRecord;
  onPerson: (personId: number) => void;
}) {
  const { t } = useTranslation("audit");
  if (record.personId !== null) {
    const to = `/audit?person=${record.personId}`;
    return (
      <Link
        href={to}
        onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          onPerson(record.personId!);
        }}
      >
        {t("browse.personLink", { id: record.personId })}
      </Link>
    );
  }
  if (record.persons) return <>{t("browse.persons", { count: record.persons })}</>;
  return <>—</>;
}

function LogFilterForm({
  filter,
  users,
  onApply,
}: {
  filter: AuditLogFilter;
  users: StaffAccount[];
  onApply: (filter: AuditLogFilter) => void;
}) {
  const { t } = useTranslation("audit");
  const codes = useCodeTexts();
  const [draft, setDraft] = useState(filter);
  // A user in the address who is not in the list (an account of the admin's, say) stays.
  const userOptions = [...users].sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (draft.userId !== null && !userOptions.some((u) => u.id === draft.userId)) {
    userOptions.push({
      id: draft.userId,
      username: String(draft.userId),
      displayName: `#${draft.userId}`,
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form
      className="opvang-audit-filter"
      noValidate
      aria-label={t("browse.formLabel")}
      onSubmit={submit}
      data-testid="audit-filter"
    >
      <div className="opvang-audit-grid">
        <SelectField
          id="audit-user"
          label={t("browse.user")}
          value={draft.userId === null ? "" : String(draft.userId)}
          onChange={(v) => setDraft((d) => ({ ...d, userId: v ? Number(v) : null }))}
          options={[
            { value: "", label: t("browse.anyUser") },
            ...userOptions.map((u) => ({
              value: String(u.id),
              label: `${u.displayName} (${u.username})`,
            })),
          ]}
        />
        <SelectField
          id="audit-action"
          label={t("browse.action")}
          value={draft.action}
          onChange={(action) => setDraft((d) => ({ ...d, action }))}
          options={[
            { value: "", label: t("browse.anyAction") },
            ...AUDIT_ACTIONS.map((a) => ({ value: a, label: codes.action(a) })),
          ]}
        />
        <TextField
          id="audit-from"
          type="date"
          label={t("browse.from")}
          value={draft.from}
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <TextField
          id="audit-to"
          type="date"
          label={t("browse.to")}
          value={draft.to}
          onChange={(to) => setDraft((d) => ({ ...d, to }))}
        />
      </div>
      <ButtonGroup>
        <PrimaryActionButton type="submit">{t("browse.submit")}</PrimaryActionButton>
        <Button
          type="button"
          appearance="secondary-action-button"
          onClick={() => onApply({ ...filter, userId: null, action: "", from: "", to: "" })}
        >
          {t("browse.clear")}
        </Button>
      </ButtonGroup>
    </form>
  );
}
