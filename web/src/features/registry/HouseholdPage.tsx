import { Alert, Button, ButtonGroup, Link, Paragraph } from "@utrecht/component-library-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type User } from "../../api";
import { PageTitle } from "../../components/PageTitle";
import { linkHandler } from "../../router";
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
import { formatMonth, fullName, todayNl } from "./format";
import type { Household, PlacementHistory, RegistryApi } from "./registry-api";

/**
 * /households/{id}: members over time, placements, incomes, this month's leefgeld and eigen
 * bijdrage with the explanation (and deciding that month), the household's decisions,
 * changes with effect on past months against their latest decision, and the history.
 * Member changes carry the household's version; a 409 reloads the current version.
 */

type State =
  | { status: "loading" }
  | { status: "notFound" }
  | { status: "error"; code: string }
  | { status: "ready"; household: Household };

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

export function HouseholdPage({ id, user, api }: { id: number; user: User; api: RegistryApi }) {
  const { t, i18n } = useTranslation("registry");
  const [state, setState] = useState<State>({ status: "loading" });
  const [placements, setPlacements] = useState<PlacementHistory | null | "error">(null);
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const canEdit = user.role === "caseworker";
  const canAcknowledge = user.role === "caseworker" || user.role === "finance_officer";

  const load = useCallback(async () => {
    const [household, placed] = await Promise.allSettled([api.household(id), api.placements(id)]);
    if (household.status === "rejected") {
      const error = household.reason;
      if (error instanceof ApiError && error.status === 404) setState({ status: "notFound" });
      else setState({ status: "error", code: error instanceof ApiError ? error.code : "unknown" });
      return;
    }
    // One render for all three, so that the sections load once with the new revision.
    setState({ status: "ready", household: household.value });
    setPlacements(placed.status === "fulfilled" ? placed.value : "error");
    setRevision((n) => n + 1);
  }, [api, id]);

  useEffect(() => {
    void load();
  }, [load]);

  const focusNotice = useCallback(() => {
    requestAnimationFrame(() => noticeRef.current?.focus());
  }, []);

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

  if (state.status === "loading") {
    return (
      <div className="opvang-registry">
        <PageTitle>{t("household.loadingTitle")}</PageTitle>
        <Paragraph role="status">{t("common.loading")}</Paragraph>
      </div>
    );
  }
  if (state.status === "notFound") return <HouseholdNotFound />;
  if (state.status === "error") {
    return (
      <div className="opvang-registry">
        <PageTitle>{t("household.loadingTitle")}</PageTitle>
        <Alert type="error" role="alert">
          <Paragraph>
            {t(`apiErrors.${state.code}`, { defaultValue: t("apiErrors.unknown") })}
          </Paragraph>
        </Alert>
        <ButtonGroup>
          <Button type="button" appearance="secondary-action-button" onClick={() => void load()}>
            {t("common.retry")}
          </Button>
        </ButtonGroup>
      </div>
    );
  }

  const { household } = state;
  const today = todayNl();
  const current = household.members.filter((m) => membershipStatus(m, today) === "current");
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
            <Paragraph>{t(notice.key, notice.params)}</Paragraph>
            {notice.link ? <FollowUpLink link={notice.link} /> : null}
          </Alert>
        </div>
      ) : null}
      <MembersSection household={household} api={api} canEdit={canEdit} callbacks={callbacks} />
      <PlacementsSection
        household={household}
        placements={placements}
        api={api}
        canEdit={canEdit}
        callbacks={callbacks}
      />
      <EntitlementSection
        householdId={household.id}
        api={api}
        revision={revision}
        names={new Map(household.members.map((m) => [m.person.id, fullName(m.person)]))}
        canDecide={canAcknowledge}
        onDecided={(decision) => {
          setNotice({
            type: "ok",
            key: "decisions.decided",
            params: { month: formatMonth(decision.month, i18n.language) },
          });
          void load().then(focusNotice);
        }}
      />
      <DecisionsSection householdId={household.id} api={api} revision={revision} />
      <ChangesSection
        householdId={household.id}
        api={api}
        canAcknowledge={canAcknowledge}
        revision={revision}
        onAcknowledged={() => {
          setNotice({ type: "ok", key: "changes.acknowledged" });
          void load().then(focusNotice);
        }}
      />
      <IncomesSection household={household} api={api} revision={revision} />
      <HistorySection household={household} />
    </div>
  );
}
