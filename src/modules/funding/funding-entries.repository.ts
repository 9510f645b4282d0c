/**
 * What a municipality enters for its claim (docs/api-funding.md): transition costs with
 * their evidence, the advance requested for a book year, and the places of other target
 * groups per location. Amounts are bigint in the database: read as text here (pg returns
 * bigint as text, PGlite as a number) and converted, never summed in SQL.
 */
import { sql } from "drizzle-orm";
import { type Queryable, query } from "../../db/connection";
import {
  fundingAdvance,
  locationTargetGroupPlaces,
  transitionCost,
  transitionCostEvidence,
} from "../../db/schema";
import type { EvidenceFile, EvidenceType } from "./evidence";

const cents = (v: string | number | null) => (v === null ? null : Number(v));

// --- Locations ----------------------------------------------------------------------------

/** A location of the municipality (locked while a change refers to it), or undefined. */
export async function locationOf(db: Queryable, id: number, gemeente: string) {
  const [row] = await query<{ id: number; name: string; kind: string }>(
    db,
    sql`select id, name, kind from location where id = ${id} and gemeente_code = ${gemeente}
        for share`,
  );
  return row;
}

// --- Transition costs ---------------------------------------------------------------------

export interface TransitionCostRecord {
  id: number;
  gemeenteCode: string;
  locationId: number;
  locationName: string;
  incurredOn: string;
  description: string;
  amountCents: number;
  correctsId: number | null;
  correctedById: number | null;
  enteredBy: string | null;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
}

