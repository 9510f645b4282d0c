/**
 * A household's bank account (src/modules/monthly-run): the member the leefgeld is paid to
 * and the IBAN, checked by the server; without one the household is paid by card or cash.
 * The section takes a `BankAccountApi`, so tests can pass a fake.
 */
import type { PaymentMethod } from "../../../../src/domain/enums";
import { client, data, type Schemas } from "../../api";

export type { PaymentMethod };

export type BankAccount = Schemas["BankAccount"];

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

const path = "/api/v1/households/{id}/bank-account";
const household = (id: number) => ({ path: { id } });

export const bankAccountApi: BankAccountApi = {
  get: (householdId) => data(client.GET(path, { params: household(householdId) })),
  save: (householdId, input) =>
    data(
      client.PUT(path, {
        params: household(householdId),
        body: {
          payeePersonId: input.payeePersonId,
          iban: input.iban,
          ...(input.version === null ? {} : { version: input.version }),
        },
      }),
    ),
  remove: (householdId, version) =>
    data(client.DELETE(path, { params: { ...household(householdId), query: { version } } })),
};
