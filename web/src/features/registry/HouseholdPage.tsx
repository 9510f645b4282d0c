import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, ButtonGroup, Link, Paragraph } from "@utrecht/component-library-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import { PageTitle } from "../../components/PageTitle";
import { linkHandler } from "../../links";
import { useCan } from "../../session";
import { BankAccountSection } from "../bank-account";
import { ReturnSection } from "../return";
import { TransitionSection } from "../transition";
import { GemeenteSection } from "./components/GemeenteSection";
import {
  type ChangeCallbacks,
  type FollowUp,
  FollowUpLink,
  MembersSection,
  membershipStatus,
} from "./components/MembersSection";
import {
  ChangesSection,
  DecisionsSection,
  EntitlementSection,
  HistorySection,
  IncomesSection,
} from "./components/MoneySections";
import { PlacementsSection } from "./components/PlacementsSection";
import { clearFlash, peekFlash } from "./flash";
import { formatMonth, fullName, todayNl } from "./format";
import { householdKey, householdPlacementsQuery, householdQuery } from "./queries";
import { type RegistryApi, registryApi } from "./registry-api";

/**
 * /households/{id}: members over time, placements, the municipality over time (and its
 * transfer to another municipality), incomes, this month's leefgeld and eigen
 * bijdrage with the explanation (and deciding that month), the household's decisions,
 * changes with effect on past months against their latest decision, and the history.
 * Member changes carry the household's version; a 409 reloads the current version.
 */

interface PageNotice {
  type: "ok" | "warning";
  key: string;
  params?: Record<string, string>;
  link?: FollowUp;
}

/** Shown for an unknown household and for one of another municipality (the API says 404). */
export function HouseholdNotFound({ reason }: { reason?: "readOnly" }) {
  const { t } = useTranslation("registry");
  return (
    <div className="opvang-registry" data-testid="household-not-found">
      <PageTitle>
        {reason === "readOnly" ? t("household.readOnlyTitle") : t("household.notFoundTitle")}
      </PageTitle>
      <Alert type="warning" role="status">
        <Paragraph>
          {reason === "readOnly" ? t("household.readOnlyBody") : t("household.notFoundBody")}
        </Paragraph>
      </Alert>
      <Paragraph>
        <Link href="/households" onClick={linkHandler("/households")}>
          {t("household.backToList")}
        </Link>
      </Paragraph>
    </div>
  );
}

/** The route's page: a household by its number, or not found for anything else. */
export function HouseholdRoutePage({ id }: { id: number | null }) {
  return id === null ? <HouseholdNotFound /> : <HouseholdPage key={id} id={id} />;
}

