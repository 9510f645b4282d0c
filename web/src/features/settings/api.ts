/**
 * The municipality's settings for the monthly run and its letters (src/modules/monthly-run):
 * the account the SEPA file pays from, the letter's sender, signature and objection
 * address, and the offset limit for recoveries. Read by the finance officer and the
 * municipal admin; recorded by the municipal admin. The page takes a `SettingsApi`, so
 * tests can pass a fake.
 */
import { request } from "../../api";

export interface GemeenteSettings {
  gemeenteCode: string;
  /** False until a municipal admin has recorded them (the other fields are then empty). */
  recorded: boolean;
  accountName: string;
  iban: string;
  bic: string | null;
  senderBlock: string;
  signatureName: string;
  signatureTitle: string;
  objectionAddress: string;
  /** How much of a month's leefgeld may be kept back to recover an overpayment; null: none. */
  offsetLimitPercent: number | null;
  /** Null until recorded; sent back with a change. */
  version: number | null;
  updatedAt: string | null;
}

export interface SettingsInput {
  accountName: string;
  iban: string;
  bic: string | null;
  senderBlock: string;
  signatureName: string;
  signatureTitle: string;
  objectionAddress: string;
  offsetLimitPercent: number | null;
  version: number | null;
}

/** The fields of the form, in the order of the page; each is the request's property. */
export const SETTINGS_FIELDS = [
  "accountName",
  "iban",
  "bic",
  "senderBlock",
  "signatureName",
  "signatureTitle",
  "objectionAddress",
  "offsetLimitPercent",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** Error codes the settings route answers with (each has a text under `errors`). */
export const SETTINGS_ISSUE_CODES = [
  "iban_format",
  "iban_checksum",
  "iban_country",
  "bic_format",
] as const;

/** The longest text the server takes per field. */
export const MAX_LENGTH: Partial<Record<SettingsField, number>> = {
  accountName: 70,
  iban: 50,
  bic: 11,
  senderBlock: 500,
  signatureName: 100,
  signatureTitle: 100,
  objectionAddress: 500,
};

export interface SettingsApi {
  settings(): Promise<GemeenteSettings>;
  save(input: SettingsInput): Promise<GemeenteSettings>;
}

const PATH = "/api/v1/gemeente-settings";

export const settingsApi: SettingsApi = {
  settings: () => request<GemeenteSettings>("GET", PATH),
  save: (input) => request<GemeenteSettings>("PUT", PATH, input),
};
