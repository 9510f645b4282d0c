import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Paragraph } from "@utrecht/component-library-react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { useUrlSearch } from "../../components/useUrlSearch";
import { isAllowed } from "../../navigation";
import { asApiError } from "../../query";
import { useSession } from "../../session";
import { type MonthlyRunApi, monthlyRunApi, RUNS_SHOWN } from "./api";
import { ApproveSection } from "./components/ApproveSection";
import { AppLink, Loading, LoadProblem } from "./components/Common";
import { Downloads } from "./components/Downloads";
import { PrepareSection } from "./components/PrepareSection";
import { ReviewSection } from "./components/ReviewSection";
import { RunHistory } from "./components/RunHistory";
import { Totals } from "./components/Totals";
import { isMonth, monthChoices } from "./format";
import { MONTHLY_RUNS_KEY, runQuery, runsQuery } from "./queries";

/**
 * /monthly-run, the finance officer's month: choose a month (?month= in the address; next
 * month unless another is asked), prepare it (a background job, its progress polled),
 * review its totals and households, approve it as a second officer (four eyes), and
 * download its files once approved. Below, the runs of the last year. What is offered
 * follows the permissions the server grants, never the role itself.
 */
export function MonthlyRunPage({ api = monthlyRunApi }: { api?: MonthlyRunApi }) {
  const { t } = useTranslation("monthly-run");
  const { user, can } = useSession();
  const queryClient = useQueryClient();
  const { params, set } = useUrlSearch();
  // The months of the picker: next month, this month and the ten before (a year of runs).
  const choices = useMemo(() => monthChoices(RUNS_SHOWN), []);
  const asked = params.get("month");
  const month = isMonth(asked) && choices.includes(asked) ? asked : (choices[0] as string);
  const runs = useQuery(runsQuery(api, RUNS_SHOWN));
  const listed = runs.data?.find((r) => r.month === month) ?? null;
  const detail = useQuery({ ...runQuery(api, listed?.id ?? 0), enabled: listed !== null });
  const run = listed && detail.data?.id === listed.id ? detail.data : listed;

  // The job finished (or someone approved): the list, the totals and the review follow.
  const status = run?.status;
  const listedStatus = listed?.status;
  useEffect(() => {
    if (status && listedStatus && status !== listedStatus) {
      void queryClient.invalidateQueries({ queryKey: MONTHLY_RUNS_KEY });
    }
  }, [status, listedStatus, queryClient]);

  const reviewable = run?.status === "prepared" || run?.status === "approved";
  return (
    <div className="opvang-loc-page opvang-mr-page" data-testid="page-monthly-run">
      <PageTitle>{t("page.title")}</PageTitle>
      <Paragraph>{t("page.intro")}</Paragraph>
      {can("settings.read") && isAllowed(user.role, "settings") ? (
        <Paragraph>
          <AppLink to="/settings" testId="settings-page-link">
            {t("page.settingsLink")}
          </AppLink>
        </Paragraph>
      ) : null}
      {runs.isError ? <LoadProblem error={asApiError(runs.error)} /> : null}
      {runs.isPending ? <Loading /> : null}
      {runs.isSuccess ? (
        <PrepareSection
          api={api}
          month={month}
          choices={choices}
          run={run}
          canPrepare={can("monthly_run.prepare")}
          onMonth={(value) =>
            set({
              month: value,
              anomaly: null,
              method: null,
              changed: null,
              corrections: null,
              page: null,
              household: null,
            })
          }
        />
      ) : null}
      {run && reviewable && run.totals ? <Totals totals={run.totals} month={run.month} /> : null}
      {run?.status === "prepared" ? <ApproveSection api={api} run={run} /> : null}
      {run?.status === "approved" && can("monthly_run.approve") ? (
        <Downloads api={api} run={run} />
      ) : null}
      {run && reviewable ? (
        <ReviewSection key={run.id} api={api} run={run} params={params} set={set} />
      ) : null}
      {runs.data ? <RunHistory runs={runs.data} current={month} /> : null}
    </div>
  );
}