export function HouseholdPage({ id, api = registryApi }: { id: number; api?: RegistryApi }) {
  const { t, i18n } = useTranslation("registry");
  const queryClient = useQueryClient();
  const record = useQuery(householdQuery(api, id));
  const placed = useQuery(householdPlacementsQuery(api, id));
  // Just registered (IntakePage): the page opens with a confirmation.
  const [notice, setNotice] = useState<PageNotice | null>(() =>
    peekFlash(id) === "registered" ? { type: "ok", key: "intake.registered" } : null,
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  const can = useCan();
  const canEdit = can("households.write");
  const loaded = record.isSuccess;

  /** After a change: everything under the household loads again (record, sections). */
  const load = useCallback(
    () => queryClient.invalidateQueries({ queryKey: householdKey(id) }),
    [queryClient, id],
  );

  const focusNotice = useCallback(() => {
    requestAnimationFrame(() => noticeRef.current?.focus());
  }, []);

  // The confirmation takes focus once the household is there, so it is read out first.
  useEffect(() => {
    if (!loaded || peekFlash(id) === null) return;
    clearFlash(id);
    focusNotice();
  }, [loaded, id, focusNotice]);

  const callbacks: ChangeCallbacks = {
    onSaved: (message) => {
      setNotice({ type: "ok", ...message });
      void load().then(focusNotice);
    },
    onConflict: () => {
      setNotice({ type: "warning", key: "household.conflict" });
      void load().then(focusNotice);
    },
  };

  const error = record.isError ? record.error : null;
  if (record.isPending) {
    return (
      <div className="opvang-registry">
        <PageTitle>{t("household.loadingTitle")}</PageTitle>
        <Paragraph role="status">{t("common.loading")}</Paragraph>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) return <HouseholdNotFound />;
  if (error || !record.data) {
    const code = error instanceof ApiError ? error.code : "unknown";
    return (
      <div className="opvang-registry">
        <PageTitle>{t("household.loadingTitle")}</PageTitle>
        <Alert type="error" role="alert">
          <Paragraph>{t(`apiErrors.${code}`, { defaultValue: t("apiErrors.unknown") })}</Paragraph>
        </Alert>
        <ButtonGroup>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => void record.refetch()}
          >
            {t("common.retry")}
          </Button>
        </ButtonGroup>
      </div>
    );
  }

  const household = record.data;
  const placements = placed.data ?? (placed.isError ? "error" : null);
  const today = todayNl();
  const current = household.members.filter((m) => membershipStatus(m, today) === "current");
  // The page's sections, to jump to on a long page (at 390 px it is many screens).
  const sections = [
    "members",
    "placements",
    "gemeente",
    "money",
    ...(can("bank_account.write") ? ["bankAccount"] : []),
    "incomes",
    ...(can("transition.read") ? ["transition"] : []),
    ...(can("return.read") ? ["return"] : []),
    "history",
  ];
  return (
    <div className="opvang-registry" data-testid="household-page">
      <PageTitle>{t("household.title", { label: household.label })}</PageTitle>
      <Paragraph data-testid="household-summary">
        {t("household.summary", {
          id: household.id,
          count: current.length,
          names: current.map((m) => fullName(m.person)).join(", ") || "—",
        })}
      </Paragraph>
      <Paragraph>
        <Link href="/households" onClick={linkHandler("/households")}>
          {t("household.backToList")}
        </Link>
      </Paragraph>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} data-testid="household-notice">
          <Alert type={notice.type} role={notice.type === "warning" ? "alert" : "status"}>
            <Paragraph>
              {notice.key === "intake.registered"
                ? t(notice.key, {
                    label: household.label,
                    count: current.length,
                    names: current.map((m) => fullName(m.person)).join(", "),
                  })
                : t(notice.key, notice.params)}
            </Paragraph>
            {notice.link ? <FollowUpLink link={notice.link} /> : null}
          </Alert>
        </div>
      ) : null}
      <nav aria-label={t("household.sections.label")} data-testid="household-sections">
        <ul className="opvang-registry-jump">
          {sections.map((id) => (
            <li key={id}>
              <Link href={`#section-${id}`}>{t(`household.sections.${id}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div id="section-members" className="opvang-registry-anchor">
        <MembersSection household={household} api={api} canEdit={canEdit} callbacks={callbacks} />
      </div>
      <div id="section-placements" className="opvang-registry-anchor" />
      <PlacementsSection
        household={household}
        placements={placements}
        api={api}
        canEdit={can("placements.write")}
        callbacks={callbacks}
      />
      <div id="section-gemeente" className="opvang-registry-anchor">
        <GemeenteSection
          household={household}
          api={api}
          canTransfer={can("households.transfer")}
          callbacks={callbacks}
        />
      </div>
      <div id="section-money" className="opvang-registry-anchor" />
      <EntitlementSection
        householdId={household.id}
        api={api}
        names={new Map(household.members.map((m) => [m.person.id, fullName(m.person)]))}
        canDecide={can("decisions.write")}
        onDecided={(decision) => {
          setNotice({
            type: "ok",
            key: "decisions.decided",
            params: { month: formatMonth(decision.month, i18n.language) },
          });
          void load().then(focusNotice);
        }}
      />
      <DecisionsSection householdId={household.id} api={api} />
      <ChangesSection
        householdId={household.id}
        api={api}
        canAcknowledge={can("changes.acknowledge")}
        onAcknowledged={() => {
          setNotice({ type: "ok", key: "changes.acknowledged" });
          void load().then(focusNotice);
        }}
      />
      {can("bank_account.write") ? (
        <div id="section-bankAccount" className="opvang-registry-anchor" />
      ) : null}
      {can("bank_account.write") ? (
        <BankAccountSection
          householdId={household.id}
          members={current.map((m) => ({ personId: m.person.id, name: fullName(m.person) }))}
          names={new Map(household.members.map((m) => [m.person.id, fullName(m.person)]))}
          canEdit
        />
      ) : null}
      <div id="section-incomes" className="opvang-registry-anchor" />
      <IncomesSection household={household} api={api} canWrite={can("incomes.write")} />
      {can("transition.read") ? (
        <div id="section-transition" className="opvang-registry-anchor" />
      ) : null}
      {can("transition.read") ? (
        <TransitionSection householdId={household.id} canEdit={can("transition.write")} />
      ) : null}
      {can("return.read") ? <div id="section-return" className="opvang-registry-anchor" /> : null}
      {can("return.read") ? (
        <ReturnSection
          householdId={household.id}
          members={current.map((m) => ({ personId: m.person.id, name: fullName(m.person) }))}
          canEdit={can("return.write")}
        />
      ) : null}
      <div id="section-history" className="opvang-registry-anchor">
        <HistorySection household={household} api={api} />
      </div>
    </div>
  );
}
