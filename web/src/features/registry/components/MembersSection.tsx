import {
  Button,
  ButtonGroup,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  PrimaryActionButton,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api";
import { linkHandler } from "../../../router";
import {
  addDays,
  eighteenthBirthday,
  formatDate,
  fullName,
  fullNameCyrillic,
  isIsoDate,
  todayIso,
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
import {
  apiErrorKey,
  ErrorSummary,
  errorsFromIssues,
  type FieldError,
  type FieldErrors,
  TextField,
} from "./form";
import { ScrollTable } from "./ScrollTable";

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

export function membershipStatus(
  m: { validFrom: string; validTo: string | null },
  today: string,
): "current" | "past" | "future" {
  if (m.validFrom > today) return "future";
  if (m.validTo !== null && m.validTo < today) return "past";
  return "current";
}

/** Submits a form action; maps 400 issues to fields, 409 to the conflict callback. */
function useSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus > 0) summaryRef.current?.focus();
  }, [focus]);
  function fail(fields: FieldErrors, rest: FieldError[] = []) {
    setErrors(fields);
    setFormErrors(rest);
    setFocus((n) => n + 1);
  }
  async function run(
    action: () => Promise<void>,
    fieldFor: (path: string) => string | null,
    onConflict?: () => void,
  ) {
    setBusy(true);
    try {
      await action();
      setErrors({});
      setFormErrors([]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && onConflict) {
        onConflict();
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const { fields, rest } = errorsFromIssues(error, fieldFor);
        fail(fields, rest);
      } else {
        fail({}, [{ key: apiErrorKey(error), fallback: (error as Error)?.message }]);
      }
    } finally {
      setBusy(false);
    }
  }
  const items = (labels: Record<string, string>) => [
    ...formErrors.map((error) => ({ error })),
    ...Object.entries(errors).map(([fieldId, error]) => ({
      fieldId,
      label: labels[fieldId],
      error,
    })),
  ];
  return { errors, busy, fail, run, items, summaryRef };
}

export { useSubmit };

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
  const today = todayIso();
  const [validTo, setValidTo] = useState(
    adultOn && adultOn > member.validFrom ? addDays(adultOn, -1) : today,
  );
  const [reason, setReason] = useState(adultOn ? t("member.reasonAdult") : "");
  const form = useSubmit();
  const name = fullName(member.person);
  const ids = { validTo: "end-validTo", reason: "end-reason" };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!isIsoDate(validTo)) errors[ids.validTo] = { key: "errors.date_format" };
    else if (validTo < member.validFrom)
      errors[ids.validTo] = { key: "errors.before_start", params: { date: member.validFrom } };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(
      async () => {
        await api.endMember(household.id, member.membershipId, {
          validTo,
          reason: reason.trim(),
          version: household.version,
        });
        const from = addDays(validTo, 1);
        callbacks.onSaved({
          key: "member.ended",
          params: { name, date: formatDate(validTo, i18n.language) },
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
      (path) => (path === "validTo" ? ids.validTo : path === "reason" ? ids.reason : null),
      callbacks.onConflict,
    );
  }

  return (
    <form
      className="opvang-registry-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby="end-member-heading"
      data-testid="end-member-form"
    >
      <Heading3 id="end-member-heading">{t("member.endHeading", { name })}</Heading3>
      {adultOn ? (
        <Paragraph>
          {t("member.turns18", { name, date: formatDate(adultOn, i18n.language) })}
        </Paragraph>
      ) : null}
      <ErrorSummary
        ref={form.summaryRef}
        items={form.items({ [ids.validTo]: t("member.endDate"), [ids.reason]: t("common.reason") })}
      />
      <div className="opvang-registry-grid">
        <TextField
          id={ids.validTo}
          type="date"
          label={t("member.endDate")}
          description={t("member.endDateHint")}
          value={validTo}
          required
          error={form.errors[ids.validTo]}
          onChange={setValidTo}
        />
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          description={t("member.endReasonHint")}
          value={reason}
          required
          error={form.errors[ids.reason]}
          onChange={setReason}
        />
      </div>
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.busy} disabled={form.busy}>
          {t("member.endSubmit")}
        </PrimaryActionButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </ButtonGroup>
    </form>
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
  const { t } = useTranslation("registry");
  const [member, setMember] = useState<MemberDraft>(() => newMember("child"));
  const [validFrom, setValidFrom] = useState(todayIso());
  const [reason, setReason] = useState("");
  const form = useSubmit();
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
    if (!isIsoDate(validFrom)) errors[ids.validFrom] = { key: "errors.date_format" };
    if (!reason.trim()) errors[ids.reason] = { key: "errors.reasonRequired" };
    if (Object.keys(errors).length) return form.fail(errors);
    await form.run(
      async () => {
        await api.addMember(household.id, {
          ...toMemberInput(member),
          validFrom,
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
    <form
      className="opvang-registry-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby="add-member-heading"
      data-testid="add-member-form"
    >
      <Heading3 id="add-member-heading">{t("member.addHeading")}</Heading3>
      <ErrorSummary ref={form.summaryRef} items={form.items(labels)} />
      <div className="opvang-registry-grid">
        <TextField
          id={ids.validFrom}
          type="date"
          label={t("member.startDate")}
          value={validFrom}
          required
          error={form.errors[ids.validFrom]}
          onChange={setValidFrom}
        />
        <TextField
          id={ids.reason}
          label={t("common.reason")}
          description={t("member.addReasonHint")}
          value={reason}
          required
          error={form.errors[ids.reason]}
          onChange={setReason}
        />
      </div>
      <MemberEditor index={0} member={member} errors={form.errors} onChange={setMember} />
      <ButtonGroup>
        <PrimaryActionButton type="submit" busy={form.busy} disabled={form.busy}>
          {t("member.addSubmit")}
        </PrimaryActionButton>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </ButtonGroup>
    </form>
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
  const today = todayIso();
  const language = i18n.language;
  const order = { current: 0, future: 1, past: 2 } as const;
  const members = [...household.members].sort(
    (a, b) =>
      order[membershipStatus(a, today)] - order[membershipStatus(b, today)] ||
      a.validFrom.localeCompare(b.validFrom),
  );
  const ending =
    open?.kind === "end" ? members.find((m) => m.membershipId === open.membershipId) : null;
  const done: ChangeCallbacks = {
    onSaved: (message) => {
      setOpen(null);
      callbacks.onSaved(message);
    },
    onConflict: callbacks.onConflict,
  };

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
                    <TableCell className="utrecht-table__cell--wrap">{m.reason ?? "—"}</TableCell>
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
