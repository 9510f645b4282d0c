/**
 * What a municipality records before it runs a month: each household's bank account (the
 * payee, a member, and an IBAN checked at entry) and its own settings (the account the
 * SEPA file pays from, the letter's sender, signature and objection address, the offset
 * limit for recoveries).
 */
import type { Db } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { todayNl } from "../../domain/dates";
import type { Issue } from "../../domain/errors";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { checkIban, isValidBic, maskIban, normalizeBic } from "../../domain/iban";
import { recordAudit, recordAuditForPersons } from "../audit";
import { findHouseholdInScope } from "../registry";
import * as repo from "./monthly-run.repository";

/** An IBAN checked for a SEPA transfer (ISO 13616 check digits, a SEPA country). */
function checkedIban(input: string, path: string): string {
  const r = checkIban(input, { sepaOnly: true });
  if (!r.ok) throw new ValidationError({ path, code: r.reason, message: r.message });
  return r.iban;
}

function stale(what: string, version: number) {
  return new ConflictError(`the ${what} was changed by someone else`, { version }, [], {
    code: "stale_version",
  });
}

// --- Bank accounts --------------------------------------------------------------------

function accountView(row: repo.BankAccountRow | undefined, householdId: number) {
  return row
    ? {
        householdId,
        method: "sepa" as const,
        payeePersonId: row.payee_person_id,
        iban: row.iban,
        ibanMasked: maskIban(row.iban),
        version: row.version,
        updatedAt: row.updated_at,
      }
    : {
        householdId,
        method: "card_or_cash" as const,
        payeePersonId: null,
        iban: null,
        ibanMasked: null,
        version: null,
        updatedAt: null,
      };
}
export type BankAccountView = ReturnType<typeof accountView>;

async function householdInScope(db: Db, actor: AccessContext, id: number) {
  const h = await findHouseholdInScope(db, id, actor.scope);
  if (!h) throw new NotFoundError("household");
  return h;
}

export async function getBankAccount(db: Db, actor: AccessContext, householdId: number) {
  const h = await householdInScope(db, actor, householdId);
  return db.transaction(async (tx) => {
    const row = await repo.findBankAccount(tx, h.id);
    if (row) {
      await recordAuditForPersons(
        tx,
        actor,
        {
          action: "read",
          entityType: "bank_account",
          entityId: h.id,
          gemeenteCode: h.gemeenteCode,
          fields: ["iban", "payee"],
        },
        [row.payee_person_id],
      );
    }
    return accountView(row, h.id);
  });
}

export interface BankAccountInput {
  payeePersonId: number;
  iban: string;
  /** The account's version as read; null or absent for a household without one. */
  version?: number | null | undefined;
}

/** Records or changes the household's account; the payee must be a member today. */
export async function putBankAccount(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: BankAccountInput,
) {
  const h = await householdInScope(db, actor, householdId);
  const iban = checkedIban(input.iban, "iban");
  return db.transaction(async (tx) => {
    if (!(await repo.isMemberOn(tx, h.id, input.payeePersonId, todayNl()))) {
      throw new ValidationError({
        path: "payeePersonId",
        code: "payee_not_member",
        message: "the payee must be a member of the household today",
      });
    }
    const saved = await repo.saveBankAccount(
      tx,
      h.id,
      input.payeePersonId,
      iban,
      input.version ?? null,
      actor.id,
    );
    if (!saved) {
      const current = await repo.findBankAccount(tx, h.id);
      throw stale("bank account", current?.version ?? 0);
    }
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: input.version ? "update" : "create",
        entityType: "bank_account",
        entityId: h.id,
        gemeenteCode: h.gemeenteCode,
        fields: ["iban", "payee"],
        reason: "bank_account",
      },
      [input.payeePersonId],
    );
    return accountView(await repo.findBankAccount(tx, h.id), h.id);
  });
}

/** Removes the account: the household is paid by card or cash from the next run. */
export async function deleteBankAccount(
  db: Db,
  actor: AccessContext,
  householdId: number,
  version: number,
) {
  const h = await householdInScope(db, actor, householdId);
  return db.transaction(async (tx) => {
    const current = await repo.findBankAccount(tx, h.id);
    if (!current) throw new NotFoundError("bank account");
    if (!(await repo.deleteBankAccount(tx, h.id, version)))
      throw stale("bank account", current.version);
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "delete",
        entityType: "bank_account",
        entityId: h.id,
        gemeenteCode: h.gemeenteCode,
        fields: ["iban", "payee"],
        reason: "bank_account",
      },
      [current.payee_person_id],
    );
    return accountView(undefined, h.id);
  });
}

// --- Municipal settings ---------------------------------------------------------------

function settingsView(row: repo.SettingsRow | undefined, gemeente: string) {
  return row
    ? {
        gemeenteCode: row.gemeente_code,
        recorded: true,
        accountName: row.account_name,
        iban: row.iban,
        bic: row.bic,
        senderBlock: row.sender_block,
        signatureName: row.signature_name,
        signatureTitle: row.signature_title,
        objectionAddress: row.objection_address,
        offsetLimitPercent: row.offset_limit_percent,
        version: row.version as number | null,
        updatedAt: row.updated_at as string | null,
      }
    : {
        gemeenteCode: gemeente,
        recorded: false,
        accountName: "",
        iban: "",
        bic: null,
        senderBlock: "",
        signatureName: "",
        signatureTitle: "",
        objectionAddress: "",
        offsetLimitPercent: null,
        version: null,
        updatedAt: null,
      };
}
export type SettingsView = ReturnType<typeof settingsView>;

export async function getSettings(db: Db, actor: AccessContext) {
  const gemeente = gemeenteOf(actor);
  return settingsView(await repo.findSettings(db, gemeente), gemeente);
}

export interface SettingsInput {
  accountName: string;
  iban: string;
  bic?: string | null | undefined;
  senderBlock: string;
  signatureName: string;
  signatureTitle: string;
  objectionAddress: string;
  offsetLimitPercent?: number | null | undefined;
  version?: number | null | undefined;
}

export async function putSettings(db: Db, actor: AccessContext, input: SettingsInput) {
  const gemeente = gemeenteOf(actor);
  const issues: Issue[] = [];
  let iban = "";
  try {
    iban = checkedIban(input.iban, "iban");
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
  }
  const bic = input.bic ? normalizeBic(input.bic) : null;
  if (bic !== null && !isValidBic(bic)) {
    issues.push({
      path: "bic",
      code: "bic_format",
      message: "not a BIC (8 or 11 letters and digits)",
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return db.transaction(async (tx) => {
    const saved = await repo.saveSettings(
      tx,
      gemeente,
      {
        accountName: input.accountName,
        iban,
        bic,
        senderBlock: input.senderBlock,
        signatureName: input.signatureName,
        signatureTitle: input.signatureTitle,
        objectionAddress: input.objectionAddress,
        offsetLimitPercent: input.offsetLimitPercent ?? null,
      },
      input.version ?? null,
      actor.id,
    );
    if (!saved) {
      const current = await repo.findSettings(tx, gemeente);
      throw stale("settings", current?.version ?? 0);
    }
    await recordAudit(tx, actor, {
      action: input.version ? "update" : "create",
      entityType: "gemeente_settings",
      entityId: gemeente,
      gemeenteCode: gemeente,
      fields: ["account", "letter", "offsetLimit"],
    });
    return settingsView(await repo.findSettings(tx, gemeente), gemeente);
  });
}
