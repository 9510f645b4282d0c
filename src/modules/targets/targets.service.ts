/**
 * Targets of places (opgave): the coordinator sets a national number of realised places by
 * a deadline, split over the safety regions equally or by hand; the regions and
 * municipalities see the realised places against it, the pipeline (locations to be realised,
 * with their expected dates) and the gap. Aggregates only.
 */
import type { Db, Queryable } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import { parseIsoDate, todayNl } from "../../domain/dates";
import type { TargetSplit } from "../../domain/enums";
import { ConflictError, type Issue, NotFoundError, ValidationError } from "../../domain/errors";
import { equalShares } from "../../domain/shares";
import { recordAudit } from "../audit";
import { dateOrToday, regionsOccupancy } from "../occupancy";
import * as repo from "./targets.repository";

export interface TargetInput {
  places: number;
  deadline: string;
  setOn?: string;
  split: TargetSplit;
  /** by_hand: every safety region's places, by code (VR01 …). */
  regions?: Record<string, number>;
  note?: string | null;
}

export async function setTarget(db: Db, actor: AccessContext, input: TargetInput) {
  const issues: Issue[] = [];
  const attempt = (value: string | undefined, path: string) => {
    try {
      return parseIsoDate(value, path);
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
      return undefined;
    }
  };
  const today = todayNl();
  const deadline = attempt(input.deadline, "deadline");
  const setOn = input.setOn === undefined ? today : attempt(input.setOn, "setOn");
  if (setOn && setOn > today)
    issues.push({
      path: "setOn",
      code: "date_in_future",
      message: `a target is recorded when it is set; ${setOn} is after today (${today})`,
    });
  if (setOn && deadline && deadline < setOn)
    issues.push({
      path: "deadline",
      code: "before_set_on",
      message: `the deadline ${deadline} is before the day the target is set (${setOn})`,
    });
  const regions = await repo.regions(db);
  const codes = regions.map((r) => r.code);
  let shares = new Map<string, number>();
  if (input.split === "equal") {
    if (input.regions !== undefined)
      issues.push({
        path: "regions",
        code: "regions_with_equal_split",
        message: "an equal split computes the regions' places; leave regions out or split by hand",
      });
    shares = equalShares(input.places, codes);
  } else {
    const given = input.regions ?? {};
    for (const code of Object.keys(given))
      if (!codes.includes(code))
        issues.push({
          path: `regions.${code}`,
          code: "region_unknown",
          message: `no safety region ${code}`,
        });
    for (const code of codes)
      if (given[code] === undefined)
        issues.push({
          path: `regions.${code}`,
          code: "region_missing",
          message: `a split by hand gives every safety region its places; ${code} has none`,
        });
    const sum = Object.values(given).reduce((a, b) => a + b, 0);
    if (sum !== input.places)
      issues.push({
        path: "regions",
        code: "regions_sum",
        message: `the regions add up to ${sum}, the target is ${input.places}`,
        params: { sum, places: input.places },
      });
    shares = new Map(codes.map((c) => [c, given[c] ?? 0]));
  }
  if (issues.length) throw new ValidationError(issues);

  return db.transaction(async (tx) => {
    if (await repo.targetSetOn(tx, setOn!))
      throw new ConflictError(
        `a target was set on ${setOn} already; a new one needs its own day`,
        undefined,
        [],
        {
          code: "target_exists",
        },
      );
    const id = await repo.insertTarget(
      tx,
      {
        places: input.places,
        deadline: deadline!,
        setOn: setOn!,
        split: input.split,
        note: input.note?.trim() || null,
        setBy: actor.id,
      },
      shares,
    );
    await recordAudit(tx, actor, { action: "create", entityType: "place_target", entityId: id });
    return (
      await targetsWithRegions(tx, [(await repo.listTargets(tx)).find((t) => t.id === id)!])
    )[0]!;
  });
}

async function targetsWithRegions(db: Queryable, rows: repo.TargetRow[]) {
  const regions = await repo.regionsOfTargets(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((t) => ({
    id: t.id,
    places: t.places,
    deadline: t.deadline,
    setOn: t.set_on,
    split: t.split,
    note: t.note,
    setBy: t.set_by_name,
    regions: regions
      .filter((r) => r.target_id === t.id)
      .map((r) => ({ code: r.code, places: r.places })),
  }));
}

export async function listTargets(db: Queryable) {
  return targetsWithRegions(db, await repo.listTargets(db));
}

interface RegionProgress {
  code: string;
  name: string;
  target: number | null;
  realised: number;
  /** Places expected to be realised by the deadline, and after it. */
  pipelineByDeadline: number;
  pipelineLater: number;
  expected: { date: string; places: number }[];
  /** What is still to be found: target − realised − pipeline by the deadline (not below 0). */
  gap: number | null;
}

/** Realised against target on a day, per safety region and for the nation. */
export async function progressOn(db: Queryable, onText: string | undefined) {
  const on = dateOrToday(onText);
  const target = await repo.targetOn(db, on);
  const [withRegions] = target ? await targetsWithRegions(db, [target]) : [undefined];
  const occupancy = await regionsOccupancy(db, { on });
  const pipeline = await repo.pipelineOn(db, on);
  const regionNames = await repo.regions(db);
  const progress = (
    code: string,
    name: string,
    realised: number,
    share: number | null,
    rows: typeof pipeline,
  ): RegionProgress => {
    const deadline = target?.deadline;
    const byDeadline = rows
      .filter((p) => deadline !== undefined && p.expected <= deadline)
      .reduce((a, p) => a + p.places, 0);
    const all = rows.reduce((a, p) => a + p.places, 0);
    const expected = new Map<string, number>();
    for (const p of rows) expected.set(p.expected, (expected.get(p.expected) ?? 0) + p.places);
    return {
      code,
      name,
      target: share,
      realised,
      pipelineByDeadline: byDeadline,
      pipelineLater: all - byDeadline,
      expected: [...expected].map(([date, places]) => ({ date, places })),
      gap: share === null ? null : Math.max(0, share - realised - byDeadline),
    };
  };
  const regions = regionNames.map((r) => {
    const realised = occupancy.regions.find((x) => x.code === r.code)?.realisedPlaces ?? 0;
    const share = withRegions?.regions.find((x) => x.code === r.code)?.places ?? null;
    return progress(
      r.code,
      r.name,
      realised,
      share,
      pipeline.filter((p) => p.region === r.code),
    );
  });
  const nation = progress(
    "NL",
    "Nederland",
    occupancy.national.realisedPlaces,
    target?.places ?? null,
    pipeline,
  );
  return {
    on,
    target: withRegions
      ? {
          id: withRegions.id,
          places: withRegions.places,
          deadline: withRegions.deadline,
          setOn: withRegions.setOn,
          split: withRegions.split,
          note: withRegions.note,
        }
      : null,
    nation,
    regions,
  };
}

/** A municipality's view: its safety region's progress and the nation's. */
export async function progressForGemeente(db: Queryable, actor: AccessContext, on?: string) {
  const day = dateOrToday(on);
  const region = await repo.regionOfGemeente(db, gemeenteOf(actor), day);
  if (!region) throw new NotFoundError("veiligheidsregio of your municipality on that day");
  const all = await progressOn(db, day);
  return {
    on: all.on,
    target: all.target,
    nation: all.nation,
    region: all.regions.find((r) => r.code === region)!,
  };
}
