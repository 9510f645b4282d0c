import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import {
  CONDITION_STATES,
  CONDITIONS,
  type Cohort,
  type Cutoff,
  EDUCATION_LEVELS,
  ELIGIBILITIES,
  HOUSING_PLANS,
  INCOME_PATHS,
} from "../api";
import { formatDate, formatNumber } from "../format";
import { CountsFigure } from "./BarChart";

/** Days left to the end of temporary protection, as the page's most prominent figure. */
export function DaysLeft({ daysLeft, rtbEnd }: { daysLeft: number; rtbEnd: string }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const date = formatDate(rtbEnd, language);
  if (daysLeft < 0) {
    return (
      <Paragraph className="opvang-tr-days" data-testid="days-left">
        {t("daysLeft.passed", { date })}
      </Paragraph>
    );
  }
  return (
    <div className="opvang-tr-days" data-testid="days-left">
      <span className="opvang-tr-days__figure" data-testid="days-left-figure">
        {t("daysLeft.figure", { count: daysLeft, days: formatNumber(daysLeft, language) })}
      </span>{" "}
      <span className="opvang-tr-days__label">{t("daysLeft.until", { date })}</span>
    </div>
  );
}

/**
 * Where the cut-off date comes from. A result that rests on a scenario value (the law is not
 * published yet) says so in a warning, so no one takes it for a decision.
 */
export function CutoffNotice({
  cutoff,
  restsOnScenario,
}: {
  cutoff: Cutoff | null;
  restsOnScenario: boolean;
}) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  if (cutoff === null) {
    return (
      <Notice type="info" testId="cutoff-none">
        {t("cutoff.none")}
      </Notice>
    );
  }
  const date = formatDate(cutoff.date, language);
  if (restsOnScenario || cutoff.basis === "scenario") {
    return (
      <Notice type="warning" testId="scenario-banner">
        {t("cutoff.scenario", { date })}
      </Notice>
    );
  }
  return <Paragraph data-testid="cutoff-law">{t("cutoff.law", { date })}</Paragraph>;
}

/** The conditions × their state, for the persons in the caseload. */
function ConditionsTable({ cohort }: { cohort: Cohort }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const captionId = useId();
  return (
    <ScrollTable labelledBy={captionId}>
      <Table className="opvang-loc-table opvang-tr-compact" data-testid="conditions-table">
        <TableCaption id={captionId}>{t("cohort.conditionsCaption")}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("cohort.condition")}</TableHeaderCell>
            {CONDITION_STATES.map((state) => (
              <TableHeaderCell key={state} scope="col" className="opvang-loc-num">
                {t(`states.${state}`)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {CONDITIONS.map((condition) => (
            <TableRow key={condition} data-key={condition}>
              <TableHeaderCell scope="row">{t(`conditions.${condition}`)}</TableHeaderCell>
              {CONDITION_STATES.map((state) => (
                <TableCell key={state} className="opvang-loc-num">
                  {formatNumber(cohort.counts.conditions[condition][state], language)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

/**
 * The cohort's counts: per outcome for the transitiedocument, per condition, the IND's
 * decisions, what is still to arrange (insurance, students), and the households' paths for
 * income and housing. Aggregates only: the same view serves the municipality and the nation.
 */
export function CohortFigures({ cohort }: { cohort: Cohort }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const { counts, paths } = cohort;
  const n = (value: number) => formatNumber(value, language);
  return (
    <>
      <section
        className="opvang-loc-section"
        aria-labelledby="tr-eligibility-heading"
        data-testid="cohort-eligibility"
      >
        <Heading2 id="tr-eligibility-heading">{t("cohort.eligibilityHeading")}</Heading2>
        <Paragraph>
          {t("cohort.persons", { count: counts.persons, persons: n(counts.persons) })}
        </Paragraph>
        <CountsFigure
          caption={t("cohort.eligibilityCaption")}
          testId="eligibility"
          total={counts.persons}
          bars={ELIGIBILITIES.map((key) => ({
            key,
            label: t(`eligibility.${key}`),
            value: counts.eligibility[key],
          }))}
        />
      </section>
      <section
        className="opvang-loc-section"
        aria-labelledby="tr-conditions-heading"
        data-testid="cohort-conditions"
      >
        <Heading2 id="tr-conditions-heading">{t("cohort.conditionsHeading")}</Heading2>
        <Paragraph>{t("cohort.conditionsIntro")}</Paragraph>
        <ConditionsTable cohort={cohort} />
      </section>
      <section
        className="opvang-loc-section"
        aria-labelledby="tr-todo-heading"
        data-testid="cohort-todo"
      >
        <Heading2 id="tr-todo-heading">{t("cohort.todoHeading")}</Heading2>
        <DataList className="opvang-tr-figures">
          {(
            [
              ["missingSomething", counts.missingSomething],
              ["withoutZvw", counts.withoutZvw],
              ["indGranted", counts.indDecision.granted],
              ["indRefused", counts.indDecision.refused],
              ["indNone", counts.indDecision.none],
              ...EDUCATION_LEVELS.map((level) => [`students.${level}`, counts.students[level]]),
            ] as [string, number][]
          ).map(([key, value]) => (
            <DataListItem key={key} data-testid={`figure-${key}`}>
              <DataListKey>{t(`cohort.figures.${key}`)}</DataListKey>
              <DataListValue>{n(value)}</DataListValue>
            </DataListItem>
          ))}
        </DataList>
      </section>
      <section
        className="opvang-loc-section"
        aria-labelledby="tr-paths-heading"
        data-testid="cohort-paths"
      >
        <Heading2 id="tr-paths-heading">{t("cohort.pathsHeading")}</Heading2>
        <Paragraph>
          {t("cohort.households", { count: paths.households, households: n(paths.households) })}
        </Paragraph>
        <div className="opvang-tr-pair">
          <CountsFigure
            caption={t("cohort.incomeCaption")}
            testId="income-paths"
            bars={INCOME_PATHS.map((key) => ({
              key,
              label: t(`incomePaths.${key}`),
              value: paths.income[key],
            }))}
          />
          <CountsFigure
            caption={t("cohort.housingCaption")}
            testId="housing-paths"
            bars={[...HOUSING_PLANS, "none" as const].map((key) => ({
              key,
              label: t(`housingPlans.${key}`),
              value: paths.housing[key],
            }))}
          />
        </div>
      </section>
    </>
  );
}
