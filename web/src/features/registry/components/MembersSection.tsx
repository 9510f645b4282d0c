import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCodeTexts } from "../../../codes";
import {
  CheckboxField,
  DateField,
  ErrorSummary,
  type ErrorSummaryProps,
  type FieldErrors,
  FormActions,
  TextField,
  topLevelField,
  useForm,
} from "../../../components/form";
import { ScrollTable } from "../../../components/ScrollTable";
import { linkHandler } from "../../../links";
import { REGISTRY_ERRORS } from "../errors";
import {
  addDays,
  eighteenthBirthday,
  formatDate,
  formatDateInput,
  fullName,
  fullNameCyrillic,
  parseDateInput,
  todayNl,
} from "../format";
import {
  type MemberDraft,
  MemberEditor,
  memberFieldId,
  newMember,
  toMemberInput,
  validateMember,
} from "../IntakePage";
import type { Household, Membership, RegistryApi } from "../registry-api";

/** What a household change reports back to the page. */
export interface ChangeCallbacks {
  /** Saved: reload, and show a message (catalog key) with an optional follow-up link. */
  onSaved: (message: { key: string; params?: Record<string, string>; link?: FollowUp }) => void;
  /** 409: someone else saved first; the page reloads the current version. */
  onConflict: () => void;
}

export interface FollowUp {
  href: string;
  key: string;
  params?: Record<string, string>;
}

/** The callbacks for a change form that closes once it has saved. */
export function closeOnSave(callbacks: ChangeCallbacks, close: () => void): ChangeCallbacks {
  return {
    onSaved: (message) => {
      close();
      callbacks.onSaved(message);
    },
    onConflict: callbacks.onConflict,
  };
}

/** The panel around a household change: heading, error summary, fields, save and cancel. */
export function ChangePanel({
  name,
  heading,
  intro,
  summary,
  busy,
  submit,
  onSubmit,
  onCancel,
  children,
}: {
  /** Names the form (`${name}-form` test id) and its heading (`${name}-heading` id). */
  name: string;
  heading: string;
  intro?: ReactNode;
  summary: ErrorSummaryProps;
  busy: boolean;
  submit: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation("registry");
  return (
    <form
      className="opvang-registry-panel"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`${name}-heading`}
      data-testid={`${name}-form`}
    >
      <Heading3 id={`${name}-heading`}>{heading}</Heading3>
      {intro}
      <ErrorSummary {...summary} />
      {children}
      <FormActions busy={busy} submit={submit} cancel={t("common.cancel")} onCancel={onCancel} />
    </form>
  );
}

export function membershipStatus(
  m: { validFrom: string; validTo: string | null },
  today: string,
): "current" | "past" | "future" {
  if (m.validFrom > today) return "future";
  if (m.validTo !== null && m.validTo < today) return "past";
  return "current";
}

