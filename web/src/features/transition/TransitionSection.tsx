import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
} from "@utrecht/component-library-react";
import { useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Notice } from "../../components/form";
import { currentLanguage } from "../../i18n";
import { asApiError } from "../../query";
import { type HouseholdTransition, type TransitionApi, transitionApi } from "./api";
import { CutoffNotice, DaysLeft } from "./components/CohortFigures";
import { Loading, LoadProblem } from "./components/Common";
import { HouseholdPathsForm } from "./components/HouseholdPathsForm";
import { MemberChecklist, MissingList } from "./components/MemberChecklist";
import type { SaveCallbacks } from "./components/PersonForms";
import { formatCents, formatDate } from "./format";
import { householdTransitionQuery, TRANSITION_KEY } from "./queries";

interface SectionNotice {
  type: "ok" | "warning";
  key: string;
  params?: Record<string, string>;
}

/** The household's income path and housing plan in words. */
function HouseholdPaths({ household }: { household: HouseholdTransition }) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const pw = household.participatiewet;
  const housing = household.housing;
  const date = (iso: string | null) => formatDate(iso, language);
  return (
    <DataList className="opvang-tr-facts" data-testid="household-paths">
      <DataListItem>
        <DataListKey>{t("paths.incomePath")}</DataListKey>
        <DataListValue>
          <span data-testid="income-path" data-path={household.incomePath}>
            {t(`incomePaths.${household.incomePath}`)}
          </span>
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("paths.participatiewet")}</DataListKey>
        <DataListValue>
          <span data-testid="participatiewet">
            {pw.decidedOn && pw.outcome
              ? t("paths.decided", {
                  outcome: t(`outcomes.${pw.outcome}`),
                  date: date(pw.decidedOn),
                  filed: date(pw.filedOn),
                })
              : pw.filedOn
                ? t("paths.filed", { date: date(pw.filedOn) })
                : t("paths.notFiled")}
          </span>
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t("paths.plan")}</DataListKey>
        <DataListValue>
          <span data-testid="housing-plan">
            {housing.plan
              ? [
                  t(`housingPlans.${housing.plan}`),
                  housing.from ? t("paths.from", { date: date(housing.from) }) : null,
                  housing.rentCents !== null
                    ? t("paths.rentValue", { amount: formatCents(housing.rentCents, language) })
                    : null,
                ]
                  .filter(Boolean)
                  .join(", ")
              : t("housingPlans.none")}
          </span>
        </DataListValue>
      </DataListItem>
    </DataList>
  );
}

/**
 * The household page's section "Transition 4 March 2027": per member the checklist for the
 * transitiedocument (conditions, status, leefgeld until, insurance, education) with the
 * caseworker's forms, the household's Participatiewet application and housing plan, and the
 * list of what is still missing, each item in words. A save reloads everything under the
 * household (leefgeld follows the Participatiewet decision) and the municipality's counts.
 */
export function TransitionSection({
  householdId,
  canEdit,
  api = transitionApi,
}: {
  householdId: number;
  canEdit: boolean;
  api?: TransitionApi;
}) {
  const { t } = useTranslation("transition");
  const headingId = useId();
  const queryClient = useQueryClient();
  const checklist = useQuery(householdTransitionQuery(api, householdId));
  const [notice, setNotice] = useState<SectionNotice | null>(null);
  const [pathsOpen, setPathsOpen] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  const reload = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["households", householdId] }),
        queryClient.invalidateQueries({ queryKey: TRANSITION_KEY }),
      ]),
    [queryClient, householdId],
  );

  const callbacks: SaveCallbacks = {
    onSaved: (key, params) => {
      setNotice({ type: "ok", key, ...(params ? { params } : {}) });
      void reload().then(() => requestAnimationFrame(() => noticeRef.current?.focus()));
    },
    onConflict: () => {
      setNotice({ type: "warning", key: "notices.conflict" });
      void reload().then(() => requestAnimationFrame(() => noticeRef.current?.focus()));
    },
  };

  const data = checklist.data;
  return (
    <section
      className="opvang-registry-section opvang-tr-section"
      aria-labelledby={headingId}
      data-testid="transition"
    >
      <Heading2 id={headingId}>{t("section.heading")}</Heading2>
      {checklist.isPending ? <Loading /> : null}
      {checklist.isError ? <LoadProblem error={asApiError(checklist.error)} /> : null}
      {data ? (
        <>
          <DaysLeft daysLeft={data.daysLeft} rtbEnd={data.rtbEnd} />
          {data.restsOnScenario ? (
            <CutoffNotice
              cutoff={
                data.members.find((m) => m.transitiedocument.cutoff)?.transitiedocument.cutoff ??
                null
              }
              restsOnScenario
            />
          ) : null}
          {notice ? (
            <div ref={noticeRef} tabIndex={-1} data-testid="transition-notice">
              <Notice type={notice.type}>{t(notice.key, notice.params)}</Notice>
            </div>
          ) : null}
          <div className="opvang-tr-missing" data-testid="transition-missing">
            <Heading3>{t("section.missingHeading")}</Heading3>
            {data.missing.length === 0 ? (
              <Paragraph data-testid="transition-missing-none">
                {t("section.nothingMissing")}
              </Paragraph>
            ) : (
              <MissingList household={data} personId={null} testId="transition-missing-list" />
            )}
          </div>
          {data.members.length === 0 ? <Paragraph>{t("section.noMembers")}</Paragraph> : null}
          {data.members.map((member) => (
            <MemberChecklist
              key={member.personId}
              member={member}
              household={data}
              api={api}
              canEdit={canEdit}
              callbacks={callbacks}
            />
          ))}
          <div className="opvang-tr-household" data-testid="transition-household">
            <Heading3>{t("paths.heading")}</Heading3>
            <HouseholdPaths household={data} />
            {canEdit ? (
              <div className="opvang-tr-actions">
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  aria-expanded={pathsOpen}
                  onClick={() => setPathsOpen((open) => !open)}
                >
                  {t("paths.open")}
                </Button>
              </div>
            ) : null}
            {canEdit && pathsOpen ? (
              <HouseholdPathsForm
                key={data.version}
                household={data}
                api={api}
                callbacks={{
                  onSaved: (key, params) => {
                    setPathsOpen(false);
                    callbacks.onSaved(key, params);
                  },
                  onConflict: callbacks.onConflict,
                }}
                onCancel={() => setPathsOpen(false)}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
