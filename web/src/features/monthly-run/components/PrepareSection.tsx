import { useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from "@utrecht/component-library-react";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import {
  ErrorSummary,
  Notice,
  SelectField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import type { MonthlyRun, MonthlyRunApi } from "../api";
import { MONTHLY_RUN_ERRORS, withLocalMonths } from "../errors";
import { addMonths, formatMonth, formatNumber, thisMonthNl } from "../format";
import { MONTHLY_RUNS_KEY, runKey } from "../queries";
import { SettingsMissing } from "./Common";
import { RunStatusLine } from "./RunStatus";

export const MONTH_FIELD = "run-month";

/**
 * Choosing the month and preparing it: the month picker (next month first), what the month's
 * run is now, and the button to prepare it, or to prepare it again (a prepared or failed
 * draft is replaced, so this asks first). While the job runs, a progress bar counts the
 * households done; refusals (the month approved, someone else preparing it, no settings)
 * are shown translated, at the field they are about.
 */
export function PrepareSection({
  api,
  month,
  choices,
  run,
  canPrepare,
  onMonth,
}: {
  api: MonthlyRunApi;
  month: string;
  choices: string[];
  /** The month's run, if it has one. */
  run: MonthlyRun | null;
  canPrepare: boolean;
  onMonth: (month: string) => void;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const queryClient = useQueryClient();
  const form = useForm<typeof MONTH_FIELD>(MONTHLY_RUN_ERRORS);
  const [confirming, setConfirming] = useState(false);
  const [settingsMissing, setSettingsMissing] = useState(false);
  const headingId = useId();
  const thisMonth = thisMonthNl();
  const nextMonth = addMonths(thisMonth, 1);

  const label = (m: string) =>
    m === nextMonth
      ? t("prepare.nextMonth", { month: formatMonth(m, language) })
      : m === thisMonth
        ? t("prepare.thisMonth", { month: formatMonth(m, language) })
        : formatMonth(m, language);

  const again = run !== null && (run.status === "prepared" || run.status === "failed");
  const open = canPrepare && (run === null || again);

  function started(prepared: MonthlyRun) {
    queryClient.setQueryData(runKey(prepared.id), prepared);
    void queryClient.invalidateQueries({ queryKey: MONTHLY_RUNS_KEY });
  }

  async function prepare() {
    setSettingsMissing(false);
    await form.run(
      async () => {
        try {
          started(await api.prepare(month));
          setConfirming(false);
        } catch (error) {
          if (error instanceof ApiError && error.code === "settings_missing") {
            setSettingsMissing(true);
            setConfirming(false);
            return;
          }
          throw withLocalMonths(error, language);
        }
      },
      topLevelField({ month: MONTH_FIELD }),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (again && !confirming) {
      setConfirming(true);
      return;
    }
    void prepare();
  }

  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-prepare">
      <Heading2 id={headingId}>{t("prepare.heading")}</Heading2>
      <form noValidate onSubmit={submit} className="opvang-mr-prepare" aria-busy={form.busy}>
        <ErrorSummary {...form.summary({ [MONTH_FIELD]: t("prepare.month") })} />
        <div className="opvang-mr-controls">
          <SelectField
            id={MONTH_FIELD}
            label={t("prepare.month")}
            value={month}
            options={choices.map((m) => ({ value: m, label: label(m) }))}
            error={form.error(MONTH_FIELD)}
            onChange={(value) => {
              form.clear();
              setConfirming(false);
              setSettingsMissing(false);
              onMonth(value);
            }}
          />
        </div>
        <RunStatusLine month={month} run={run} />
        {run?.status === "preparing" ? <Progress run={run} /> : null}
        {run?.status === "failed" ? (
          <Notice type="error" testId="run-failed">
            {t([`problems.${(run.problem ?? "").split(":")[0]}`, "problems.unknown"])}
          </Notice>
        ) : null}
        {run?.status === "approved" ? (
          <Paragraph data-testid="run-closed">{t("prepare.closed")}</Paragraph>
        ) : null}
        {settingsMissing ? <SettingsMissing /> : null}
        {open && !confirming ? (
          <>
            <Paragraph>{t(again ? "prepare.againIntro" : "prepare.intro")}</Paragraph>
            <ButtonGroup>
              <PrimaryActionButton
                type="submit"
                busy={form.busy}
                disabled={form.busy}
                data-testid="prepare-button"
              >
                {t(again ? "prepare.again" : "prepare.submit", {
                  month: formatMonth(month, language),
                })}
              </PrimaryActionButton>
            </ButtonGroup>
          </>
        ) : null}
        {open && confirming ? (
          <div className="opvang-mr-confirm" data-testid="prepare-confirm">
            <Notice type="warning">
              {t("prepare.confirm", { month: formatMonth(month, language) })}
            </Notice>
            <ButtonGroup>
              <PrimaryActionButton
                type="submit"
                busy={form.busy}
                disabled={form.busy}
                data-testid="prepare-confirm-button"
              >
                {t("prepare.confirmButton")}
              </PrimaryActionButton>
              <Button
                type="button"
                appearance="secondary-action-button"
                onClick={() => setConfirming(false)}
              >
                {t("common.cancel")}
              </Button>
            </ButtonGroup>
          </div>
        ) : null}
        {!canPrepare && run === null ? (
          <Paragraph data-testid="prepare-not-allowed">{t("prepare.notAllowed")}</Paragraph>
        ) : null}
      </form>
    </section>
  );
}

/** The job's progress: a bar, and "x of y households" announced as it grows. */
export function Progress({ run }: { run: MonthlyRun }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const labelId = useId();
  const { done, total } = run.progress;
  return (
    <div className="opvang-mr-progress" data-testid="run-progress">
      <Paragraph id={labelId}>
        {t("progress.label", { month: formatMonth(run.month, language) })}
      </Paragraph>
      {total > 0 ? (
        <progress aria-labelledby={labelId} max={total} value={Math.min(done, total)} />
      ) : (
        // Still counting the households: a bar without a value moves without a share.
        <progress aria-labelledby={labelId} />
      )}
      <Paragraph role="status" data-testid="run-progress-count">
        {total > 0
          ? t("progress.count", {
              count: total,
              done: formatNumber(done, language),
              total: formatNumber(total, language),
            })
          : t("progress.counting")}
      </Paragraph>
    </div>
  );
}
