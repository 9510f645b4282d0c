/**
 * Places of other target groups per location (status holders, asylum seekers): under the
 * doelgroepflexibele opvangregeling a location may house them beside displaced persons. The
 * municipality enters their places as dated counts, from the scheme's start date on; the
 * claim counts them apart, never in the displaced persons' places or the occupancy figures.
 * A count from a date ends the open one the day before; the same date corrects it; an
 * earlier date is refused (history is not rewritten silently), as a location's capacity.
 */
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { dayBefore, parseIsoDate } from "../../domain/dates";
import { type Issue, ValidationError } from "../../domain/errors";
import { DFO_IN_FORCE, OTHER_TARGET_GROUPS, type OtherTargetGroup } from "../../rules/funding";
import { getLawbook } from "../../rules/lawbook";
import { recordAudit } from "../audit";
import * as repo from "./funding-entries.repository";

/** The first day of the scheme that funds other target groups (2026-05-01, intended). */
export function targetGroupsFrom(): string {
  const first = getLawbook()
    .get(DFO_IN_FORCE)
    .versions.find((v) => v.value !== null);
  if (!first) throw new Error(`${DFO_IN_FORCE} has no value`);
  return first.validFrom;
}

export async function listTargetGroupPlaces(db: Queryable, actor: AccessContext) {
  const gemeente = gemeenteOf(actor);
  return {
    gemeenteCode: gemeente,
    from: targetGroupsFrom(),
    rows: await repo.listTargetGroupPlaces(db, gemeente),
  };
}

/** A location's places of one group from a date (a new count, or a correction). */
export async function setTargetGroupPlaces(
  db: Db,
  actor: AccessContext,
  input: { locationId: number; targetGroup: string; places: number; validFrom: string },
) {
  const gemeente = gemeenteOf(actor);
  const issues: Issue[] = [];
  if (!(OTHER_TARGET_GROUPS as readonly string[]).includes(input.targetGroup)) {
    issues.push({
      path: "targetGroup",
      code: "invalid_value",
      message: `one of ${OTHER_TARGET_GROUPS.join(", ")}`,
    });
  }
  if (!Number.isSafeInteger(input.places) || input.places < 0 || input.places > 100_000) {
    issues.push({
      path: "places",
      code: "places_invalid",
      message: "places must be a whole number, 0 or more",
    });
  }
  let from: string | undefined;
  try {
    from = parseIsoDate(input.validFrom, "validFrom");
    const first = targetGroupsFrom();
    if (from < first) {
      issues.push({
        path: "validFrom",
        code: "before_scheme",
        message: `other target groups are funded from ${first}, the start of the doelgroepflexibele opvangregeling`,
        params: { min: first },
      });
    }
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.issues);
  }
  if (issues.length) throw new ValidationError(issues);
  const group = input.targetGroup as OtherTargetGroup;
  await db.transaction(async (tx) => {
    const location = await repo.locationOf(tx, input.locationId, gemeente);
    if (!location) {
      throw new ValidationError({
        path: "locationId",
        code: "location_not_found",
        message: "no location with this id in your municipality",
      });
    }
    const history = await repo.targetGroupHistory(tx, location.id, group);
    const later = history.find((r) => r.valid_from > from!);
    if (later) {
      throw new ValidationError({
        path: "validFrom",
        code: "before_current",
        message: `must be on or after ${later.valid_from}, the start of the latest count`,
        params: { min: later.valid_from },
      });
    }
    const open = history.find((r) => r.valid_to === null);
    const covering = history.find((r) => r !== open && r.valid_to !== null && r.valid_to >= from!);
    if (covering) {
      throw new ValidationError({
        path: "validFrom",
        code: "places_history",
        message: `the count from ${covering.valid_from} to ${covering.valid_to} covers this date; give a later date`,
      });
    }
    if (open && open.valid_from === from) {
      await repo.setTargetGroupPlaces(tx, open.id, input.places, actor.id);
    } else {
      if (open) await repo.closeTargetGroupPlaces(tx, open.id, dayBefore(from!));
      await repo.insertTargetGroupPlaces(tx, {
        locationId: location.id,
        targetGroup: group,
        places: input.places,
        validFrom: from!,
        enteredBy: actor.id,
      });
    }
    await recordAudit(tx, actor, {
      action: open && open.valid_from === from ? "update" : "create",
      entityType: "location_target_groups",
      entityId: location.id,
      gemeenteCode: gemeente,
      fields: ["targetGroup", "places", "validFrom"],
    });
  });
  return listTargetGroupPlaces(db, actor);
}
