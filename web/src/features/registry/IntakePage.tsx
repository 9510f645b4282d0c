import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  Link,
  Paragraph,
} from "@utrecht/component-library-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DateField,
  ErrorSummary,
  type FieldError,
  type FieldErrors,
  FormActions,
  SelectField,
  TextField,
  useErrorText,
  useForm,
} from "../../components/form";
import { PageTitle } from "../../components/PageTitle";
import { linkHandler, navigate } from "../../links";
import {
  emptyPerson,
  PERSON_FIELDS,
  type PersonDraft,
  PersonFields,
  toPersonInput,
  validatePerson,
} from "./components/PersonFields";
import { REGISTRY_ERRORS } from "./errors";
import { setFlash } from "./flash";
import { formatDateInput, isIsoDate, parseDateInput, todayNl } from "./format";
import {
  MEMBER_ROLES,
  type MemberInput,
  type MemberRole,
  type RegistryApi,
  registryApi,
} from "./registry-api";

/**
 * Registering a household: a start date, an optional label and its members, each a new
 * person or (after a child turned 18, for instance) a person already registered.
 */

export interface MemberDraft {
  key: number;
  mode: "new" | "existing";
  role: MemberRole;
  personId: string;
  person: PersonDraft;
}

let nextKey = 1;

export function newMember(role: MemberRole, mode: "new" | "existing" = "new"): MemberDraft {
  return { key: nextKey++, mode, role, personId: "", person: emptyPerson() };
}

export const memberFieldId = (index: number, field: string) => `member-${index}-${field}`;
const VALID_FROM_ID = "intake-validFrom";
const LABEL_ID = "intake-label";

/** Maps a server issue path (members.0.person.bsn) to the form's field id. */
export function intakeFieldFor(path: string): string | null {
  if (path === "validFrom") return VALID_FROM_ID;
  if (path === "label") return LABEL_ID;
  const m = /^members\.(\d+)\.(?:person\.)?(\w+)$/.exec(path);
  if (!m) return null;
  const [index, field] = [Number(m[1]), m[2] ?? ""];
  if (field === "role" || field === "personId") return memberFieldId(index, field);
  if ((PERSON_FIELDS as readonly string[]).includes(field)) return memberFieldId(index, field);
  return null;
}

export function validateMember(member: MemberDraft, index: number): FieldErrors {
  const errors: FieldErrors = {};
  if (member.mode === "existing") {
    if (!/^\d+$/.test(member.personId.trim()))
      errors[memberFieldId(index, "personId")] = { key: "errors.person_id" };
    return errors;
  }
  for (const [field, error] of Object.entries(validatePerson(member.person))) {
    if (error) errors[memberFieldId(index, field)] = error;
  }
  return errors;
}

export function toMemberInput(member: MemberDraft): MemberInput {
  return member.mode === "existing"
    ? { role: member.role, personId: Number(member.personId.trim()) }
    : { role: member.role, person: toPersonInput(member.person) };
}

