/**
 * Bank account numbers (IBAN, ISO 13616) and bank codes (BIC, ISO 9362), checked with
 * ibantools. Checks are pure: no I/O, no bank directory. An IBAN is kept and written in
 * its electronic format (no spaces, upper case); people see it masked (`maskIban`).
 */
import { isSEPACountry, isValidBIC, ValidationErrorsIBAN, validateIBAN } from "ibantools";

/**
 * Why an IBAN is refused, as a stable code the UI translates:
 * - `iban_format`: wrong characters or wrong length for its country;
 * - `iban_checksum`: the ISO 13616 check digits (or a national check digit) do not match;
 * - `iban_country`: no IBAN country, or (with `sepaOnly`) a country outside SEPA.
 */
export type IbanReason = "iban_format" | "iban_checksum" | "iban_country";

export type IbanCheck =
  | { ok: true; iban: string; country: string }
  | { ok: false; reason: IbanReason; message: string };

export interface IbanCheckOptions {
  /** Refuse countries outside the SEPA scheme (a SEPA credit transfer cannot reach them). */
  sepaOnly?: boolean;
}

/** Electronic format: all whitespace removed (also no-break spaces), upper case. */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Checks an IBAN as typed by a person (spaces and lower case accepted). */
export function checkIban(input: string, options: IbanCheckOptions = {}): IbanCheck {
  const iban = normalizeIban(input);
  // ibantools reports an unknown country before anything else; letters and digits only
  // is checked here first so "NL91-ABNA..." is a format error, not a country error.
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban)) {
    return fail(
      "iban_format",
      "not an IBAN: two letters, two check digits, then letters or digits",
    );
  }
  const { errorCodes } = validateIBAN(iban);
  const country = iban.slice(0, 2);
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return fail("iban_country", `${country} is not a country that uses IBAN`);
  }
  // Length and format first: a wrong length always breaks the checksum too, and "too
  // short" tells the person more than "checksum fails".
  if (
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat) ||
    errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber)
  ) {
    return fail("iban_format", `wrong length or characters for a ${country} IBAN`);
  }
  if (
    errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum) ||
    errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)
  ) {
    return fail("iban_checksum", "checksum fails");
  }
  // Any other code (e.g. a Swiss QR-IBAN option) counts as a format problem.
  if (errorCodes.length > 0) return fail("iban_format", "not a valid IBAN");
  if (options.sepaOnly && !isSepaCountry(country)) {
    return fail("iban_country", `${country} is outside SEPA`);
  }
  return { ok: true, iban, country };
}

function fail(reason: IbanReason, message: string): IbanCheck {
  return { ok: false, reason, message };
}

/** True when an IBAN of this two-letter country code can be paid by SEPA credit transfer. */
export function isSepaCountry(countryCode: string): boolean {
  return isSEPACountry(countryCode.toUpperCase());
}

/** BIC normalised like an IBAN: whitespace removed, upper case (the schema wants capitals). */
export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** A BIC of 8 or 11 characters with a known country (ibantools `isValidBIC`). */
export function isValidBic(input: string): boolean {
  const bic = normalizeBic(input);
  return /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic) && isValidBIC(bic);
}

/**
 * An IBAN for screens and logs: the country and check digits, then always three groups of
 * stars, then the last four characters ("NL91 **** **** **** 4300"). The fixed middle hides
 * the length too. Input too short to mask leaves only stars.
 */
export function maskIban(input: string): string {
  const iban = normalizeIban(input);
  if (iban.length < 9) return "****";
  return `${iban.slice(0, 4)} **** **** **** ${iban.slice(-4)}`;
}
