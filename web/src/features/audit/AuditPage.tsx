import {
  Button,
  ButtonGroup,
  Heading2,
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
import {
  type FormEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { type FieldError, Notice, TextField, useErrorText } from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { ScrollTable } from "../../components/ScrollTable";
import { SearchStatus } from "../../components/SearchStatus";
import { apiErrorOf, useLatestSearch } from "../../components/useLatestSearch";
import { formatDate, formatDateTime, isoTimestamp, parseTimestamp } from "../../format";
import { navigate } from "../../links";
import { type AuditApi, type AuditRecord, auditApi, type PersonHit } from "./audit-api";
import { AUDIT_ERRORS } from "./errors";
import "./audit.css";

/**
 * /audit (municipal admin): find a person with one search box (name in either script, BSN
 * or V-number), pick one, and see who looked at or changed their file, newest first. The
 * admin's own look at the log is recorded too (it shows the next time).
 */

export interface AuditPageProps {
  api?: AuditApi;
}

type LogState =
  | { status: "loading" }
  | { status: "done"; records: AuditRecord[] }
  | { status: "not-found" }
  | { status: "error"; error: FieldError };

function latinName(hit: PersonHit): string {
  return `${hit.given_names} ${hit.family_name}`.trim();
}

function cyrillicName(hit: PersonHit): string {
  return [hit.given_names_cyrillic, hit.family_name_cyrillic].filter(Boolean).join(" ");
}

/** Newest first, whatever order the server sends; the id breaks ties within a moment. */
export function newestFirst(records: AuditRecord[]): AuditRecord[] {
  const time = (r: AuditRecord) => parseTimestamp(r.at)?.getTime() ?? 0;
  return [...records].sort((a, b) => time(b) - time(a) || b.id - a.id);
}

function readQuery(): string {
  return new URLSearchParams(window.location.search).get("q") ?? "";
}

function AccessLog({
  person,
  state,
  headingRef,
}: {
  person: PersonHit;
  state: LogState;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t, i18n } = useTranslation("audit");
  const errorText = useErrorText(AUDIT_ERRORS);
  const headingId = useId();
  const captionId = useId();
  const name = latinName(person);
  const language = i18n.language;
  const translated = (group: string, code: string | null | undefined) =>
    code ? t(`${group}.${code}`, { defaultValue: code }) : "—";

  return (
    <section className="opvang-audit-section" aria-labelledby={headingId} data-testid="audit-log">
      <Heading2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("log.heading", { name })}
      </Heading2>
      <div aria-live="polite">
        {state.status === "loading" ? <Paragraph>{t("log.loading")}</Paragraph> : null}
        {state.status === "done" && state.records.length > 0 ? (
          <Paragraph data-testid="audit-count">
            {t("log.count", { count: state.records.length })}
          </Paragraph>
        ) : null}
      </div>
      {state.status === "not-found" ? (
        <Notice type="error" testId="audit-not-found">
          {t("log.notFound")}
        </Notice>
      ) : null}
      {state.status === "error" ? (
        <Notice type="error" testId="audit-error">
          {errorText(state.error) ?? ""}
        </Notice>
      ) : null}
      {state.status === "done" && state.records.length === 0 ? (
        <Notice type="info" testId="audit-empty">
          <Paragraph>
            <strong>{t("log.empty")}</strong>
          </Paragraph>
          <Paragraph>{t("log.emptyHint")}</Paragraph>
        </Notice>
      ) : null}
      {state.status === "done" && state.records.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="audit-records">
            <TableCaption id={captionId}>{t("log.caption", { name })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("log.col.when")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.who")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.action")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.record")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.fields")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("log.col.reason")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {state.records.map((record) => (
                <TableRow key={record.id} data-testid="audit-record">
                  <TableCell>
                    <time dateTime={isoTimestamp(record.at)}>
                      {formatDateTime(record.at, language)}
                    </time>
                  </TableCell>
                  <TableCell>{record.username ?? t("log.system")}</TableCell>
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
                  <TableCell className="utrecht-table__cell--wrap">
                    {record.fields?.length
                      ? record.fields.map((field) => translated("fields", field)).join(", ")
                      : "—"}
                  </TableCell>
                  <TableCell className="utrecht-table__cell--wrap">
                    {record.reason || "—"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
    </section>
  );
}

export function AuditPage({ api = auditApi }: AuditPageProps) {
  const { t, i18n } = useTranslation("audit");
  const errorText = useErrorText(AUDIT_ERRORS);
  const [q, setQ] = useState(readQuery);
  const [person, setPerson] = useState<PersonHit | null>(null);
  const [log, setLog] = useState<LogState>({ status: "loading" });
  const inputRef = useRef<HTMLInputElement>(null);
  const logHeadingRef = useRef<HTMLHeadingElement>(null);
  const latest = useRef(0);
  const captionId = useId();
  const language = i18n.language;

  const {
    state: search,
    run,
    fieldError,
    setFieldError,
  } = useLatestSearch({
    key: "audit-persons",
    search: (query: string) => api.search(query),
    catalog: AUDIT_ERRORS,
    inputRef,
    // Keep the address bar in step, so that the search can be reloaded and shared.
    onSearched: (query: string) =>
      navigate(`/audit?${new URLSearchParams({ q: query })}`, { replace: true }),
  });
  const runSearch = useCallback(
    (query: string) => {
      setPerson(null);
      return run(query);
    },
    [run],
  );

  // A search in the address bar (/audit?q=…) runs once on opening.
  const ranInitial = useRef(false);
  useEffect(() => {
    if (ranInitial.current) return;
    ranInitial.current = true;
    const initial = readQuery().trim();
    if (initial) void runSearch(initial);
  }, [runSearch]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = q.trim();
    if (!query) {
      setFieldError({ key: "errors.searchEmpty" });
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    void runSearch(query);
  }

  async function choose(hit: PersonHit) {
    const ticket = ++latest.current;
    setPerson(hit);
    setLog({ status: "loading" });
    // Move focus to the log's heading, so keyboard and screen reader users land on it.
    requestAnimationFrame(() => logHeadingRef.current?.focus());
    try {
      const records = await api.accessLog(hit.id);
      if (ticket === latest.current) setLog({ status: "done", records: newestFirst(records) });
    } catch (error) {
      if (ticket !== latest.current) return;
      if (error instanceof ApiError && error.status === 404) setLog({ status: "not-found" });
      else {
        setLog({ status: "error", error: apiErrorOf(error) });
      }
    }
  }

  return (
    <div className="opvang-audit" data-testid="audit-page">
      <PageTitle>{t("title")}</PageTitle>
      <Paragraph>{t("intro")}</Paragraph>
      <form
        className="opvang-audit-search"
        noValidate
        aria-label={t("search.formLabel")}
        onSubmit={handleSubmit}
      >
        <TextField
          id="audit-q"
          type="search"
          label={t("search.query")}
          description={t("search.queryHint")}
          value={q}
          error={errorText(fieldError)}
          inputRef={inputRef}
          onChange={setQ}
        />
        <ButtonGroup>
          <PrimaryActionButton type="submit" busy={search.status === "loading"}>
            {t("search.submit")}
          </PrimaryActionButton>
        </ButtonGroup>
      </form>

      <SearchStatus
        state={search}
        ns="audit"
        errorText={(error) => errorText(error) ?? ""}
        testIds={{
          count: "audit-search-count",
          error: "audit-search-error",
          noResults: "audit-no-results",
        }}
      />
      {search.status === "done" && search.hits.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="audit-search-results">
            <TableCaption id={captionId}>
              {t("search.caption", { query: search.request })}
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("search.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.nameCyrillic")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.birthDate")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.bsn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.vNumber")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.log")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {search.hits.map((hit) => {
                const name = latinName(hit);
                const selected = person?.id === hit.id;
                return (
                  // The chosen person's row is marked current (the button is no toggle).
                  <TableRow key={hit.id} aria-current={selected ? "true" : undefined}>
                    <TableCell>{name}</TableCell>
                    <TableCell lang="uk">{cyrillicName(hit) || "—"}</TableCell>
                    <TableCell>{formatDate(hit.birth_date, language)}</TableCell>
                    <TableCell>{hit.bsn ?? "—"}</TableCell>
                    <TableCell>{hit.v_number ?? "—"}</TableCell>
                    <TableCell>
                      <Button
                        type="button"
                        appearance="secondary-action-button"
                        aria-label={t("search.chooseLabel", { name })}
                        onClick={() => void choose(hit)}
                      >
                        {t("search.choose")}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}

      {person ? <AccessLog person={person} state={log} headingRef={logHeadingRef} /> : null}
    </div>
  );
}
