import { keepPreviousData, useQuery } from "@tanstack/react-query";
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
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Notice, SelectField } from "../../components/form";
import { ScrollTable } from "../../components/ScrollTable";
import { useUrlSearch } from "../../components/useUrlSearch";
import { formatDate, formatMonth, formatNumber } from "../../format";
import { currentLanguage } from "../../i18n";
import { linkHandler } from "../../links";
import { asApiError } from "../../query";
import {
  filterFromSearch,
  HOUSEHOLD_PAGE_SIZE,
  HOUSEHOLD_SORTS,
  type HouseholdFilter,
  type HouseholdListApi,
  householdListApi,
  SIZE_CHOICES,
  searchOfFilter,
} from "./household-list-api";
import { CONTACT_LANGUAGES, type RegistryApi, registryApi } from "./registry-api";
import "./household-list.css";

/**
 * The municipality's households, all of them: a form of filters (location, kind of
 * reception, size, income in the latest complete month, contact language, ended ones too)
 * and a sort, and the list a page at a time. Filters, sort and page live in the address bar
 * (/households?reception=goo&size=2&page=2), so a list can be linked and gone back to.
 */
export function HouseholdList({
  api = householdListApi,
  locationsApi = registryApi,
}: {
  api?: HouseholdListApi;
  locationsApi?: Pick<RegistryApi, "locations">;
}) {
  const { t, i18n } = useTranslation("registry");
  const language = currentLanguage(i18n);
  const { params, set } = useUrlSearch();
  const filter = filterFromSearch(params);
  const headingId = useId();
  const captionId = useId();
  const list = useQuery({
    queryKey: ["households", "list", filter],
    queryFn: () => api.listHouseholds(filter),
    placeholderData: keepPreviousData,
  });
  const locations = useQuery({
    queryKey: ["households", "list", "locations"],
    queryFn: () => locationsApi.locations(),
    staleTime: 5 * 60_000,
  });
  const data = list.data;
  const n = (value: number) => formatNumber(value, language);
  const month = data ? formatMonth(data.latestMonth, language) : "";
  // The form starts from the address; a new address (back, a link) starts it again.
  const formKey = JSON.stringify({ ...filter, page: 1 });

  return (
    <section
      className="opvang-registry-section"
      aria-labelledby={headingId}
      data-testid="household-list"
    >
      <Heading2 id={headingId}>{t("householdList.heading")}</Heading2>
      <Paragraph>{t("householdList.intro")}</Paragraph>
      <FilterForm
        key={formKey}
        filter={filter}
        locations={locations.data ?? []}
        incomeMonth={month}
        onApply={(next) => set(searchOfFilter({ ...next, page: 1 }))}
      />
      <div aria-live="polite">
        {list.isPending ? <Paragraph>{t("common.loading")}</Paragraph> : null}
        {data ? (
          <Paragraph data-testid="household-list-count">
            {data.total === 0
              ? t("householdList.empty")
              : data.items.length === 0
                ? t("householdList.pastEnd", { total: n(data.total) })
                : t("householdList.range", {
                    from: n(data.offset + 1),
                    to: n(data.offset + data.items.length),
                    total: n(data.total),
                  })}
          </Paragraph>
        ) : null}
      </div>
      {list.isError ? (
        <Notice type="error" testId="household-list-error">
          {t([`apiErrors.${asApiError(list.error).code}`, "apiErrors.unknown"])}
        </Notice>
      ) : null}
      {data && data.items.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table data-testid="household-list-table" aria-busy={list.isFetching}>
            <TableCaption id={captionId}>{t("householdList.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("householdList.col.label")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("householdList.col.size")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("householdList.col.arrival")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("householdList.col.reception")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("householdList.col.location")}</TableHeaderCell>
                <TableHeaderCell scope="col">
                  {t("householdList.col.income", { month })}
                </TableHeaderCell>
                <TableHeaderCell scope="col">{t("householdList.col.language")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((h) => (
                <TableRow key={h.id} data-testid="household-list-row" data-household-id={h.id}>
                  <TableHeaderCell scope="row">
                    <Link href={`/households/${h.id}`} onClick={linkHandler(`/households/${h.id}`)}>
                      {h.label}
                    </Link>
                  </TableHeaderCell>
                  <TableCell>{n(h.size)}</TableCell>
                  <TableCell className="opvang-registry-nowrap">
                    {formatDate(h.arrival, language)}
                  </TableCell>
                  <TableCell>
                    {h.receptionKinds.length
                      ? h.receptionKinds.map((k) => t(`reception.${k}`)).join(", ")
                      : t("householdList.notPlaced")}
                  </TableCell>
                  <TableCell>{h.locations.map((l) => l.name).join(", ") || "–"}</TableCell>
                  <TableCell>
                    {h.incomeInLatestMonth ? t("householdList.yes") : t("householdList.no")}
                  </TableCell>
                  <TableCell>
                    {h.contactLanguage ? t(`languages.${h.contactLanguage}`) : "–"}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {data && (data.total > HOUSEHOLD_PAGE_SIZE || data.offset > 0) ? (
        <nav aria-label={t("householdList.pages")} data-testid="household-list-pages">
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={filter.page <= 1}
              onClick={() => set(searchOfFilter({ ...filter, page: filter.page - 1 }))}
            >
              {t("householdList.previous")}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={data.offset + data.items.length >= data.total}
              onClick={() => set(searchOfFilter({ ...filter, page: filter.page + 1 }))}
            >
              {t("householdList.next")}
            </Button>
          </ButtonGroup>
        </nav>
      ) : null}
    </section>
  );
}

function FilterForm({
  filter,
  locations,
  incomeMonth,
  onApply,
}: {
  filter: HouseholdFilter;
  locations: { id: number; name: string }[];
  incomeMonth: string;
  onApply: (filter: HouseholdFilter) => void;
}) {
  const { t } = useTranslation("registry");
  const [draft, setDraft] = useState(filter);
  const change =
    <K extends keyof HouseholdFilter>(key: K) =>
    (value: HouseholdFilter[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form
      className="opvang-registry-filter"
      noValidate
      aria-label={t("householdList.formLabel")}
      onSubmit={submit}
      data-testid="household-filter"
    >
      <div className="opvang-registry-grid">
        <SelectField
          id="households-location"
          label={t("householdList.filter.location")}
          value={draft.location}
          onChange={change("location")}
          options={[
            { value: "", label: t("householdList.filter.anyLocation") },
            ...[...locations]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((l) => ({ value: String(l.id), label: l.name })),
          ]}
        />
        <SelectField
          id="households-reception"
          label={t("householdList.filter.reception")}
          value={draft.reception}
          onChange={(v) => change("reception")(v as HouseholdFilter["reception"])}
          options={[
            { value: "", label: t("householdList.filter.any") },
            { value: "goo", label: t("reception.goo") },
            { value: "poo", label: t("reception.poo") },
          ]}
        />
        <SelectField
          id="households-size"
          label={t("householdList.filter.size")}
          value={draft.size}
          onChange={(v) => change("size")(v as HouseholdFilter["size"])}
          options={[
            { value: "", label: t("householdList.filter.any") },
            ...SIZE_CHOICES.map((s) => ({
              value: s,
              label:
                s === "5+"
                  ? t("householdList.filter.sizeOrMore", { count: 5 })
                  : t("householdList.filter.sizeExactly", { count: Number(s) }),
            })),
          ]}
        />
        <SelectField
          id="households-income"
          label={
            incomeMonth
              ? t("householdList.filter.incomeIn", { month: incomeMonth })
              : t("householdList.filter.income")
          }
          value={draft.income}
          onChange={(v) => change("income")(v as HouseholdFilter["income"])}
          options={[
            { value: "", label: t("householdList.filter.any") },
            { value: "yes", label: t("householdList.filter.incomeYes") },
            { value: "no", label: t("householdList.filter.incomeNo") },
          ]}
        />
        <SelectField
          id="households-language"
          label={t("householdList.filter.language")}
          value={draft.language}
          onChange={(v) => change("language")(v as HouseholdFilter["language"])}
          options={[
            { value: "", label: t("householdList.filter.any") },
            ...CONTACT_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) })),
          ]}
        />
        <SelectField
          id="households-sort"
          label={t("householdList.filter.sort")}
          value={draft.sort}
          onChange={(v) => change("sort")(v as HouseholdFilter["sort"])}
          options={HOUSEHOLD_SORTS.map((s) => ({ value: s, label: t(`householdList.sorts.${s}`) }))}
        />
      </div>
      <CheckboxField
        id="households-all"
        label={t("householdList.filter.all")}
        checked={draft.all}
        onChange={change("all")}
      />
      <ButtonGroup>
        <PrimaryActionButton type="submit">{t("householdList.filter.submit")}</PrimaryActionButton>
      </ButtonGroup>
    </form>
  );
}
