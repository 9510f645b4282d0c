/**
 * Demo entries for the funding page (docs/api-funding.md), so that Utrecht's and Amsterdam's
 * Bekostiging is not empty: transition costs with a small evidence file each (one of them
 * corrected: the first entry withdrawn with a reason), the advance of 2026 requested before
 * 1 November and received, and status holders in one location under the doelgroepflexibele
 * opvangregeling (from 2026-05-01, its intended start). Written as facts in the demo world
 * (fixed on 31 October 2026); the demo accounts are made after it, so nobody is named as
 * having entered them.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, query } from "../connection";

/** A one-page PDF that says what it is (a demo invoice). */
function demoPdf(title: string): Uint8Array {
  const text = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length ${44 + title.length} >> stream
BT /F1 18 Tf 72 770 Td (Demo: ${title}) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return new TextEncoder().encode(text);
}

interface DemoCost {
  incurredOn: string;
  description: string;
  amountCents: number;
  evidence: string;
  /** Withdrawn, and replaced by the next entry, with this reason. */
  withdrawnReason?: string;
}

const COSTS: DemoCost[] = [
  {
    incurredOn: "2026-03-10",
    description: "Douches en sanitair geplaatst",
    amountCents: 1_890_000,
    evidence: "factuur-sanitair.pdf",
    withdrawnReason: "Creditnota van de installateur: bedrag te hoog gefactureerd",
  },
  {
    incurredOn: "2026-03-10",
    description: "Douches en sanitair geplaatst (na creditnota)",
    amountCents: 1_845_000,
    evidence: "factuur-sanitair-gecorrigeerd.pdf",
  },
  {
    incurredOn: "2026-06-22",
    description: "Brandmeldinstallatie aangepast aan de nieuwe indeling",
    amountCents: 798_050,
    evidence: "factuur-brandmelders.pdf",
  },
];

/** The first realised location of a municipality (by id), or undefined. */
async function firstLocation(db: Db, gemeente: string) {
  const [row] = await query<{ id: number }>(
    db,
    sql`select l.id from location l
        where l.gemeente_code = ${gemeente} and exists (select 1 from location_status s
          where s.location_id = l.id and s.status = 'realised' and s.valid_to is null)
        order by l.id limit 1`,
  );
  return row?.id;
}

export async function insertFundingDemo(db: Db): Promise<void> {
  for (const gemeente of ["GM0344", "GM0363"]) {
    const location = await firstLocation(db, gemeente);
    if (location === undefined) continue;
    await db.transaction(async (tx) => {
      let previous: number | null = null;
      for (const cost of COSTS) {
        const [row]: { id: number }[] = await query<{ id: number }>(
          tx,
          sql`insert into transition_cost (gemeente_code, location_id, incurred_on, description,
                amount_cents, corrects_id)
              values (${gemeente}, ${location}, ${cost.incurredOn}, ${cost.description},
                ${cost.amountCents}, ${previous})
              returning id`,
        );
        const pdf = demoPdf(cost.description);
        const sha = createHash("sha256").update(pdf).digest("hex");
        await tx.execute(
          sql`insert into transition_cost_evidence (transition_cost_id, file_name, media_type,
                size_bytes, sha256, content)
              values (${row!.id}, ${cost.evidence}, 'application/pdf', ${pdf.length}, ${sha}, ${pdf})`,
        );
        if (cost.withdrawnReason) {
          await tx.execute(
            sql`update transition_cost set withdrawn_at = '2026-03-20 10:00:00+01',
                  withdraw_reason = ${cost.withdrawnReason} where id = ${row!.id}`,
          );
          previous = row!.id;
        } else {
          previous = null;
        }
      }
      // The advance of 2026, requested in September and received in October.
      await tx.execute(
        sql`insert into funding_advance (gemeente_code, book_year, requested_on, proposed_cents,
              proposal, amount_cents, reason, received_cents, received_on)
            values (${gemeente}, 2026, '2026-09-15', 250000000,
              ${JSON.stringify({ demo: "a proposal as it stood on 2026-09-15" })}::jsonb,
              240000000, ${"Raming op basis van de bezetting van het eerste halfjaar"},
              240000000, '2026-10-20')`,
      );
      // Status holders beside displaced persons, from the new scheme's start.
      await tx.execute(
        sql`insert into location_target_group_places (location_id, target_group, places, valid_from)
            values (${location}, 'status_holder', 12, '2026-06-01')`,
      );
    });
  }
}
