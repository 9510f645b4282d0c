import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useSession } from "../../session";
import { MonthlyRunOverview } from "../monthly-run";
import type { MonthlyRunApi } from "../monthly-run/api";
import { type OverviewApi, overviewApi, type TargetsApi, targetsApi } from "./api";
import { AdminOverview } from "./components/AdminOverview";
import { RegionTarget } from "./components/RegionTarget";
import { Worklists } from "./components/Worklists";
import "./overview.css";

/**
 * /dashboard, the start of the working day: for the caseworker and the finance officer the
 * worklists of their role, for the municipal admin the accounts and the audit log's
 * anomalies; for whoever may read them, this month's and next month's monthly run (the
 * finance officer's first concern, so above the worklists) and, last, the safety region's
 * target of places (opgave). Always about the user's own municipality and its region.
 */
export function OverviewPage({
  api = overviewApi,
  runsApi,
  targets,
}: {
  api?: OverviewApi;
  runsApi?: MonthlyRunApi;
  targets?: TargetsApi;
}) {
  const { t } = useTranslation("overview");
  return (
    <div className="opvang-ov" data-testid="overview-page">
      <PageTitle>{t("title")}</PageTitle>
      <OverviewContent api={api} runsApi={runsApi} targets={targets} />
    </div>
  );
}

/** The overview below its title (the router shows the title while this part loads). */
export function OverviewContent({
  api = overviewApi,
  runsApi,
  targets = targetsApi,
}: {
  api?: OverviewApi;
  runsApi?: MonthlyRunApi;
  targets?: TargetsApi;
}) {
  const { t } = useTranslation("overview");
  const { user, can } = useSession();
  const admin = user.role === "municipal_admin";
  const runs = can("monthly_run.read") ? <MonthlyRunOverview api={runsApi} /> : null;
  const target = can("targets.read") ? <RegionTarget api={targets} /> : null;
  return (
    <>
      <Paragraph>
        {t(admin ? "intro.admin" : "intro.worklist", { name: user.gemeenteName ?? "" })}
      </Paragraph>
      {admin ? (
        <>
          <AdminOverview api={api} />
          {runs}
          {target}
        </>
      ) : (
        <>
          {runs}
          <Worklists api={api} />
          {target}
        </>
      )}
    </>
  );
}
