import { useQuery } from "@tanstack/react-query";
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import type { MonthlyRun, MonthlyRunApi, RunPayment } from "../api";
import { formatCents, formatMonth, formatNumber } from "../format";
import { runHouseholdQuery } from "../queries";
import { AppLink, Loading, LoadProblem } from "./Common";
import { DownloadButton } from "./DownloadButton";
import { AnomalyTags, Previous } from "./ReviewSection";

/**
 * One household in the run: how it is paid, what is paid and collected, and each month the
 * run decides, this month's and the earlier months it corrects, with the amounts before and
 * after and why they changed. After approval its letter can be downloaded here. The heading
 * takes focus when it opens, so the reader lands on it.
 */
export function HouseholdDetail({
  api,
  run,
  householdId,
  onClose,
}: {
  api: MonthlyRunApi;
  run: MonthlyRun;
  householdId: number;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const query = useQuery(runHouseholdQuery(api, run.id, householdId));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const captionId = useId();
  const loaded = query.isSuccess;
  const euro = (cents: number) => formatCents(cents, language);

  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const data = query.data;
  const payment = data?.payment;
  return (
    <section
      className="opvang-mr-detail"
      aria-labelledby={headingId}
      data-testid="household-detail"
      data-household-id={householdId}
    >
      <Heading3 id={headingId} ref={headingRef} tabIndex={-1}>
        {payment
          ? t("detail.heading", { label: payment.label, month: formatMonth(run.month, language) })
          : t("detail.loadingHeading")}
      </Heading3>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <LoadProblem error={asApiError(query.error)} /> : null}
      {payment ? <PaymentFacts payment={payment} /> : null}
      {data ? (
        <ScrollTable labelledBy={captionId}>
          <Table className="opvang-loc-table opvang-mr-table" data-testid="detail-items">
            <TableCaption id={captionId}>{t("detail.itemsCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                {(
                  [
                    ["month", ""],
                    ["kind", ""],
                    ["leefgeldBefore", "opvang-loc-num"],
                    ["leefgeldAfter", "opvang-loc-num"],
                    ["eigenBijdrageBefore", "opvang-loc-num"],
                    ["eigenBijdrageAfter", "opvang-loc-num"],
                    ["reasons", ""],
                  ] as const
                ).map(([key, className]) => (
                  <TableHeaderCell key={key} scope="col" className={className || undefined}>
                    {t(`detail.columns.${key}`)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((item) => (
                <TableRow key={`${item.kind}-${item.month}`} data-testid="detail-item">
                  <TableHeaderCell scope="row">{formatMonth(item.month, language)}</TableHeaderCell>
                  <TableCell>{t(`kinds.${item.kind}`)}</TableCell>
                  <TableCell className="opvang-loc-num">
                    <Previous cents={item.previousLeefgeldCents} />
                  </TableCell>
                  <TableCell className="opvang-loc-num">{euro(item.leefgeldCents)}</TableCell>
                  <TableCell className="opvang-loc-num">
                    <Previous cents={item.previousEigenBijdrageCents} />
                  </TableCell>
                  <TableCell className="opvang-loc-num">{euro(item.eigenBijdrageCents)}</TableCell>
                  <TableCell>
                    {item.changeReasons.length
                      ? item.changeReasons.map((r) => t(`reasons.${r}`)).join(", ")
                      : t("review.unchanged")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {data && data.items.length === 0 ? <Paragraph>{t("detail.noItems")}</Paragraph> : null}
      <ButtonGroup className="opvang-mr-detail__actions">
        {run.status === "approved" ? (
          <DownloadButton
            testId="detail-letter"
            label={t("detail.letter")}
            fetchFile={() => api.letter(run.id, householdId)}
          />
        ) : null}
        <Button type="button" appearance="secondary-action-button" onClick={onClose}>
          {t("detail.close")}
        </Button>
      </ButtonGroup>
      {run.status !== "approved" ? (
        <Paragraph className="opvang-mr-muted">{t("detail.letterAfterApproval")}</Paragraph>
      ) : null}
      <Paragraph>
        <AppLink to={`/households/${householdId}`} testId="detail-household-link">
          {t("detail.toHousehold")}
        </AppLink>
      </Paragraph>
    </section>
  );
}

/** How the household is paid and what the run pays and collects. */
function PaymentFacts({ payment }: { payment: RunPayment }) {
  const { t, i18n } = useTranslation("monthly-run");
  const language = currentLanguage(i18n);
  const euro = (cents: number) => formatCents(cents, language);
  const rows: [string, React.ReactNode][] = [
    [
      "method",
      payment.method === "sepa"
        ? t("detail.sepaTo", {
            name: payment.payee?.name ?? t("common.none"),
            iban: payment.ibanMasked ?? t("common.none"),
          })
        : t("methods.card_or_cash"),
    ],
    ["persons", formatNumber(payment.persons, language)],
    ["transfer", euro(payment.transferCents)],
    ["backPay", euro(payment.backPayCents)],
    [
      "recovery",
      t("detail.recoveryValue", {
        recovery: euro(payment.recoveryCents),
        offset: euro(payment.offsetCents),
      }),
    ],
    ["collect", euro(payment.collectCents)],
    ["reference", payment.endToEndId],
    ["anomalies", <AnomalyTags key="anomalies" anomalies={payment.anomalies} />],
  ];
  return (
    <>
      {payment.problem ? (
        <Notice type="warning" testId="detail-problem">
          {t("detail.problem")}
        </Notice>
      ) : null}
      <DataList className="opvang-mr-datalist" data-testid="detail-payment">
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`detail.facts.${key}`)}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </>
  );
}
