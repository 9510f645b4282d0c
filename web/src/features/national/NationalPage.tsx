import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField, Notice } from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { useUrlSearch } from "../../components/useUrlSearch";
import { formatDateInput, looksLikeDate, parseDateInput } from "../../dates";
import { currentLanguage } from "../../i18n";
import { navigate } from "../../links";
import { asApiError } from "../../query";
import { useCan } from "../../session";
import { childLevel, type NationalApi, nationalApi } from "./api";
import { Breadcrumb } from "./components/Breadcrumb";
import { Loading, LoadProblem } from "./components/Common";
import { FigureCards } from "./components/FigureCards";
import { FlowsSection } from "./components/FlowsSection";
import { ForecastSection } from "./components/ForecastSection";
import { FundingSection } from "./components/FundingSection";
import { unitTitle } from "./components/names";
import { OccupancySeriesSection } from "./components/OccupancySeriesSection";
import { OpenDataSection } from "./components/OpenDataSection";
import { PageNav, SECTIONS, type SectionKey } from "./components/PageNav";
import { ParagraphSection } from "./components/ParagraphSection";
import { PlacesByKind } from "./components/PlacesByKind";
import { TargetsSection } from "./components/TargetsSection";
import { UnitsTable } from "./components/UnitsTable";
import { WorkTable } from "./components/WorkTable";
import { formatDate, formatMonth, todayNl } from "./format";
import { figuresQuery } from "./queries";
import { readView, type View, viewHref } from "./view";

/**
 * The date the figures are of, typed as the reader writes dates (05-12-2026, 05.12.2026 or
 * 2026-12-05); a whole date goes into the address at once, a date that does not exist says
 * so. Going back in history puts the date of that view back in the field.
 */
function OnDate({ view, on }: { view: View; on: string }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const [text, setText] = useState(() => formatDateInput(on, language));
  const shownLanguage = useRef(language);
  useEffect(() => {
    const relanguaged = shownLanguage.current !== language;
    shownLanguage.current = language;
    setText((typed) =>
      parseDateInput(typed) === on && !relanguaged ? typed : formatDateInput(on, language),
    );
  }, [on, language]);
  const parsed = parseDateInput(text);
  const wrong = !parsed && (looksLikeDate(text) || text.trim().length >= 10);
  return (
    <div className="opvang-nat-on">
      <DateField
        id="national-on"
        label={t("onDate.label")}
        description={t("onDate.hint")}
        value={text}
        error={
          wrong ? t(looksLikeDate(text) ? "errors.date_nonexistent" : "errors.date_format") : null
        }
        onChange={(value) => {
          setText(value);
          const date = parseDateInput(value);
          if (date && date !== on) navigate(viewHref({ ...view, on: date }));
        }}
      />
    </div>
  );
}

/**
 * /national, the national coordinator's dashboard (aggregates only): for a date, the figures
 * of the nation, a province, a safety region, a municipality or a location, its places and
 * occupancy over time, and of each unit one level down, which the coordinator drills into
 * (the view is kept in the address); the places per kind of location, work participation, the flows per week; for the nation the
 * target of places (opgave) against what is realised and in the pipeline, the inflow
 * forecast and its re-evaluations, and the BooO cost of a year; the Verzamelbrief's figures
 * paragraph and the open-data files. The page's own navigation leads to each section. What
 * is shown follows the permissions the server grants, never the role itself.
 */
