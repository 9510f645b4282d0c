import { Paragraph } from "@utrecht/component-library-react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import type { MonthlyRun, RunStatus } from "../api";
import { formatDateTime, formatMonth, isoTimestamp } from "../format";

/** A run's status as a tag: its colour follows the status, its text is translated. */
export function StatusTag({ status }: { status: RunStatus | "none" }) {
  const { t } = useTranslation("monthly-run");
  return (
    <span className={`opvang-mr-tag opvang-mr-tag--${status}`} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** When something happened, as a <time> in the reader's language. */
export function When({ at }: { at: string | null }) {
  const { i18n } = useTranslation();
  if (!at) return null;
  return <time dateTime={isoTimestamp(at)}>{formatDateTime(at, currentLanguage(i18n))}</time>;
}

/** Who prepared and who approved, each with when; "–" when nobody yet. */
export function WhoLines({ run }: { run: MonthlyRun }) {
  const { t } = useTranslation("monthly-run");
  if (!run.preparedBy && !run.approvedBy) return null;
  return (
    <div className="opvang-mr-who">
      {run.preparedBy ? (
        <Paragraph data-testid="run-prepared-by">
          {t("who.prepared", { name: run.preparedBy.name })} <When at={run.preparedAt} />
        </Paragraph>
      ) : null}
      {run.approvedBy ? (
        <Paragraph data-testid="run-approved-by">
          {t("who.approved", { name: run.approvedBy.name })} <When at={run.approvedAt} />
        </Paragraph>
      ) : null}
    </div>
  );
}

/** The chosen month's run in one line, and who prepared and approved it. */
export function RunStatusLine({ month, run }: { month: string; run: MonthlyRun | null }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  return (
    <div className="opvang-mr-status" data-testid="run-status" data-status={run?.status ?? "none"}>
      <Paragraph>
        {t("status.of", { month: formatMonth(month, language) })}{" "}
        <StatusTag status={run?.status ?? "none"} />
      </Paragraph>
      {run ? <WhoLines run={run} /> : null}
    </div>
  );
}