export interface EvidenceRecord {
  id: number;
  transitionCostId: number;
  fileName: string;
  mediaType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

type CostRow = Omit<TransitionCostRecord, "amountCents"> & { amountCents: string | number };

const costColumns = sql`c.id, c.gemeente_code as "gemeenteCode", c.location_id as "locationId",
  l.name as "locationName", c.incurred_on::text as "incurredOn", c.description,
  c.amount_cents::text as "amountCents", c.corrects_id as "correctsId",
  (select n.id from transition_cost n where n.corrects_id = c.id) as "correctedById",
  eu.display_name as "enteredBy", c.created_at::text as "createdAt",
  c.withdrawn_at::text as "withdrawnAt", wu.display_name as "withdrawnBy",
  c.withdraw_reason as "withdrawReason"`;

const costFrom = sql`transition_cost c join location l on l.id = c.location_id
  left join app_user eu on eu.id = c.entered_by
  left join app_user wu on wu.id = c.withdrawn_by`;

const costOf = (r: CostRow): TransitionCostRecord => ({
  ...r,
  amountCents: cents(r.amountCents)!,
});

/** The municipality's transition costs (incurred in [from, to] when given), newest first. */
export async function listTransitionCosts(
  db: Queryable,
  gemeente: string,
  period: { from: string; to: string } | null,
): Promise<TransitionCostRecord[]> {
  const within = period
    ? sql` and c.incurred_on between ${period.from}::date and ${period.to}::date`
    : sql``;
  const rows = await query<CostRow>(
    db,
    sql`select ${costColumns} from ${costFrom}
        where c.gemeente_code = ${gemeente}${within}
        order by c.incurred_on desc, c.id desc`,
  );
  return rows.map(costOf);
}

/** One transition cost of the municipality, or undefined; `lock` for a change to it. */
export async function findTransitionCost(
  db: Queryable,
  id: number,
  gemeente: string,
  lock = false,
): Promise<TransitionCostRecord | undefined> {
  if (lock) {
    await db.execute(
      sql`select id from transition_cost where id = ${id} and gemeente_code = ${gemeente} for update`,
    );
  }
  const [row] = await query<CostRow>(
    db,
    sql`select ${costColumns} from ${costFrom} where c.id = ${id} and c.gemeente_code = ${gemeente}`,
  );
  return row ? costOf(row) : undefined;
}

/** The evidence of the costs listed (no content), by cost id, oldest first. */
export async function evidenceOf(
  db: Queryable,
  costIds: readonly number[],
): Promise<Map<number, EvidenceRecord[]>> {
  const out = new Map<number, EvidenceRecord[]>();
  if (costIds.length === 0) return out;
  const rows = await query<EvidenceRecord>(
    db,
    sql`select id, transition_cost_id as "transitionCostId", file_name as "fileName",
          media_type as "mediaType", size_bytes as "sizeBytes", sha256,
          created_at::text as "createdAt"
        from transition_cost_evidence
        where transition_cost_id = any(${sql`${`{${costIds.join(",")}}`}::int[]`})
        order by transition_cost_id, id`,
  );
  for (const r of rows) {
    const list = out.get(r.transitionCostId) ?? [];
    list.push(r);
    out.set(r.transitionCostId, list);
  }
  return out;
}

export async function insertTransitionCost(
  db: Queryable,
  row: {
    gemeenteCode: string;
    locationId: number;
    incurredOn: string;
    description: string;
    amountCents: number;
    correctsId: number | null;
    enteredBy: number;
  },
): Promise<number> {
  const [inserted] = await db
    .insert(transitionCost)
    .values(row)
    .returning({ id: transitionCost.id });
  return inserted!.id;
}

export async function insertEvidence(db: Queryable, costId: number, files: EvidenceFile[]) {
  for (const f of files) {
    await db.insert(transitionCostEvidence).values({
      transitionCostId: costId,
      fileName: f.fileName,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      content: f.content,
    });
  }
}

/** Withdraws a cost not yet withdrawn; false when it was (the only change a cost takes). */
export async function withdrawTransitionCost(
  db: Queryable,
  id: number,
  by: number,
  reason: string,
): Promise<boolean> {
  const rows = await query<{ id: number }>(
    db,
    sql`update transition_cost set withdrawn_at = now(), withdrawn_by = ${by},
          withdraw_reason = ${reason}
        where id = ${id} and withdrawn_at is null returning id`,
  );
  return rows.length === 1;
}

/** One evidence file of a cost of the municipality, with its content, or undefined. */
export async function evidenceFile(
  db: Queryable,
  costId: number,
  evidenceId: number,
  gemeente: string,
) {
  const [row] = await query<{
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    content: Uint8Array;
  }>(
    db,
    sql`select e.file_name as "fileName", e.media_type as "mediaType",
          e.size_bytes as "sizeBytes", e.sha256, e.content
        from transition_cost_evidence e join transition_cost c on c.id = e.transition_cost_id
        where e.id = ${evidenceId} and c.id = ${costId} and c.gemeente_code = ${gemeente}`,
  );
  return row;
}

// --- The advance --------------------------------------------------------------------------

export interface AdvanceRecord {
  id: number;
  bookYear: number;
  requestedOn: string;
  proposedCents: number;
  proposal: unknown;
  amountCents: number;
  reason: string | null;
  requestedBy: string | null;
  createdAt: string;
  replacedAt: string | null;
  replacedById: number | null;
  receivedCents: number | null;
  receivedOn: string | null;
  receivedBy: string | null;
}

type AdvanceRow = Omit<AdvanceRecord, "proposedCents" | "amountCents" | "receivedCents"> & {
  proposedCents: string | number;
  amountCents: string | number;
  receivedCents: string | number | null;
};

/** Every request of a municipality for a book year, newest first (the current one first). */
export async function advancesOf(
  db: Queryable,
  gemeente: string,
  year: number,
  lock = false,
): Promise<AdvanceRecord[]> {
  if (lock) {
    await db.execute(
      sql`select id from funding_advance where gemeente_code = ${gemeente}
          and book_year = ${year} and replaced_at is null for update`,
    );
  }
  const rows = await query<AdvanceRow>(
    db,
    sql`select a.id, a.book_year as "bookYear", a.requested_on::text as "requestedOn",
          a.proposed_cents::text as "proposedCents", a.proposal,
          a.amount_cents::text as "amountCents", a.reason, ru.display_name as "requestedBy",
          a.created_at::text as "createdAt", a.replaced_at::text as "replacedAt",
          a.replaced_by_id as "replacedById", a.received_cents::text as "receivedCents",
          a.received_on::text as "receivedOn", vu.display_name as "receivedBy"
        from funding_advance a
        left join app_user ru on ru.id = a.requested_by
        left join app_user vu on vu.id = a.received_by
        where a.gemeente_code = ${gemeente} and a.book_year = ${year}
        order by (a.replaced_at is null) desc, a.id desc`,
  );
  return rows.map((r) => ({
    ...r,
    proposedCents: cents(r.proposedCents)!,
    amountCents: cents(r.amountCents)!,
    receivedCents: cents(r.receivedCents),
  }));
}

export async function insertAdvance(
  db: Queryable,
  row: {
    gemeenteCode: string;
    bookYear: number;
    requestedOn: string;
    proposedCents: number;
    proposal: unknown;
    amountCents: number;
    reason: string | null;
    requestedBy: number;
  },
): Promise<number> {
  const [inserted] = await db
    .insert(fundingAdvance)
    .values(row)
    .returning({ id: fundingAdvance.id });
  return inserted!.id;
}

/** Marks a request replaced (by: the request that replaced it, once it exists). */
export async function replaceAdvance(db: Queryable, id: number, by: number | null) {
  await db.execute(
    sql`update funding_advance set replaced_at = coalesce(replaced_at, now()),
          replaced_by_id = ${by} where id = ${id}`,
  );
}

export async function recordAdvanceReceipt(
  db: Queryable,
  id: number,
  receipt: { receivedCents: number; receivedOn: string; receivedBy: number },
): Promise<boolean> {
  const rows = await query<{ id: number }>(
    db,
    sql`update funding_advance set received_cents = ${receipt.receivedCents},
          received_on = ${receipt.receivedOn}, received_by = ${receipt.receivedBy}
        where id = ${id} and received_on is null returning id`,
  );
  return rows.length === 1;
}

/** The advances received of the municipalities (all: null) for a book year, by municipality. */
export async function advancesReceived(
  db: Queryable,
  year: number,
  gemeenten: readonly string[] | null,
): Promise<Map<string, number>> {
  const which = gemeenten
    ? sql` and gemeente_code = any(${sql`${`{${gemeenten.join(",")}}`}::text[]`})`
    : sql``;
  const rows = await query<{ gemeente_code: string; received: string | number }>(
    db,
    sql`select gemeente_code, received_cents::text as received from funding_advance
        where book_year = ${year} and replaced_at is null and received_cents is not null${which}`,
  );
  return new Map(rows.map((r) => [r.gemeente_code, Number(r.received)]));
}

// --- Other target groups' places -----------------------------------------------------------

export interface TargetGroupPlacesRecord {
  id: number;
  locationId: number;
  locationName: string;
  targetGroup: "status_holder" | "asylum_seeker";
  places: number;
  validFrom: string;
  validTo: string | null;
  enteredBy: string | null;
  createdAt: string;
}

const placesColumns = sql`g.id, g.location_id as "locationId", l.name as "locationName",
  g.target_group as "targetGroup", g.places, g.valid_from::text as "validFrom",
  g.valid_to::text as "validTo", u.display_name as "enteredBy", g.created_at::text as "createdAt"`;

/** The municipality's rows, by location, group and date. */
export async function listTargetGroupPlaces(
  db: Queryable,
  gemeente: string,
): Promise<TargetGroupPlacesRecord[]> {
  return query<TargetGroupPlacesRecord>(
    db,
    sql`select ${placesColumns}
        from location_target_group_places g join location l on l.id = g.location_id
        left join app_user u on u.id = g.entered_by
        where l.gemeente_code = ${gemeente}
        order by l.name, l.id, g.target_group, g.valid_from`,
  );
}

/** One location's rows of a group, oldest first (locked for a change). */
export async function targetGroupHistory(db: Queryable, locationId: number, group: string) {
  return query<{ id: number; valid_from: string; valid_to: string | null; places: number }>(
    db,
    sql`select id, valid_from::text as valid_from, valid_to::text as valid_to, places
        from location_target_group_places
        where location_id = ${locationId} and target_group = ${group}
        order by valid_from for update`,
  );
}

export async function insertTargetGroupPlaces(
  db: Queryable,
  row: {
    locationId: number;
    targetGroup: string;
    places: number;
    validFrom: string;
    enteredBy: number;
  },
): Promise<number> {
  const [inserted] = await db
    .insert(locationTargetGroupPlaces)
    .values(row)
    .returning({ id: locationTargetGroupPlaces.id });
  return inserted!.id;
}

export async function closeTargetGroupPlaces(db: Queryable, id: number, validTo: string) {
  await db.execute(
    sql`update location_target_group_places set valid_to = ${validTo} where id = ${id}`,
  );
}

export async function setTargetGroupPlaces(db: Queryable, id: number, places: number, by: number) {
  await db.execute(
    sql`update location_target_group_places set places = ${places}, entered_by = ${by}
        where id = ${id}`,
  );
}
