import {
  Button,
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
  UnorderedList,
  UnorderedListItem,
} from "@utrecht/component-library-react";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import type { ConditionResult, HouseholdMember, HouseholdTransition, TransitionApi } from "../api";
import { formatDate } from "../format";
import {
  EndStatusForm,
  FactsForm,
  InsuranceForm,
  type SaveCallbacks,
  StatusForm,
} from "./PersonForms";

type Open = "facts" | "insurance" | "status" | { end: number } | null;

/** A condition's explanation: why it fails or what is missing, else the date it rests on. */
function useConditionNote() {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  return (c: ConditionResult, cutoff: string | null) => {
    if (c.reason) return t([`reasons.${c.reason}`, "reasons.other"]);
    if (c.condition === "protection_before_cutoff" && c.date && cutoff) {
      return t("checklist.protectedSince", {
        date: formatDate(c.date, language),
        cutoff: formatDate(cutoff, language),
      });
    }
    return c.date ? t("checklist.onDate", { date: formatDate(c.date, language) }) : "–";
  };
}

/** The member's missing items in words (the household's own items are listed apart). */
export function MissingList({
  household,
  personId,
  testId,
}: {
  household: HouseholdTransition;
  personId: number | null;
  testId: string;
}) {
  const { t } = useTranslation("transition");
  const items = household.missing.filter((m) => personId === null || m.personId === personId);
  const name = (id: number | null) =>
    id === null ? null : (household.members.find((m) => m.personId === id)?.name ?? `#${id}`);
  if (items.length === 0) return null;
  return (
    <UnorderedList data-testid={testId}>
      {items.map((item) => (
        <UnorderedListItem
          key={`${item.code}-${item.personId ?? "household"}`}
          data-code={item.code}
          data-person-id={item.personId ?? undefined}
        >
          {personId === null && item.personId !== null
            ? t("missing.forPerson", {
                name: name(item.personId),
                item: t([`missing.${item.code}`, "missing.other"]),
              })
            : t([`missing.${item.code}`, "missing.other"])}
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/**
 * One member's checklist: the outcome for the transitiedocument, the three conditions with
 * their state and source, the residence status today and over time, leefgeld until, health
 * insurance, education and the IND's decision; and for the caseworker the forms to record
 * the facts. Each form closes when it saved; the section reloads the checklist.
 */
export function MemberChecklist({
  member,
  household,
  api,
  canEdit,
  callbacks,
}: {
  member: HouseholdMember;
  household: HouseholdTransition;
  api: TransitionApi;
  canEdit: boolean;
  callbacks: SaveCallbacks;
}) {
  const { t, i18n } = useTranslation("transition");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const conditionsCaption = useId();
  const statusesCaption = useId();
  const [open, setOpen] = useState<Open>(null);
  const conditionNote = useConditionNote();
  const td = member.transitiedocument;
  const date = (iso: string | null) => formatDate(iso, language);
  const closing: SaveCallbacks = {
    onSaved: (key, params) => {
      setOpen(null);
      callbacks.onSaved(key, params);
    },
    onConflict: callbacks.onConflict,
  };
  const formProps = { member, api, callbacks: closing, onCancel: () => setOpen(null) };
  const ownMissing = household.missing.some((m) => m.personId === member.personId);
  const endable = member.statuses.filter(
    (s): s is typeof s & { recordedId: number } => s.recordedId !== null && s.to === null,
  );
  const ending =
    open !== null && typeof open === "object"
      ? endable.find((s) => s.recordedId === open.end)
      : undefined;

  return (
    <article
      className="opvang-tr-member"
      aria-labelledby={headingId}
      data-testid="transition-member"
      data-person-id={member.personId}
    >
      <Heading3 id={headingId}>
        {t("checklist.memberHeading", {
          name: member.name,
          role: t([`roles.${member.role}`, "roles.other"]),
        })}
      </Heading3>
      <Paragraph className="opvang-tr-outcome">
        {t("checklist.outcome")}{" "}
        <strong
          className={`opvang-tr-badge opvang-tr-badge--${td.eligibility}`}
          data-testid="member-eligibility"
          data-eligibility={td.eligibility}
        >
          {t(`eligibility.${td.eligibility}`)}
        </strong>
        {td.eligibility === "out_of_caseload" && td.outReason ? (
          <>
            {" "}
            {t("checklist.outReason", { reason: t([`reasons.${td.outReason}`, "reasons.other"]) })}
          </>
        ) : null}
      </Paragraph>
      {ownMissing ? (
        <div className="opvang-tr-missing">
          <Paragraph>{t("checklist.missingForMember")}</Paragraph>
          <MissingList household={household} personId={member.personId} testId="member-missing" />
        </div>
      ) : (
        <Paragraph data-testid="member-missing-none">
          {t("checklist.nothingMissingForMember")}
        </Paragraph>
      )}
      <DataList className="opvang-tr-facts">
        <DataListItem>
          <DataListKey>{t("checklist.statusToday")}</DataListKey>
          <DataListValue>
            <span data-testid="member-status-today">
              {member.statusToday
                ? t(`statusKinds.${member.statusToday}`)
                : t("checklist.noStatus")}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("checklist.supportUntil")}</DataListKey>
          <DataListValue>
            <span data-testid="member-support-until">
              {member.supportUntil ? date(member.supportUntil) : t("checklist.noSupport")}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("checklist.insurance")}</DataListKey>
          <DataListValue>
            <span data-testid="member-insurance">
              {member.health.insuredOnSwitch
                ? t("checklist.insured", { date: date(member.health.zvwFrom) })
                : t("checklist.notInsured", { date: date(member.health.zvwFrom) })}
              {member.health.insurances.map((i) => (
                <span key={i.id} className="opvang-tr-line">
                  {t("checklist.insuranceLine", {
                    kind: t(`insuranceKinds.${i.kind}`),
                    insurer: i.insurer,
                    from: date(i.from),
                    to: i.to ? date(i.to) : t("checklist.open"),
                  })}
                </span>
              ))}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("checklist.education")}</DataListKey>
          <DataListValue>
            <span data-testid="member-education">
              {member.educationLevel
                ? member.tuitionFrom
                  ? t("checklist.educationTuition", {
                      level: t(`education.${member.educationLevel}`),
                      date: date(member.tuitionFrom),
                    })
                  : t(`education.${member.educationLevel}`)
                : t("education.none")}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("checklist.indDecision")}</DataListKey>
          <DataListValue>
            <span data-testid="member-ind">
              {td.indDecision
                ? t("checklist.indDecisionValue", {
                    decision: t(`indDecisions.${td.indDecision}`),
                    date: date(td.indDecisionOn),
                    reference: td.indReference ?? "–",
                  })
                : t("indDecisions.none")}
            </span>
          </DataListValue>
        </DataListItem>
      </DataList>
      <ScrollTable labelledBy={conditionsCaption}>
        <Table className="opvang-loc-table opvang-tr-compact" data-testid="member-conditions">
          <TableCaption id={conditionsCaption}>
            {t("checklist.conditionsCaption", { name: member.name })}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("checklist.condition")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("checklist.stateSource")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("checklist.note")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {td.conditions.map((c) => (
              <TableRow key={c.condition} data-condition={c.condition} data-state={c.state}>
                <TableHeaderCell scope="row">{t(`conditions.${c.condition}`)}</TableHeaderCell>
                {/* State and source in one cell, so the table fits a phone's width. */}
                <TableCell>
                  <span className={`opvang-tr-state opvang-tr-state--${c.state}`}>
                    {t(`states.${c.state}`)}
                  </span>
                  <span className="opvang-tr-line opvang-tr-source">
                    {t([`sources.${c.source}`, "sources.other"])}
                  </span>
                </TableCell>
                <TableCell>{conditionNote(c, td.cutoff?.date ?? null)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
      <ScrollTable labelledBy={statusesCaption}>
        <Table className="opvang-loc-table opvang-tr-compact" data-testid="member-statuses">
          <TableCaption id={statusesCaption}>
            {t("checklist.statusesCaption", { name: member.name })}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("status.kind")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("status.period")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("status.endReason")}</TableHeaderCell>
              {canEdit && endable.length > 0 ? (
                <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {member.statuses.map((s) => (
              <TableRow key={`${s.kind}-${s.from}`}>
                <TableHeaderCell scope="row">{t(`statusKinds.${s.kind}`)}</TableHeaderCell>
                <TableCell>
                  <span className="opvang-tr-nowrap">{date(s.from)}</span> –{" "}
                  <span className="opvang-tr-nowrap">
                    {s.to ? date(s.to) : t("checklist.open")}
                  </span>
                </TableCell>
                <TableCell>{s.endReason ? t(`endReasons.${s.endReason}`) : "–"}</TableCell>
                {canEdit && endable.length > 0 ? (
                  <TableCell>
                    {s.recordedId !== null && s.to === null ? (
                      <Button
                        type="button"
                        appearance="subtle-button"
                        onClick={() => setOpen({ end: s.recordedId as number })}
                      >
                        {t("status.end")}
                      </Button>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
      {canEdit ? (
        <div className="opvang-tr-actions" data-testid="member-actions">
          <Button
            type="button"
            appearance="secondary-action-button"
            aria-expanded={open === "facts"}
            onClick={() => setOpen(open === "facts" ? null : "facts")}
          >
            {t("facts.open")}
          </Button>
          <Button
            type="button"
            appearance="secondary-action-button"
            aria-expanded={open === "insurance"}
            onClick={() => setOpen(open === "insurance" ? null : "insurance")}
          >
            {t("insurance.open")}
          </Button>
          <Button
            type="button"
            appearance="secondary-action-button"
            aria-expanded={open === "status"}
            onClick={() => setOpen(open === "status" ? null : "status")}
          >
            {t("status.open")}
          </Button>
        </div>
      ) : null}
      {canEdit && open === "facts" ? <FactsForm key={member.version} {...formProps} /> : null}
      {canEdit && open === "insurance" ? <InsuranceForm {...formProps} /> : null}
      {canEdit && open === "status" ? <StatusForm {...formProps} /> : null}
      {canEdit && ending ? <EndStatusForm {...formProps} status={ending} /> : null}
    </article>
  );
}
