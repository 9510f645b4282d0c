/**
 * A household's bank account (src/modules/monthly-run): the member the leefgeld is paid to
 * and the IBAN, checked by the server; without one the household is paid by card or cash.
 * The section takes a `BankAccountApi`, so tests can pass a fake.
 */
import type { PaymentMethod } from "../../../../src/domain/enums";
import { request } from "../../api";

export type { PaymentMethod };

export interface BankAccount {
  householdId: number;
  method: PaymentMethod;
  payeePersonId: number | null;
  /** The full IBAN, for the form; the page shows `ibanMasked`. */
  iban: string | null;
  ibanMasked: string | null;
  /** Null when the household has no account. */
  version: number | null;
  updatedAt: string | null;
}

export interface BankAccountInput {
  payeePersonId: number;
  iban: string;
  /** The account's version as read; null for a household without one. */
  version: number | null;
}

/** Issue codes the server answers a change with (each has a text under `errors`). */
export const BANK_ACCOUNT_ISSUE_CODES = [
  "iban_format",
  "iban_checksum",
  "iban_country",
  "payee_not_member",
] as const;

export interface BankAccountApi {
  get(householdId: number): Promise<BankAccount>;
  save(householdId: number, input: BankAccountInput): Promise<BankAccount>;
  remove(householdId: number, version: number): Promise<BankAccount>;
}

const path = (householdId: number) => `/api/v1/households/${householdId}/bank-account`;

export const bankAccountApi: BankAccountApi = {
  get: (householdId) => request<BankAccount>("GET", path(householdId)),
  save: (householdId, input) =>
    request<BankAccount>("PUT", path(householdId), {
      payeePersonId: input.payeePersonId,
      iban: input.iban,
      ...(input.version === null ? {} : { version: input.version }),
    }),
  remove: (householdId, version) =>
    request<BankAccount>("DELETE", `${path(householdId)}?version=${version}`),
};
