/**
 * The coordinator's menu pages Prognose (/forecast) and Bekostiging (/funding): the sections
 * of the Landelijk overzicht on their own page, for today (the overview has them for any date).
 */
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { todayNl } from "../../format";
import { type NationalApi, nationalApi } from "./api";
import { ForecastSection } from "./components/ForecastSection";
import { FundingSection } from "./components/FundingSection";
import { TargetsSection } from "./components/TargetsSection";

export function NationalForecastPage({ api = nationalApi }: { api?: NationalApi }) {
  const { t } = useTranslation();
  const on = todayNl();
  return (
    <>
      <PageTitle>{t("pages.forecast.title")}</PageTitle>
      <TargetsSection api={api} on={on} />
      <ForecastSection api={api} on={on} />
    </>
  );
}

export function NationalFundingPage({ api = nationalApi }: { api?: NationalApi }) {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("pages.funding.title")}</PageTitle>
      <FundingSection api={api} on={todayNl()} />
    </>
  );
}
