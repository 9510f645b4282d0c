import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
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
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { AppLink } from "../../locations/components/Common";
import { type TransitionApi, WORKLIST_SORTS, type WorklistParams, type WorklistSort } from "../api";
import { formatDate, formatNumber } from "../format";
import { worklistQuery } from "../queries";
import { Loading, LoadProblem } from "./Common";

export const WORKLIST_PAGE = 25;

/**
 * The caseworker's worklist: the municipality's persons not yet ready for the transition,
 * what blocks each first (in words), sorted by what blocks or by name, a page at a time;
 * each row leads to the household page, where the facts are recorded.
 */
export function Worklist({ api }: { api: TransitionApi }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const captionId = useId();
  const [params, setParams] = useState<WorklistParams>({
    sort: "blocking",
    include: "open",
    limit: WORKLIST_PAGE,
    offset: 0,
  });
  const list = useQuery({ ...worklistQuery(api, params), placeholderData: keepPreviousData });
  const data = list.data;
  const n = (value: number) => formatNumber(value, language);

  return (
    <section className="opvang-loc-section" aria-labelledby={headingId} data-testid="worklist">
      <Heading2 id={headingId}>{t("worklist.heading")}</Heading2>
      <Paragraph>{t("worklist.intro")}</Paragraph>
      <div className="opvang-tr-controls">
        <SelectField
          id="worklist-sort"
          label={t("worklist.sort")}
          value={params.sort}
          options={WORKLIST_SORTS.map((sort) => ({
            value: sort,
            label: t(`worklist.sorts.${sort}`),
          }))}
          onChange={(sort) => setParams((p) => ({ ...p, sort: sort as WorklistSort, offset: 0 }))}
        />
        <SelectField
          id="worklist-include"
          label={t("worklist.include")}
          value={params.include}
          options={(["open", "all"] as const).map((include) => ({
            value: include,
            label: t(`worklist.includes.${include}`),
          }))}
          onChange={(include) =>
            setParams((p) => ({ ...p, include: include as "open" | "all", offset: 0 }))
          }
        />
      </div>
      {list.isError ? <LoadProblem error={asApiError(list.error)} /> : null}
      {list.isPending ? <Loading /> : null}
      {data && data.items.length === 0 ? (
        <Paragraph data-testid="worklist-empty">
          {params.include === "open" ? t("worklist.emptyOpen") : t("worklist.empty")}
        </Paragraph>
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <ScrollTable labelledBy={captionId}>
            <Table
              className="opvang-loc-table"
              data-testid="worklist-table"
              aria-busy={list.isFetching}
            >
              <TableCaption id={captionId}>{t("worklist.caption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t("worklist.name")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("worklist.birthDate")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("worklist.eligibility")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("worklist.blocking")}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t("worklist.insured")}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((item) => {
                  const name = `${item.givenNames} ${item.familyName}`;
                  return (
                    <TableRow
                      key={item.personId}
                      data-testid="worklist-row"
                      data-person-id={item.personId}
                    >
                      <TableHeaderCell scope="row">
                        {item.householdId ? (
                          <AppLink to={`/households/${item.householdId}`}>{name}</AppLink>
                        ) : (
                          name
                        )}
                      </TableHeaderCell>
                      <TableCell className="opvang-tr-nowrap">
                        {formatDate(item.birthDate, language)}
                      </TableCell>
                      <TableCell>{t(`eligibility.${item.eligibility}`)}</TableCell>
                      <TableCell data-testid="worklist-blocking">
                        {item.blocking
                          ? t([`reasons.${item.blocking}`, "reasons.other"])
                          : t("worklist.nothingBlocks")}
                      </TableCell>
                      <TableCell>{item.insured ? t("common.yes") : t("common.no")}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </ScrollTable>
          <nav aria-label={t("worklist.pagesLabel")} data-testid="worklist-pages">
            <Paragraph aria-live="polite" data-testid="worklist-page-status">
              {t("worklist.pageStatus", {
                from: n(data.offset + 1),
                to: n(data.offset + data.items.length),
                total: n(data.total),
              })}
            </Paragraph>
            <ButtonGroup>
              <Button
                type="button"
                appearance="secondary-action-button"
                disabled={data.offset === 0}
                onClick={() =>
                  setParams((p) => ({ ...p, offset: Math.max(0, p.offset - p.limit) }))
                }
              >
                {t("worklist.previous")}
              </Button>
              <Button
                type="button"
                appearance="secondary-action-button"
                disabled={data.offset + data.items.length >= data.total}
                onClick={() => setParams((p) => ({ ...p, offset: p.offset + p.limit }))}
              >
                {t("worklist.next")}
              </Button>
            </ButtonGroup>
          </nav>
        </>
      ) : null}
    </section>
  );
}
