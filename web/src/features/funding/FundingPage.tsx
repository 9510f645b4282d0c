import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useUrlSearch } from "../../components/useUrlSearch";
import { todayNl } from "../../format";
import { asApiError } from "../../query";
import { useSession } from "../../session";
import { type FundingApi, fundingApi } from "./api";
import { AdvanceSection } from "./components/Advance";
import { ClaimView } from "./components/ClaimView";
import { Loading, LoadProblem } from "./components/Common";
import { BackToClaim, LocationDays } from "./components/LocationDays";
import { isPeriodRefusal, PeriodForm } from "./components/PeriodForm";
import { SisaSection } from "./components/Sisa";
import { TargetGroups } from "./components/TargetGroups";
import { TransitionCosts } from "./components/TransitionCosts";
import { claimQuery, locationDaysQuery } from "./queries";
import { readView } from "./view";

/**
 * /funding, the municipality's funding claim (docs/api-funding.md) for the finance officer
 * and the municipal admin (funding.claim): over a period (this year up to today unless the
 * address names one), the totals for municipal (GOO) and private (POO) reception, the
 * place-days outside the base rate and the days under a scheme whose amounts are not
 * published, each scheme's part, the transition costs, the norm periods with the law's
 * values and sources, the locations (each opening its days), the months of private
 * reception, and the claim as CSV. Below the claim: the transition costs with their
 * evidence, the places of other target groups, the advance of a book year and the SiSa
 * figures. Aggregates only: no person is named.
 */
export function FundingPage({ api = fundingApi }: { api?: FundingApi }) {
  const { t } = useTranslation("funding");
  const { user, can } = useSession();
  const { params } = useUrlSearch();
  const today = todayNl();
  const view = readView(params, today);
  const allowed = can("funding.claim");
  const claim = useQuery({
    ...claimQuery(api, view.period),
    enabled: allowed && view.location === null,
    placeholderData: keepPreviousData,
  });
  const days = useQuery({
    ...locationDaysQuery(api, view.location ?? 0, view.period),
    enabled: allowed && view.location !== null,
    // Another period of the same location keeps its days in view while the new ones load.
    placeholderData: (previous) =>
      previous && previous.location.id === view.location ? keepPreviousData(previous) : undefined,
  });
  const shown = view.location === null ? claim : days;
  const error = shown.isError ? shown.error : null;
  const refusal = isPeriodRefusal(error) ? error : null;
  const loading = shown.isPending && shown.fetchStatus !== "idle";

  return (
    <div className="opvang-fund-page" data-testid="page-funding">
      <PageTitle>{t("pages.funding.title", { ns: "translation" })}</PageTitle>
      <Paragraph>{t("page.intro", { name: user.gemeenteName ?? "" })}</Paragraph>
      {view.period.to > today ? (
        <Paragraph className="opvang-fund-muted" data-testid="funding-forecast">
          {t("page.forecast")}
        </Paragraph>
      ) : null}
      {view.location === null ? (
        <nav aria-label={t("page.sections")} className="opvang-fund-toc" data-testid="funding-toc">
          <ul>
            {(["claim", "costs", "target-groups", "advance", "sisa"] as const).map((key) => (
              <li key={key}>
                <a href={`#funding-${key}`}>{t(`page.toc.${key}`)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <PeriodForm view={view} refusal={refusal} />
      {loading ? <Loading /> : null}
      {error && !refusal ? (
        <>
          <LoadProblem error={asApiError(error)} />
          {view.location !== null ? <BackToClaim period={view.period} /> : null}
        </>
      ) : null}
      {view.location === null && claim.data && !error ? (
        <ClaimView api={api} claim={claim.data} busy={claim.isPlaceholderData} />
      ) : null}
      {view.location === null && allowed ? (
        <>
          <TransitionCosts api={api} />
          <TargetGroups api={api} />
          <AdvanceSection api={api} />
          <SisaSection api={api} />
        </>
      ) : null}
      {view.location !== null && days.data && !error ? (
        <LocationDays data={days.data} busy={days.isPlaceholderData} />
      ) : null}
    </div>
  );
}
