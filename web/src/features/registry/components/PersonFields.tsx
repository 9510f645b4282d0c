import { Button, Paragraph } from "@utrecht/component-library-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { isValidBsn } from "../../../../../src/domain/bsn";
import {
  latinToCyrillicCandidates,
  transliterate,
} from "../../../../../src/domain/transliteration";
import {
  DateField,
  type FieldError,
  type FieldErrors,
  SelectField,
  TextField,
  useErrorText,
} from "../../../components/form";
import { REGISTRY_ERRORS } from "../errors";
import { looksLikeDate, parseDateInput } from "../format";
import {
  CONTACT_LANGUAGES,
  type ContactLanguage,
  type PersonInput,
  SEXES,
  type Sex,
} from "../registry-api";

/**
 * The fields of a new person, shared by the intake form and "add member". Names come in
 * Latin and Cyrillic script: typing Cyrillic fills the Latin name by the 2010 Ukrainian
 * standard (as long as the Latin field is empty or was filled that way), and typing Latin
 * offers Cyrillic readings that one click or key press accepts.
 */

export interface PersonDraft {
  familyName: string;
  givenNames: string;
  familyNameCyrillic: string;
  givenNamesCyrillic: string;
  /** The Latin name was filled from the Cyrillic one (and not edited since). */
  familyNameAuto: boolean;
  givenNamesAuto: boolean;
  bsn: string;
  vNumber: string;
  birthDate: string;
  sex: Sex;
  nationalityCode: string;
  protectionStart: string;
  brpRegistrationDate: string;
  contactLanguage: ContactLanguage;
}

