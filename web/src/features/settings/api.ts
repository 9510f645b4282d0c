/**
 * The municipality's settings for the monthly run and its letters (src/modules/monthly-run):
 * the account the SEPA file pays from, the letter's sender, signature and objection
 * address, and the offset limit for recoveries. Read by the finance officer and the
 * municipal admin; recorded by the municipal admin. The page takes a `SettingsApi`, so
 * tests can pass a fake.
 */
import { client, data, type RequestBody, type Schemas } from "../../api";

export type GemeenteSettings = Schemas["GemeenteSettings"];

export type SettingsInput = RequestBody<"put", "/api/v1/gemeente-settings">;

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

export const settingsApi: SettingsApi = {
  settings: () => data(client.GET("/api/v1/gemeente-settings")),
  save: (input) => data(client.PUT("/api/v1/gemeente-settings", { body: input })),
};
