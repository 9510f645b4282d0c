import { useQueryClient } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  Heading2,
  Paragraph,
  PrimaryActionButton,
} from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/form";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { useSession } from "../../../session";
import type { MonthlyRun, MonthlyRunApi } from "../api";
import { formatCents, formatMonth, formatNumber } from "../format";
import { MONTHLY_RUNS_KEY, runKey } from "../queries";
import { errorKey } from "./Common";

/**
 * Approving a prepared run, four eyes: the officer who prepared it may not approve it, so
 * for them the button is disabled with the reason beside it (the server refuses too, and
 * its four_eyes answer is shown translated if it comes). Approving asks once more, naming
 * what is paid: the amounts become decisions and the month closes.
 */
export function ApproveSection({ api, run }: { api: MonthlyRunApi; run: MonthlyRun }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const { user, can } = useSession();
  const queryClient = useQueryClient();
  const headingId = useId();
  const reasonId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string[] | null>(null);
  const ownRun = run.preparedBy?.id === user.id;
  const allowed = can("monthly_run.approve");
  const month = formatMonth(run.month, language);

  async function approve() {
    setBusy(true);
    setProblem(null);
    try {
      const approved = await api.approve(run.id, run.version);
      queryClient.setQueryData(runKey(run.id), approved);
      setConfirming(false);
    } catch (error) {
      const e = asApiError(error);
      setProblem(errorKey(e));
      setConfirming(false);
    } finally {
      setBusy(false);
      // Approved, or refused because the run changed: either way, read it again.
      void queryClient.invalidateQueries({ queryKey: MONTHLY_RUNS_KEY });
    }
  }

  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-approve">
      <Heading2 id={headingId}>{t("approve.heading")}</Heading2>
      <Paragraph>{t("approve.fourEyes")}</Paragraph>
      {problem ? (
        <Notice type="error" testId="approve-error">
          {t(problem)}
        </Notice>
      ) : null}
      {!allowed ? <Paragraph>{t("approve.notAllowed")}</Paragraph> : null}
      {allowed && !confirming ? (
        <>
          {ownRun ? (
            <Notice type="info" testId="approve-own-run">
              <Paragraph id={reasonId}>{t("approve.ownRun")}</Paragraph>
            </Notice>
          ) : null}
          <ButtonGroup>
            <PrimaryActionButton
              type="button"
              disabled={ownRun || busy}
              aria-describedby={ownRun ? reasonId : undefined}
              data-testid="approve-button"
              onClick={() => setConfirming(true)}
            >
              {t("approve.submit", { month })}
            </PrimaryActionButton>
          </ButtonGroup>
        </>
      ) : null}
      {allowed && confirming ? (
        <div className="opvang-mr-confirm" data-testid="approve-confirm">
          <Notice type="warning">
            {t("approve.confirm", {
              month,
              households: formatNumber(run.totals?.households ?? 0, language),
              transfer: formatCents(run.totals?.transferCents ?? 0, language),
            })}
          </Notice>
          <ButtonGroup>
            <PrimaryActionButton
              type="button"
              busy={busy}
              disabled={busy}
              data-testid="approve-confirm-button"
              onClick={() => void approve()}
            >
              {t("approve.confirmButton")}
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
    </section>
  );
}