export function NationalPage({ api = nationalApi }: { api?: NationalApi }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const can = useCan();
  const { params } = useUrlSearch();
  const view = readView(params);
  const on = view.on ?? todayNl();
  const allowed = can("national.figures");
  const figures = useQuery({
    ...figuresQuery(api, { on, level: view.level, code: view.code }),
    enabled: allowed,
    // A new date keeps the unit's figures in view while the new ones load; a new unit does not.
    placeholderData: (previous) =>
      previous && previous.level === view.level && previous.code === view.code
        ? keepPreviousData(previous)
        : undefined,
  });
  const data = figures.data;
  const ids = { figures: useId(), units: useId(), kinds: useId(), work: useId() };
  const name = data ? unitTitle(t, data.total) : null;
  const units = childLevel(view.level);
  const show = {
    targets: allowed || can("national.targets"),
    forecast: can("national.forecast"),
    funding: can("national.funding"),
    openData: can("national.open_data"),
  };
  const sections: SectionKey[] = [
    ...(allowed ? (["figures", "occupancy", "flows"] as const) : []),
    ...(show.targets ? (["targets"] as const) : []),
    ...(show.forecast ? (["forecast"] as const) : []),
    ...(show.funding ? (["funding"] as const) : []),
    ...(allowed ? (["paragraph"] as const) : []),
    ...(show.openData ? (["openData"] as const) : []),
  ];

  return (
    <div className="opvang-loc-page opvang-nat-page" data-testid="page-national">
      <PageTitle>{t("page.title")}</PageTitle>
      <Paragraph>{t("page.intro")}</Paragraph>
      {sections.length > 1 ? <PageNav sections={sections} /> : null}
      {!allowed ? (
        <Notice type="warning" testId="national-no-access">
          {t("page.noAccess")}
        </Notice>
      ) : (
        <>
          <Breadcrumb api={api} view={view} on={on} currentName={data ? data.name : null} />
          <OnDate view={view} on={on} />
          {figures.isError ? <LoadProblem error={asApiError(figures.error)} /> : null}
          {figures.isPending && figures.fetchStatus !== "idle" ? (
            <Loading testId="figures-loading" />
          ) : null}
          {data && name ? (
            <div
              id={SECTIONS.figures}
              tabIndex={-1}
              className="opvang-nat-figures opvang-nat-anchor"
              aria-busy={figures.isPlaceholderData}
              data-testid="national-figures"
              data-level={data.level}
              data-code={data.code ?? ""}
            >
              <section className="opvang-loc-section" aria-labelledby={ids.figures}>
                <Heading2 id={ids.figures} data-testid="figures-heading">
                  {t("figures.heading", { name, date: formatDate(data.on, language) })}
                </Heading2>
                <FigureCards unit={data.total} />
              </section>
              <OccupancySeriesSection api={api} view={view} on={on} />
              {units ? (
                <section
                  className="opvang-loc-section"
                  aria-labelledby={ids.units}
                  data-testid="units"
                >
                  <Heading2 id={ids.units}>{t(`units.heading.${units}`)}</Heading2>
                  <Paragraph>{t(`units.intro.${units}`)}</Paragraph>
                  <UnitsTable key={`${view.level}-${view.code}`} data={data} view={view} />
                </section>
              ) : null}
              <section
                className="opvang-loc-section"
                aria-labelledby={ids.kinds}
                data-testid="kinds"
              >
                <Heading2 id={ids.kinds}>{t("kindsSection.heading")}</Heading2>
                <Paragraph>{t("kindsSection.intro")}</Paragraph>
                <PlacesByKind unit={data.total} on={data.on} />
              </section>
              <section className="opvang-loc-section" aria-labelledby={ids.work} data-testid="work">
                <Heading2 id={ids.work}>{t("work.heading")}</Heading2>
                <Paragraph>
                  {t("work.intro", { month: formatMonth(data.workMonth, language) })}
                </Paragraph>
                <WorkTable unit={data.total} workMonth={data.workMonth} />
              </section>
            </div>
          ) : null}
          <FlowsSection api={api} view={view} on={on} />
        </>
      )}
      {show.targets ? <TargetsSection api={api} on={on} /> : null}
      {show.forecast ? <ForecastSection api={api} on={on} /> : null}
      {show.funding ? <FundingSection api={api} on={on} /> : null}
      {allowed ? <ParagraphSection key={on} api={api} on={on} /> : null}
      {show.openData ? <OpenDataSection api={api} /> : null}
    </div>
  );
}
