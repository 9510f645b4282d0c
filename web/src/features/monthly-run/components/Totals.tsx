import { Heading2 } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import type { RunTotals } from "../api";
import { formatCents, formatMonth, formatNumber } from "../format";

interface Figure {
  key: string;
  value: string;
  /** A line below the figure: what it is made of. */
  detail?: string;
  /** Draws the eye: something to look at before approving. */
  attention?: boolean;
}

/**
 * The run's totals as figure cards: households and persons, the month's leefgeld and eigen
 * bijdrage, back payments and recoveries (with the part offset), what is transferred (SEPA
 * and card or cash households), what is collected, the corrections and the anomalies.
 */
export function Totals({ totals, month }: { totals: RunTotals; month: string }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const n = (value: number) => formatNumber(value, language);
  const euro = (cents: number) => formatCents(cents, language);
  const figures: Figure[] = [
    {
      key: "households",
      value: n(totals.households),
      detail: t("totals.personsDetail", { count: totals.persons, persons: n(totals.persons) }),
    },
    { key: "leefgeld", value: euro(totals.leefgeldCents) },
    { key: "eigenBijdrage", value: euro(totals.eigenBijdrageCents) },
    { key: "backPay", value: euro(totals.backPayCents) },
    {
      key: "recovery",
      value: euro(totals.recoveryCents),
      detail: t("totals.offsetDetail", { amount: euro(totals.offsetCents) }),
    },
    {
      key: "transfer",
      value: euro(totals.transferCents),
      detail: t("totals.transferDetail", {
        sepa: n(totals.sepaHouseholds),
        cardOrCash: n(totals.cardOrCashHouseholds),
      }),
    },
    { key: "collect", value: euro(totals.collectCents) },
    {
      key: "corrections",
      value: n(totals.corrections),
      detail: t("totals.correctionsDetail"),
    },
    {
      key: "anomalies",
      value: n(totals.withAnomalies),
      detail: t("totals.problemsDetail", { count: totals.problems, problems: n(totals.problems) }),
      attention: totals.withAnomalies > 0 || totals.problems > 0,
    },
  ];
  return (
    <section className="opvang-mr-section" aria-labelledby={headingId} data-testid="run-totals">
      <Heading2 id={headingId}>
        {t("totals.heading", { month: formatMonth(month, language) })}
      </Heading2>
      <dl className="opvang-mr-figures">
        {figures.map((figure) => (
          <div
            key={figure.key}
            className={`opvang-mr-figure${figure.attention ? " opvang-mr-figure--attention" : ""}`}
            data-testid={`total-${figure.key}`}
          >
            <dt className="opvang-mr-figure__label">{t(`totals.${figure.key}`)}</dt>
            <dd className="opvang-mr-figure__value">{figure.value}</dd>
            {figure.detail ? <dd className="opvang-mr-figure__detail">{figure.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
