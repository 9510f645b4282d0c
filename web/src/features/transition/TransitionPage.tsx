import { useQuery } from "@tanstack/react-query";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { asApiError } from "../../query";
import { useCan } from "../../session";
import { type TransitionApi, transitionApi } from "./api";
import { CohortFigures, CutoffNotice, DaysLeft } from "./components/CohortFigures";
import { Loading, LoadProblem } from "./components/Common";
import { GemeenteTable } from "./components/GemeenteTable";
import { IndExchange } from "./components/IndExchange";
import { LocationsSection } from "./components/LocationsSection";
import { ScenarioSection } from "./components/ScenarioSection";
import { Worklist } from "./components/Worklist";
import { cohortQuery } from "./queries";

/**
 * /transition, the transition of 4 March 2027. The national coordinator sees the nation's
 * counts, each municipality's, and sets the scenario value for the unpublished cut-off date
 * (aggregates only). A municipal user sees their municipality's counts and the locations
 * that can become regular housing; the caseworker also the worklist and the exchange with
 * the IND. What is shown follows the permissions the server grants, never the role itself.
 */
export function TransitionPage({ api = transitionApi }: { api?: TransitionApi }) {
  const { t } = useTranslation("transition");
  const can = useCan();
  const national = can("transition.national");
  const cohort = useQuery({
    ...cohortQuery(api, national),
    enabled: national || can("transition.cohort"),
  });
  const data = cohort.data;
  const perGemeenteId = useId();
  return (
    <div className="opvang-loc-page opvang-tr-page" data-testid="page-transition">
      <PageTitle>{t("page.title")}</PageTitle>
      <Paragraph>{national ? t("page.introNational") : t("page.introMunicipal")}</Paragraph>
      {cohort.isError ? <LoadProblem error={asApiError(cohort.error)} /> : null}
      {cohort.isPending && cohort.fetchStatus !== "idle" ? <Loading /> : null}
      {data ? (
        <>
          <DaysLeft daysLeft={data.daysLeft} rtbEnd={data.rtbEnd} />
          <CutoffNotice cutoff={data.cutoff} restsOnScenario={data.restsOnScenario} />
          <CohortFigures cohort={data} />
          {national ? (
            <section
              className="opvang-loc-section"
              aria-labelledby={perGemeenteId}
              data-testid="gemeenten"
            >
              <Heading2 id={perGemeenteId}>{t("gemeenten.heading")}</Heading2>
              <Paragraph>{t("gemeenten.intro")}</Paragraph>
              <GemeenteTable rows={data.byGemeente} />
            </section>
          ) : null}
        </>
      ) : null}
      {national ? <ScenarioSection api={api} canEdit={can("transition.scenario")} /> : null}
      {can("transition.write") ? (
        <>
          <Worklist api={api} />
          <IndExchange api={api} />
        </>
      ) : null}
      {!national && can("transition.cohort") ? (
        <LocationsSection api={api} canEdit={can("transition.locations")} />
      ) : null}
    </div>
  );
}
