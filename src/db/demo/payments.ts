/**
 * What the demo's municipalities recorded for their monthly runs: their own settings (an
 * account, the letter's sender and objection address) and a bank account for most
 * households still in reception (the head, or the first member, as payee), the rest paid
 * by card or cash. IBANs are synthetic with valid check digits. Its own random stream, so
 * the rest of the demo stays as it was.
 */
import { composeIBAN } from "ibantools";
import { checkIban } from "../../domain/iban";
import type { Column } from "./bulk";
import { Random } from "./random";

/** Dutch bank codes as they appear in IBANs. */
const BANKS = ["ABNA", "INGB", "RABO", "SNSB", "ASNB", "TRIO", "BUNQ", "KNAB"];

/** A synthetic Dutch IBAN whose check digits (and the bank's own check, if any) hold. */
export function demoIban(rng: Random): string {
  for (;;) {
    const bank = BANKS[rng.int(0, BANKS.length - 1)]!;
    const account = String(rng.int(100_000_000, 9_999_999_999)).padStart(10, "0");
    const iban = composeIBAN({ countryCode: "NL", bban: `${bank}${account}` });
    if (iban && checkIban(iban, { sepaOnly: true }).ok) return iban;
  }
}

export interface PaymentHousehold {
  id: number;
  members: { person: { id: number }; until?: number }[];
  departure: number | null;
}

export function bankAccounts(households: readonly PaymentHousehold[], seed: number): Column[] {
  const rng = new Random((seed ^ 0x5e9a_0001) >>> 0);
  const household: number[] = [];
  const payee: number[] = [];
  const iban: string[] = [];
  for (const h of households) {
    const members = h.members.filter((m) => m.until === undefined);
    // About one household in seven has no Dutch account yet (paid by card or cash).
    if (h.departure !== null || members.length === 0 || rng.next() < 0.14) continue;
    household.push(h.id);
    payee.push(members[0]!.person.id);
    iban.push(demoIban(rng));
  }
  return [
    { name: "household_id", type: "int", values: household },
    { name: "payee_person_id", type: "int", values: payee },
    { name: "iban", type: "text", values: iban },
  ];
}

export function gemeenteSettings(
  munis: readonly { code: string; name: string; postcodePrefix: string }[],
  seed: number,
): Column[] {
  const rng = new Random((seed ^ 0x5e9a_0002) >>> 0);
  const cols = {
    code: [] as string[],
    accountName: [] as string[],
    iban: [] as string[],
    sender: [] as string[],
    signatureName: [] as string[],
    signatureTitle: [] as string[],
    objection: [] as string[],
    offset: [] as number[],
  };
  for (const m of munis) {
    const postbus = rng.int(100, 20_000);
    const postcode = `${m.postcodePrefix.padEnd(2, "0")}${rng.int(10, 99)} ${"ABCDEGHJKLMNPRSTVWXZ"[rng.int(0, 19)]}${"ABCDEGHJKLMNPRSTVWXZ"[rng.int(0, 19)]}`;
    const place = `${postcode}  ${m.name.toUpperCase()}`;
    cols.code.push(m.code);
    cols.accountName.push(`Gemeente ${m.name}`);
    cols.iban.push(demoIban(rng));
    cols.sender.push(`Gemeente ${m.name}\nPostbus ${postbus}\n${place}`);
    cols.signatureName.push(
      ["J. de Boer", "M. Jansen", "S. El Amrani", "K. Visser", "L. Bakker"][rng.int(0, 4)]!,
    );
    cols.signatureTitle.push("Teamleider Opvang Oekraïne");
    cols.objection.push(
      `Gemeente ${m.name}\nt.a.v. Team Bezwaar en Beroep\nPostbus ${postbus}\n${place}`,
    );
    cols.offset.push(10);
  }
  return [
    { name: "gemeente_code", type: "text", values: cols.code },
    { name: "account_name", type: "text", values: cols.accountName },
    { name: "iban", type: "text", values: cols.iban },
    { name: "sender_block", type: "text", values: cols.sender },
    { name: "signature_name", type: "text", values: cols.signatureName },
    { name: "signature_title", type: "text", values: cols.signatureTitle },
    { name: "objection_address", type: "text", values: cols.objection },
    { name: "offset_limit_percent", type: "int", values: cols.offset },
  ];
}