/** A member row: role, then either the person's fields or an existing person's number. */
export function MemberEditor({
  index,
  member,
  errors,
  onChange,
  allowExisting = true,
}: {
  index: number;
  member: MemberDraft;
  errors: FieldErrors;
  onChange: (next: MemberDraft) => void;
  allowExisting?: boolean;
}) {
  const { t } = useTranslation("registry");
  const errorText = useErrorText(REGISTRY_ERRORS);
  const prefix = `member-${index}`;
  const personErrors: FieldErrors = {};
  for (const [id, error] of Object.entries(errors)) {
    if (id.startsWith(`${prefix}-`)) personErrors[id.slice(prefix.length + 1)] = error;
  }
  return (
    <>
      <div className="opvang-registry-grid">
        <SelectField
          id={memberFieldId(index, "role")}
          label={t("member.role")}
          value={member.role}
          options={MEMBER_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          error={errorText(personErrors.role)}
          onChange={(value) => onChange({ ...member, role: value as MemberRole })}
        />
        {allowExisting ? (
          <SelectField
            id={memberFieldId(index, "mode")}
            label={t("member.mode")}
            value={member.mode}
            options={[
              { value: "new", label: t("member.modeNew") },
              { value: "existing", label: t("member.modeExisting") },
            ]}
            onChange={(value) => onChange({ ...member, mode: value as MemberDraft["mode"] })}
          />
        ) : null}
        {member.mode === "existing" ? (
          <TextField
            id={memberFieldId(index, "personId")}
            label={t("member.personId")}
            description={t("member.personIdHint")}
            inputMode="numeric"
            value={member.personId}
            error={errorText(personErrors.personId)}
            onChange={(value) => onChange({ ...member, personId: value })}
          />
        ) : null}
      </div>
      {member.mode === "new" ? (
        <PersonFields
          idPrefix={prefix}
          person={member.person}
          errors={personErrors}
          onChange={(person) => onChange({ ...member, person })}
        />
      ) : null}
    </>
  );
}

function labelFor(t: (key: string, options?: Record<string, unknown>) => string, id: string) {
  if (id === VALID_FROM_ID) return t("intake.validFrom");
  if (id === LABEL_ID) return t("intake.label");
  const m = /^member-(\d+)-(\w+)$/.exec(id);
  if (!m) return undefined;
  const field = m[2] ?? "";
  const fieldLabel =
    field === "role"
      ? t("member.role")
      : field === "personId"
        ? t("member.personId")
        : t(`person.${field}`);
  return `${t("intake.memberLegend", { number: Number(m[1]) + 1 })} – ${fieldLabel}`;
}

export function readPrefill(search: string): { validFrom?: string; member?: MemberDraft } {
  const params = new URLSearchParams(search);
  const out: { validFrom?: string; member?: MemberDraft } = {};
  const validFrom = params.get("validFrom");
  if (validFrom && isIsoDate(validFrom)) out.validFrom = validFrom;
  const personId = params.get("personId");
  if (personId && /^\d+$/.test(personId)) {
    const member = newMember("head", "existing");
    member.personId = personId;
    out.member = member;
  }
  return out;
}

export interface IntakePageProps {
  api?: RegistryApi;
  /** The query string (?personId=…&validFrom=…) that pre-fills an own household. */
  search?: string;
}

export function IntakePage({ api = registryApi, search }: IntakePageProps) {
  const { t, i18n } = useTranslation("registry");
  const [prefill] = useState(() => readPrefill(search ?? window.location.search));
  const [validFrom, setValidFrom] = useState(() =>
    formatDateInput(prefill.validFrom ?? todayNl(), i18n.language),
  );
  const [label, setLabel] = useState("");
  const [members, setMembers] = useState<MemberDraft[]>(() => [
    prefill.member ?? newMember("head"),
  ]);
  const form = useForm(REGISTRY_ERRORS);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.busy) return;
    const found: FieldErrors = {};
    const from = parseDateInput(validFrom);
    if (!validFrom.trim()) found[VALID_FROM_ID] = { key: "errors.required" };
    else if (!from) found[VALID_FROM_ID] = { key: "errors.date_format" };
    for (const [index, member] of members.entries())
      Object.assign(found, validateMember(member, index));
    const general: FieldError[] = members.length === 0 ? [{ key: "errors.no_members" }] : [];
    if (Object.keys(found).length > 0 || general.length > 0 || !from)
      return form.fail(found, general);
    await form.run(async () => {
      const created = await api.createHousehold({
        validFrom: from,
        ...(label.trim() ? { label: label.trim() } : {}),
        members: members.map(toMemberInput),
      });
      // The household's page opens with a notice that it has been registered.
      setFlash(created.id, "registered");
      navigate(`/households/${created.id}`);
    }, intakeFieldFor);
  }

  function update(index: number, next: MemberDraft) {
    setMembers((current) => current.map((m, i) => (i === index ? next : m)));
  }

  function remove(index: number) {
    setMembers((current) => current.filter((_, i) => i !== index));
    form.clear();
  }

  return (
    <div className="opvang-registry" data-testid="intake-page">
      <PageTitle>{t("intake.title")}</PageTitle>
      <Paragraph>{t("intake.intro")}</Paragraph>
      <Paragraph>
        <Link href="/households" onClick={linkHandler("/households")}>
          {t("intake.back")}
        </Link>
      </Paragraph>
      <ErrorSummary {...form.summary((id) => labelFor(t, id))} />
      <form
        className="opvang-form opvang-registry-form"
        noValidate
        onSubmit={handleSubmit}
        aria-busy={form.busy}
        data-testid="intake-form"
      >
        <div className="opvang-registry-grid">
          <DateField
            id={VALID_FROM_ID}
            label={t("intake.validFrom")}
            description={t("intake.validFromHint")}
            value={validFrom}
            required
            error={form.error(VALID_FROM_ID)}
            onChange={setValidFrom}
          />
          <TextField
            id={LABEL_ID}
            label={t("intake.label")}
            description={t("intake.labelHint")}
            value={label}
            error={form.error(LABEL_ID)}
            onChange={setLabel}
          />
        </div>
        {members.map((member, index) => (
          <Fieldset
            key={member.key}
            className="opvang-registry-member"
            data-testid={`member-${index}`}
          >
            <FieldsetLegend>{t("intake.memberLegend", { number: index + 1 })}</FieldsetLegend>
            <MemberEditor
              index={index}
              member={member}
              errors={form.errors}
              onChange={(next) => update(index, next)}
            />
            {members.length > 1 ? (
              <ButtonGroup>
                <Button
                  type="button"
                  appearance="subtle-button"
                  hint="danger"
                  onClick={() => remove(index)}
                >
                  {t("intake.removeMember", { number: index + 1 })}
                </Button>
              </ButtonGroup>
            ) : null}
          </Fieldset>
        ))}
        <ButtonGroup>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => {
              setMembers((current) => [...current, newMember(current.length ? "child" : "head")]);
            }}
          >
            {t("intake.addMember")}
          </Button>
        </ButtonGroup>
        <FormActions
          busy={form.busy}
          submit={form.busy ? t("intake.submitting") : t("intake.submit")}
        />
      </form>
    </div>
  );
}