export const PERSON_FIELDS = [
  "familyName",
  "familyNameCyrillic",
  "givenNames",
  "givenNamesCyrillic",
  "birthDate",
  "sex",
  "bsn",
  "vNumber",
  "nationalityCode",
  "protectionStart",
  "brpRegistrationDate",
  "contactLanguage",
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export function emptyPerson(): PersonDraft {
  return {
    familyName: "",
    givenNames: "",
    familyNameCyrillic: "",
    givenNamesCyrillic: "",
    familyNameAuto: false,
    givenNamesAuto: false,
    bsn: "",
    vNumber: "",
    birthDate: "",
    sex: "O",
    nationalityCode: "0034",
    protectionStart: "",
    brpRegistrationDate: "",
    contactLanguage: "uk",
  };
}

const CYRILLIC_NAME = /^[\p{Script=Cyrillic}\s'ʼ’-]+$/u;
const digitsOf = (value: string) => value.replace(/[\s.]/g, "");

/** The browser's checks, the same as the server's where it can know; keyed by field. */
export function validatePerson(p: PersonDraft): Partial<Record<PersonField, FieldError>> {
  const errors: Partial<Record<PersonField, FieldError>> = {};
  if (!p.familyName.trim()) errors.familyName = { key: "errors.required" };
  if (!p.givenNames.trim()) errors.givenNames = { key: "errors.required" };
  for (const f of ["familyNameCyrillic", "givenNamesCyrillic"] as const) {
    if (p[f].trim() && !CYRILLIC_NAME.test(p[f].trim())) errors[f] = { key: "errors.not_cyrillic" };
  }
  // Typed as 14-03-1984, 14.03.1984 or 1984-03-14; 00 for an unknown day or month (BRP).
  if (!p.birthDate.trim()) errors.birthDate = { key: "errors.required" };
  else if (!looksLikeDate(p.birthDate)) errors.birthDate = { key: "errors.brp_date_format" };
  else if (!parseDateInput(p.birthDate, { partial: true }))
    errors.birthDate = { key: "errors.date_nonexistent" };
  const bsn = digitsOf(p.bsn);
  if (bsn) {
    if (!/^\d{9}$/.test(bsn)) errors.bsn = { key: "errors.bsn_format" };
    else if (!isValidBsn(bsn)) errors.bsn = { key: "errors.bsn_checksum" };
  }
  const v = p.vNumber.replace(/\s/g, "");
  if (v && !/^\d{10}$/.test(v)) errors.vNumber = { key: "errors.v_number_format" };
  if (p.nationalityCode && !/^\d{4}$/.test(p.nationalityCode.trim()))
    errors.nationalityCode = { key: "errors.nationality_code" };
  for (const f of ["protectionStart", "brpRegistrationDate"] as const) {
    if (p[f].trim() && !parseDateInput(p[f])) errors[f] = { key: "errors.date_format" };
  }
  return errors;
}

/** The person as the API takes it: dates in ISO form (validatePerson found them valid). */
export function toPersonInput(p: PersonDraft): PersonInput {
  const optional = (value: string) => value.trim() || null;
  const date = (value: string, partial = false) =>
    value.trim() ? (parseDateInput(value, { partial }) ?? value.trim()) : null;
  return {
    familyName: p.familyName.trim(),
    givenNames: p.givenNames.trim(),
    familyNameCyrillic: optional(p.familyNameCyrillic),
    givenNamesCyrillic: optional(p.givenNamesCyrillic),
    birthDate: date(p.birthDate, true) ?? "",
    bsn: optional(digitsOf(p.bsn)),
    vNumber: optional(p.vNumber.replace(/\s/g, "")),
    sex: p.sex,
    nationalityCode: p.nationalityCode.trim() || "0034",
    protectionStart: date(p.protectionStart),
    brpRegistrationDate: date(p.brpRegistrationDate),
    contactLanguage: p.contactLanguage,
  };
}

/** The change a Cyrillic edit makes: the Latin name follows while it was empty or automatic. */
export function withCyrillic(
  p: PersonDraft,
  which: "familyName" | "givenNames",
  cyrillic: string,
): PersonDraft {
  const cyrKey = which === "familyName" ? "familyNameCyrillic" : "givenNamesCyrillic";
  const autoKey = which === "familyName" ? "familyNameAuto" : "givenNamesAuto";
  const next = { ...p, [cyrKey]: cyrillic };
  if (!p[which].trim() || p[autoKey]) {
    next[which] = transliterate(cyrillic);
    next[autoKey] = cyrillic.trim() !== "";
  }
  return next;
}

function NamePair({
  which,
  idPrefix,
  person,
  errors,
  onChange,
}: {
  which: "familyName" | "givenNames";
  idPrefix: string;
  person: PersonDraft;
  errors: FieldErrors;
  onChange: (next: PersonDraft) => void;
}) {
  const { t } = useTranslation("registry");
  const errorText = useErrorText(REGISTRY_ERRORS);
  const cyrKey = which === "familyName" ? "familyNameCyrillic" : "givenNamesCyrillic";
  const autoKey = which === "familyName" ? "familyNameAuto" : "givenNamesAuto";
  const latin = person[which];
  const cyrillic = person[cyrKey];
  const candidates = useMemo(
    () =>
      latin.trim() && !cyrillic.trim() && /[A-Za-z]/.test(latin)
        ? latinToCyrillicCandidates(latin, 3)
        : [],
    [latin, cyrillic],
  );
  const latinId = `${idPrefix}-${which}`;
  const cyrId = `${idPrefix}-${cyrKey}`;
  const suggestionId = `${latinId}-suggestion`;
  const fieldLabel = t(`person.${which}`);
  const cyrLabel = t(`person.${cyrKey}`);

  return (
    <>
      <TextField
        id={latinId}
        label={fieldLabel}
        value={latin}
        required
        autoComplete="off"
        error={errorText(errors[which])}
        description={person[autoKey] ? t("person.autoTransliterated") : undefined}
        onChange={(value) => onChange({ ...person, [which]: value, [autoKey]: false })}
        after={
          candidates.length > 0 ? (
            <div
              className="opvang-registry-suggestion"
              id={suggestionId}
              data-testid={`${latinId}-suggestion`}
            >
              <Paragraph className="opvang-registry-suggestion__text">
                {t("person.cyrillicSuggestion", { field: cyrLabel })}
              </Paragraph>
              <div className="opvang-registry-suggestion__options">
                {candidates.map((candidate) => (
                  <Button
                    key={candidate}
                    type="button"
                    appearance="secondary-action-button"
                    lang="uk"
                    aria-label={t("person.useSuggestion", { value: candidate, field: cyrLabel })}
                    onClick={() => {
                      onChange({ ...person, [cyrKey]: candidate });
                      document.getElementById(cyrId)?.focus();
                    }}
                  >
                    {candidate}
                  </Button>
                ))}
              </div>
            </div>
          ) : null
        }
      />
      <TextField
        id={cyrId}
        label={cyrLabel}
        value={cyrillic}
        lang="uk"
        error={errorText(errors[cyrKey])}
        description={t("person.cyrillicHint")}
        onChange={(value) => onChange(withCyrillic(person, which, value))}
      />
    </>
  );
}

export interface PersonFieldsProps {
  idPrefix: string;
  person: PersonDraft;
  /** Errors keyed by field name (familyName, bsn, …). */
  errors: FieldErrors;
  onChange: (next: PersonDraft) => void;
}

export function PersonFields({ idPrefix, person, errors, onChange }: PersonFieldsProps) {
  const { t } = useTranslation("registry");
  const errorText = useErrorText(REGISTRY_ERRORS);
  const set = (field: keyof PersonDraft) => (value: string) =>
    onChange({ ...person, [field]: value });
  const id = (field: PersonField) => `${idPrefix}-${field}`;
  return (
    <div className="opvang-registry-grid">
      <NamePair
        which="familyName"
        idPrefix={idPrefix}
        person={person}
        errors={errors}
        onChange={onChange}
      />
      <NamePair
        which="givenNames"
        idPrefix={idPrefix}
        person={person}
        errors={errors}
        onChange={onChange}
      />
      <TextField
        id={id("birthDate")}
        label={t("person.birthDate")}
        value={person.birthDate}
        required
        inputMode="numeric"
        placeholder={t("person.birthDatePlaceholder")}
        description={t("person.birthDateHint")}
        error={errorText(errors.birthDate)}
        onChange={set("birthDate")}
      />
      <SelectField
        id={id("sex")}
        label={t("person.sex")}
        value={person.sex}
        options={SEXES.map((value) => ({ value, label: t(`sex.${value}`) }))}
        error={errorText(errors.sex)}
        onChange={set("sex")}
      />
      <TextField
        id={id("bsn")}
        label={t("person.bsn")}
        value={person.bsn}
        inputMode="numeric"
        description={t("person.bsnHint")}
        error={errorText(errors.bsn)}
        onChange={set("bsn")}
      />
      <TextField
        id={id("vNumber")}
        label={t("person.vNumber")}
        value={person.vNumber}
        inputMode="numeric"
        description={t("person.vNumberHint")}
        error={errorText(errors.vNumber)}
        onChange={set("vNumber")}
      />
      <TextField
        id={id("nationalityCode")}
        label={t("person.nationalityCode")}
        value={person.nationalityCode}
        inputMode="numeric"
        description={t("person.nationalityHint")}
        error={errorText(errors.nationalityCode)}
        onChange={set("nationalityCode")}
      />
      <DateField
        id={id("protectionStart")}
        label={t("person.protectionStart")}
        value={person.protectionStart}
        error={errorText(errors.protectionStart)}
        onChange={set("protectionStart")}
      />
      <DateField
        id={id("brpRegistrationDate")}
        label={t("person.brpRegistrationDate")}
        value={person.brpRegistrationDate}
        error={errorText(errors.brpRegistrationDate)}
        onChange={set("brpRegistrationDate")}
      />
      <SelectField
        id={id("contactLanguage")}
        label={t("person.contactLanguage")}
        value={person.contactLanguage}
        options={CONTACT_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
        error={errorText(errors.contactLanguage)}
        onChange={set("contactLanguage")}
      />
    </div>
  );
}