function EndMembershipForm({
  household,
  member,
  api,
  callbacks,
  onCancel,
}: {
  household: Household;
  member: Membership;
  api: RegistryApi;
  callbacks: ChangeCallbacks;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const adultOn = member.role === "child" ? eighteenthBirthday(member.person.birthDate) : null;
  const today = todayNl();
  const [validTo, setValidTo] = useState(() =>
    formatDateInput(
      adultOn && adultOn > member.validFrom ? addDays(adultOn, -1) : today,
      i18n.language,
    ),
  );
  const codes = useCodeTexts();
  // A child turning 18: the reason's text in the reader's language, stored as its code.
  const adultReason = codes.reason("turned_18_own_household") ?? "";
  const [reason, setReason] = useState(adultOn ? adultReason : "");
  // A departing member leaves reception too; a child turning 18 usually stays where they live.
  const [endPlacement, setEndPlacement] = useState(!adultOn);
  const form = useForm(REGISTRY_ERRORS);
  const name = fullName(member.person);
  const ids = { validTo: "end-validTo", reason: "end-reason" };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    const to = parseDateInput(validTo);
    if (!to) errors[ids.validTo] = { key: "errors.date_format" };
    else if (to < member.validFrom)
      errors[ids.validTo] = {
        key: "errors.before_start",
        params: { date: formatDate(member.validFrom, i18n.language) },
      };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length || !to) return form.fail(errors);
    await form.run(
      async () => {
        await api.endMember(household.id, member.membershipId, {
          validTo: to,
          reason: reason.trim() === adultReason ? "turned_18_own_household" : reason.trim(),
          version: household.version,
          endPlacement,
        });
        const from = addDays(to, 1);
        callbacks.onSaved({
          key: "member.ended",
          params: { name, date: formatDate(to, i18n.language) },
          link:
            member.role === "child"
              ? {
                  href: `/households/new?personId=${member.person.id}&validFrom=${from}`,
                  key: "member.ownHousehold",
                  params: { name, date: formatDate(from, i18n.language) },
                }
              : undefined,
        });
      },
      topLevelField(ids),
      callbacks.onConflict,
    );
  }

  return (
    <ChangePanel
      name="end-member"
      heading={t("member.endHeading", { name })}
      intro={
        adultOn ? (
          <Paragraph>
            {t("member.turns18", { name, date: formatDate(adultOn, i18n.language) })}
          </Paragraph>
        ) : null
      }
      summary={form.summary({
        [ids.validTo]: t("member.endDate"),
        [ids.reason]: t("common.reason"),
      })}
      busy={form.busy}
      submit={t("member.endSubmit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="opvang-registry-grid">
        <DateField
          id={ids.validTo}
          label={t("member.endDate")}
          description={t("member.endDateHint")}
          value={validTo}
          required
          error={form.error(ids.validTo)}
          onChange={setValidTo}
        />
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          description={t("member.endReasonHint")}
          value={reason}
          required
          error={form.error(ids.reason)}
          onChange={setReason}
        />
        <CheckboxField
          id="end-placement"
          label={t("member.endPlacement")}
          checked={endPlacement}
          onChange={setEndPlacement}
        />
      </div>
    </ChangePanel>
  );
}

function AddMemberForm({
  household,
  api,
  callbacks,
  onCancel,
}: {
  household: Household;
  api: RegistryApi;
  callbacks: ChangeCallbacks;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation("registry");
  const [member, setMember] = useState<MemberDraft>(() => newMember("child"));
  const [validFrom, setValidFrom] = useState(() => formatDateInput(todayNl(), i18n.language));
  const [reason, setReason] = useState("");
  const form = useForm(REGISTRY_ERRORS);
  const ids = { validFrom: "add-validFrom", reason: "add-reason" };

  const fieldFor = (path: string) => {
    if (path === "validFrom") return ids.validFrom;
    if (path === "reason") return ids.reason;
    const m = /^(?:person\.)?(\w+)$/.exec(path);
    return m?.[1] && m[1] !== "person" && m[1] !== "version" ? memberFieldId(0, m[1]) : null;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = validateMember(member, 0);
    const from = parseDateInput(validFrom);
    if (!from) errors[ids.validFrom] = { key: "errors.date_format" };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length || !from) return form.fail(errors);
    await form.run(
      async () => {
        await api.addMember(household.id, {
          ...toMemberInput(member),
          validFrom: from,
          reason: reason.trim(),
          version: household.version,
        });
        const name = member.mode === "new" ? fullName(member.person) : `#${member.personId.trim()}`;
        callbacks.onSaved({ key: "member.added", params: { name } });
      },
      fieldFor,
      callbacks.onConflict,
    );
  }

  const labels: Record<string, string> = {
    [ids.validFrom]: t("member.startDate"),
    [ids.reason]: t("common.reason"),
  };
  for (const id of Object.keys(form.errors)) {
    const field = /^member-0-(\w+)$/.exec(id)?.[1];
    if (field)
      labels[id] =
        field === "role"
          ? t("member.role")
          : field === "personId"
            ? t("member.personId")
            : t(`person.${field}`);
  }

  return (
    <ChangePanel
      name="add-member"
      heading={t("member.addHeading")}
      summary={form.summary(labels)}
      busy={form.busy}
      submit={t("member.addSubmit")}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <div className="opvang-registry-grid">
        <DateField
          id={ids.validFrom}
          label={t("member.startDate")}
          value={validFrom}
          required
          error={form.error(ids.validFrom)}
          onChange={setValidFrom}
        />
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          description={t("member.addReasonHint")}
          value={reason}
          required
          error={form.error(ids.reason)}
          onChange={setReason}
        />
      </div>
      <MemberEditor index={0} member={member} errors={form.errors} onChange={setMember} />
    </ChangePanel>
  );
}

export function MembersSection({
  household,
  api,
  canEdit,
  callbacks,
}: {
  household: Household;
  api: RegistryApi;
  canEdit: boolean;
  callbacks: ChangeCallbacks;
}) {
  const { t, i18n } = useTranslation("registry");
  const headingId = useId();
  const captionId = useId();
  const [open, setOpen] = useState<{ kind: "add" } | { kind: "end"; membershipId: number } | null>(
    null,
  );
  const today = todayNl();
  const language = i18n.language;
  const codes = useCodeTexts();
  const order = { current: 0, future: 1, past: 2 } as const;
  const members = [...household.members].sort(
    (a, b) =>
      order[membershipStatus(a, today)] - order[membershipStatus(b, today)] ||
      a.validFrom.localeCompare(b.validFrom),
  );
  const ending =
    open?.kind === "end" ? members.find((m) => m.membershipId === open.membershipId) : null;
  const done = closeOnSave(callbacks, () => setOpen(null));

  return (
    <section className="opvang-registry-section" aria-labelledby={headingId} data-testid="members">
      <Heading2 id={headingId}>{t("member.heading")}</Heading2>
      {members.length === 0 ? <Paragraph>{t("member.none")}</Paragraph> : null}
      {members.length > 0 ? (
        <ScrollTable labelledBy={captionId}>
          <Table>
            <TableCaption id={captionId}>{t("member.caption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("search.col.name")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.nameCyrillic")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.birthDate")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("search.col.bsn")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("member.role")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.from")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.to")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.reason")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("common.status")}</TableHeaderCell>
                {canEdit ? (
                  <TableHeaderCell scope="col">{t("common.actions")}</TableHeaderCell>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => {
                const status = membershipStatus(m, today);
                const name = fullName(m.person);
                return (
                  <TableRow key={m.membershipId} data-testid={`membership-${m.membershipId}`}>
                    <TableCell>{name}</TableCell>
                    <TableCell lang="uk">{fullNameCyrillic(m.person) || "—"}</TableCell>
                    <TableCell>{formatDate(m.person.birthDate, language)}</TableCell>
                    <TableCell>{m.person.bsn ?? "—"}</TableCell>
                    <TableCell>{t(`roles.${m.role}`)}</TableCell>
                    <TableCell>{formatDate(m.validFrom, language)}</TableCell>
                    <TableCell>{m.validTo ? formatDate(m.validTo, language) : "—"}</TableCell>
                    <TableCell className="utrecht-table__cell--wrap">
                      {codes.reason(m.reason) ?? "—"}
                    </TableCell>
                    <TableCell>{t(`status.${status}`)}</TableCell>
                    {canEdit ? (
                      <TableCell>
                        {m.validTo === null ? (
                          <Button
                            type="button"
                            appearance="subtle-button"
                            aria-label={t("member.endFor", { name })}
                            onClick={() => setOpen({ kind: "end", membershipId: m.membershipId })}
                          >
                            {t("member.end")}
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ScrollTable>
      ) : null}
      {canEdit && !open ? (
        <ButtonGroup>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => setOpen({ kind: "add" })}
          >
            {t("member.add")}
          </Button>
        </ButtonGroup>
      ) : null}
      {canEdit && open?.kind === "add" ? (
        <AddMemberForm
          household={household}
          api={api}
          callbacks={done}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {canEdit && ending ? (
        <EndMembershipForm
          key={ending.membershipId}
          household={household}
          member={ending}
          api={api}
          callbacks={done}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </section>
  );
}

export function FollowUpLink({ link }: { link: FollowUp }) {
  const { t } = useTranslation("registry");
  return (
    <Paragraph>
      <Link href={link.href} onClick={linkHandler(link.href)} data-testid="follow-up-link">
        {t(link.key, link.params)}
      </Link>
    </Paragraph>
  );
}
