/**
 * A household moves to another municipality (overdracht): from a date, the receiving
 * municipality is responsible for the household and for everyone who is its member on that
 * date or later. The sending municipality records it; afterwards the household is the
 * receiving municipality's, and the periods before stay readable where the law needs them
 * (decisions of the sending municipality, the national figures of the days before).
 *
 * Placements are not touched: they say where a person lives, with their own municipality,
 * and are ended and started in the placements module as the move happens.
 */
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, type AccessScope, gemeenteOf } from "../../domain/access";
import { dayAfter, parseIsoDate, todayNl } from "../../domain/dates";
import { ConflictError, type Issue, NotFoundError, ValidationError } from "../../domain/errors";
import { codedReason } from "../../domain/reasons";
import { recordAudit } from "../audit";
import * as registry from "./registry.repository";
import * as repo from "./transfer.repository";

export interface TransferInput {
  gemeente: string;
  from: string;
  reason: string;
  version: number;
}

export interface TransferResult {
  householdId: number;
  gemeenteCode: string;
  from: string;
  version: number;
  /** The persons who moved with the household. */
  personIds: number[];
}

export async function transferHousehold(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: TransferInput,
): Promise<TransferResult> {
  const sending = gemeenteOf(actor);
  const issues: Issue[] = [];
  let from = "";
  try {
    from = parseIsoDate(input.from, "from");
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.issues);
  }
  const today = todayNl();
  // Not ahead: the record's municipality is today's, so a move is recorded when it happens.
  if (from && from > today)
    issues.push({
      path: "from",
      code: "date_in_future",
      message: `a transfer is recorded on or after its date; ${from} is after today (${today})`,
    });
  const reason = input.reason.trim();
  if (!reason) issues.push({ path: "reason", code: "required", message: "say why" });
  if (input.gemeente === sending)
    issues.push({
      path: "gemeente",
      code: "same_gemeente",
      message: "the household is already with this municipality",
    });
  const receiverName = await repo.gemeenteName(db, input.gemeente);
  if (input.gemeente !== sending && receiverName === undefined)
    issues.push({
      path: "gemeente",
      code: "gemeente_unknown",
      message: `no municipality ${input.gemeente}`,
      params: { code: input.gemeente },
    });
  if (issues.length) throw new ValidationError(issues);

  return db.transaction(async (tx) => {
    const h = await registry.findHousehold(tx, householdId, sending);
    if (!h) throw new NotFoundError("household");
    const members = await repo.movingMembers(tx, h.id, from);
    const version = await registry.bumpHouseholdVersion(tx, h.id, input.version);
    if (version === undefined)
      throw new ConflictError("the household was changed by someone else", {
        id: h.id,
        version: h.version,
      });
    const open = await repo.openHouseholdPeriod(tx, h.id);
    const starts = [
      open?.valid_from,
      ...(
        await repo.openPersonPeriods(
          tx,
          members.map((m) => m.id),
        )
      ).map((p) => p.valid_from),
    ].filter((d): d is string => d !== null && d !== undefined);
    const latest = starts.sort().at(-1);
    if (latest && from <= latest)
      throw new ValidationError({
        path: "from",
        code: "before_current_period",
        message: `must be after ${latest}, when the current period with ${sending} began`,
        params: { date: dayAfter(latest) },
      });
    const elsewhere = members.filter((m) => m.gemeente_code !== sending);
    if (elsewhere.length)
      throw new ValidationError({
        path: "household",
        code: "member_elsewhere",
        message: `${elsewhere.length} member(s) are with another municipality already`,
      });
    const personIds = members.map((m) => m.id);
    await repo.moveToGemeente(tx, h.id, personIds, input.gemeente, from, reason);
    // Both municipalities' logs show the move: the one that sent and the one responsible now.
    const why = codedReason("transfer", {
      sender: (await repo.gemeenteName(tx, sending)) ?? sending,
      receiver: receiverName ?? input.gemeente,
      date: from,
      note: reason,
    });
    for (const gemeenteCode of [sending, input.gemeente]) {
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "household",
        entityId: h.id,
        personIds,
        gemeenteCode,
        fields: ["gemeenteCode"],
        reason: why,
      });
    }
    return { householdId: h.id, gemeenteCode: input.gemeente, from, version, personIds };
  });
}

/** The household's municipalities over time (no personal data: codes, names, dates). */
export async function gemeentePeriods(db: Queryable, scope: AccessScope, householdId: number) {
  const h = await registry.findHouseholdInScope(db, householdId, scope);
  if (!h) throw new NotFoundError("household");
  const rows = await repo.householdPeriods(db, h.id);
  return rows.map((r) => ({
    gemeenteCode: r.gemeente_code,
    gemeenteName: r.gemeente_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    reason: r.reason,
  }));
}
