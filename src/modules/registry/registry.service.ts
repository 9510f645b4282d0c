import type { Db, Queryable } from "../../db/connection";
import type { membershipRoles } from "../../db/schema";
import { type AccessContext, type AccessScope, gemeenteOf } from "../../domain/access";
import { parseBsn } from "../../domain/bsn";
import { parseBrpDate, parseIsoDate, todayNl } from "../../domain/dates";
import {
  ConflictError,
  type Issue,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from "../../domain/errors";
import { codedReason } from "../../domain/reasons";
import { searchKeys } from "../../domain/transliteration";
import { isAdultOnDate } from "../../rules/household-month";
import { listAuditForPerson, recordAudit, recordAuditForPersons } from "../audit";
import * as repo from "./registry.repository";

export type MembershipRole = (typeof membershipRoles)[number];

export interface PersonInput {
  bsn?: string | null;
  vNumber?: string | null;
  familyName: string;
  givenNames: string;
  familyNameCyrillic?: string | null;
  givenNamesCyrillic?: string | null;
  birthDate: string;
  sex?: "M" | "V" | "O";
  nationalityCode?: string;
  protectionStart?: string | null;
  brpRegistrationDate?: string | null;
  brpGemeenteCode?: string | null;
  contactLanguage?: "nl" | "uk" | "en";
}

export interface MemberInput {
  role: MembershipRole;
  /** A new person … */
  person?: PersonInput;
  /** … or one already registered in this municipality. */
  personId?: number;
}

/** Checks a person's fields; collects all problems with their paths. */
export function checkPerson(input: Partial<PersonInput>, path: string, issues: Issue[]) {
  const at = (f: string) => (path ? `${path}.${f}` : f);
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
      return undefined;
    }
  };
  const out: Partial<PersonInput> = { ...input };
  if (input.bsn) out.bsn = attempt(() => parseBsn(input.bsn!, at("bsn")));
  else if (input.bsn === "") out.bsn = null;
  if (input.vNumber) {
    const v = input.vNumber.replace(/\s/g, "");
    if (!/^\d{10}$/.test(v)) {
      issues.push({
        path: at("vNumber"),
        code: "v_number_format",
        message: "V-number must be 10 digits",
      });
    }
    out.vNumber = v;
  } else if (input.vNumber === "") out.vNumber = null;
  for (const f of ["familyName", "givenNames"] as const) {
    if (f in input && !input[f]?.trim()) {
      issues.push({ path: at(f), code: "required", message: "is required" });
    }
  }
  for (const f of ["familyNameCyrillic", "givenNamesCyrillic"] as const) {
    if (input[f] && !/^[\p{Script=Cyrillic}\s'ʼ’-]+$/u.test(input[f]!)) {
      issues.push({ path: at(f), code: "not_cyrillic", message: "use Cyrillic letters only" });
    }
  }
  if (input.birthDate !== undefined) {
    const b = attempt(() => parseBrpDate(input.birthDate, at("birthDate")));
    if (b && b !== "0000-00-00" && b.slice(0, 4) > todayNl().slice(0, 4)) {
      issues.push({ path: at("birthDate"), code: "date_future", message: "lies in the future" });
    }
  }
  for (const f of ["protectionStart", "brpRegistrationDate"] as const) {
    if (input[f]) attempt(() => parseIsoDate(input[f], at(f)));
  }
  if (input.nationalityCode !== undefined && !/^\d{4}$/.test(input.nationalityCode)) {
    issues.push({
      path: at("nationalityCode"),
      code: "nationality_code",
      message: "BRP nationality code: 4 digits (Ukrainian = 0034)",
    });
  }
  if (input.brpGemeenteCode && !/^\d{4}$|^GM\d{4}$/.test(input.brpGemeenteCode)) {
    issues.push({
      path: at("brpGemeenteCode"),
      code: "gemeente_code",
      message: "BRP municipality code: 4 digits or GM0000",
    });
  }
  return out;
}

/** A BSN or V-number the caller typed that belongs to a person of another municipality. */
interface Probe {
  personId: number;
  gemeenteCode: string;
  field: "bsn" | "vNumber";
}

/**
 * BSNs and V-numbers are unique nationally, so a duplicate is refused wherever the other
 * person lives; the answer never says where. A hit in another municipality is a probe:
 * collected here, audited for the owning municipality and limited per user
 * (auditedChange).
 */
async function checkUnique(
  db: Queryable,
  p: Partial<PersonInput>,
  path: string,
  self: number | undefined,
  probes: Probe[],
  gemeenteCode: string,
) {
  const issues: Issue[] = [];
  for (const field of ["bsn", "vNumber"] as const) {
    const value = p[field];
    if (!value) continue;
    const other = await repo.findPersonIdBy(db, field, value);
    if (other && other.id !== self) {
      issues.push({
        path: path ? `${path}.${field}` : field,
        code: "duplicate",
        message: `${field === "bsn" ? "BSN" : "V-number"} is already registered`,
      });
      if (other.gemeenteCode !== gemeenteCode) {
        probes.push({ personId: other.id, gemeenteCode: other.gemeenteCode, field });
      }
    }
  }
  return issues;
}

/** Probes of other municipalities' BSNs per user: at most PROBE_LIMIT an hour. */
const PROBE_LIMIT = 10;
const PROBE_WINDOW_MS = 3_600_000;
const probeCounts = new Map<number, { count: number; resetAt: number }>();

function checkProbeLimit(actor: AccessContext) {
  const now = Date.now();
  const c = probeCounts.get(actor.id);
  if (c && c.resetAt > now && c.count >= PROBE_LIMIT) {
    throw new RateLimitedError(
      "too many BSNs or V-numbers of persons elsewhere were tried; try again later",
      Math.ceil((c.resetAt - now) / 1000),
    );
  }
}

function countProbes(actor: AccessContext, n: number) {
  const now = Date.now();
  const c = probeCounts.get(actor.id);
  if (!c || c.resetAt <= now) {
    if (probeCounts.size > 10_000) probeCounts.clear();
    probeCounts.set(actor.id, { count: n, resetAt: now + PROBE_WINDOW_MS });
  } else c.count += n;
}

/** Records each probe for the owning municipality, after the refused change rolled back. */
async function auditProbes(db: Db, actor: AccessContext, probes: readonly Probe[]) {
  for (const p of probes) {
    await recordAudit(db, actor, {
      action: "read",
      entityType: "person",
      entityId: p.personId,
      personId: p.personId,
      gemeenteCode: p.gemeenteCode,
      fields: [p.field],
      reason: "bsn_probe",
    });
  }
  countProbes(actor, probes.length);
}

function roleFitsAge(
  role: MembershipRole,
  birthDate: string,
  on: string,
  path: string,
  issues: Issue[],
) {
  if (role !== "child") return;
  // The law's adult age and reading of partly unknown dates (law/rooo/household.yaml).
  if (isAdultOnDate(birthDate, on) === true) {
    issues.push({
      path: `${path}.role`,
      code: "child_adult",
      message:
        "a child in the household must be a minor on the start date; an adult child forms an own household",
    });
  }
}

async function checkNoOverlap(
  db: Queryable,
  personId: number,
  from: string,
  path: string,
  issues: Issue[],
) {
  const overlaps = await repo.overlappingMemberships(db, personId, from, null);
  for (const o of overlaps) {
    issues.push({
      path,
      code: "membership_overlap",
      message: `is a member of household ${o.household_id} from ${o.valid_from}${o.valid_to ? ` to ${o.valid_to}` : ""}; end that membership first`,
      params: { householdId: o.household_id },
    });
  }
}

function toPersonRow(p: PersonInput, gemeenteCode: string): repo.NewPerson {
  return {
    gemeenteCode,
    bsn: p.bsn || null,
    vNumber: p.vNumber || null,
    familyName: p.familyName.trim(),
    givenNames: p.givenNames.trim(),
    familyNameCyrillic: p.familyNameCyrillic?.trim() || null,
    givenNamesCyrillic: p.givenNamesCyrillic?.trim() || null,
    birthDate: p.birthDate,
    sex: p.sex ?? "O",
    nationalityCode: p.nationalityCode ?? "0034",
    protectionStart: p.protectionStart || null,
    brpRegistrationDate: p.brpRegistrationDate || null,
    brpGemeenteCode: p.brpGemeenteCode || null,
    contactLanguage: p.contactLanguage ?? "uk",
  };
}

const PERSON_FIELDS = Object.keys(
  toPersonRow({ familyName: "", givenNames: "", birthDate: "" }, ""),
);

/** Registers a household with its members from a date, in one transaction. */
export async function registerHousehold(
  db: Db,
  actor: AccessContext,
  input: { label?: string; validFrom: string; reason?: string; members: MemberInput[] },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  let from = input.validFrom;
  try {
    from = parseIsoDate(input.validFrom, "validFrom");
  } catch (e) {
    issues.push(...(e as ValidationError).issues);
  }
  if (!input.members.length) {
    issues.push({
      path: "members",
      code: "required",
      message: "a household needs at least one member",
    });
  }
  const prepared = input.members.map((m, i) => {
    const path = `members.${i}`;
    if (!m.person === !m.personId) {
      issues.push({ path, code: "person_or_id", message: "give either person or personId" });
      return { ...m, person: undefined };
    }
    return {
      ...m,
      person: m.person
        ? (checkPerson(m.person, `${path}.person`, issues) as PersonInput)
        : undefined,
    };
  });
  if (issues.length) throw new ValidationError(issues);

  return auditedConflict(db, actor, gemeenteCode, (probes) =>
    db.transaction(async (tx) => {
      const seen = new Set<string>();
      for (const [i, m] of prepared.entries()) {
        if (m.person) {
          issues.push(
            ...(await checkUnique(
              tx,
              m.person,
              `members.${i}.person`,
              undefined,
              probes,
              gemeenteCode,
            )),
          );
          for (const f of ["bsn", "vNumber"] as const) {
            const v = m.person[f];
            if (v && seen.has(`${f}:${v}`)) {
              issues.push({
                path: `members.${i}.person.${f}`,
                code: "duplicate",
                message: "appears twice in this household",
              });
            }
            if (v) seen.add(`${f}:${v}`);
          }
          roleFitsAge(m.role, m.person.birthDate, from, `members.${i}`, issues);
        } else {
          const existing = await repo.findPerson(tx, m.personId!, gemeenteCode);
          if (!existing) {
            issues.push({
              path: `members.${i}.personId`,
              code: "not_found",
              message: "no such person in your municipality",
            });
            continue;
          }
          roleFitsAge(m.role, existing.birthDate, from, `members.${i}`, issues);
          await checkNoOverlap(tx, existing.id, from, `members.${i}.personId`, issues);
        }
      }
      if (issues.length) throw new ValidationError(issues);

      const firstNew = prepared.find((m) => m.person)?.person;
      const h = await repo.insertHousehold(
        tx,
        gemeenteCode,
        input.label?.trim() || firstNew?.familyName || "household",
      );
      const members = [];
      for (const m of prepared) {
        const personId = m.person
          ? (await repo.insertPerson(tx, toPersonRow(m.person, gemeenteCode))).id
          : m.personId!;
        if (m.person) {
          await recordAudit(tx, actor, {
            action: "create",
            entityType: "person",
            entityId: personId,
            personId,
            gemeenteCode,
            fields: PERSON_FIELDS,
          });
        }
        members.push(
          await repo.insertMembership(tx, {
            householdId: h.id,
            personId,
            role: m.role,
            validFrom: from,
            reason: input.reason ?? "arrival",
          }),
        );
        await recordAudit(tx, actor, {
          action: "add_member",
          entityType: "household",
          entityId: h.id,
          personId,
          gemeenteCode,
          reason: input.reason ?? "arrival",
        });
      }
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "household",
        entityId: h.id,
        gemeenteCode,
      });
      return { id: h.id, version: h.version, memberIds: members.map((m) => m.personId) };
    }),
  );
}

/** Adds a member from a date (birth, arrival, reunification). */
export async function addMember(
  db: Db,
  actor: AccessContext,
  householdId: number,
  input: MemberInput & { validFrom: string; reason: string; version: number },
) {
  const gemeenteCode = gemeenteOf(actor);
  const issues: Issue[] = [];
  const from = parseIsoDate(input.validFrom, "validFrom");
  if (!input.person === !input.personId) {
    throw new ValidationError({
      path: "person",
      code: "person_or_id",
      message: "give either person or personId",
    });
  }
  const p = input.person ? (checkPerson(input.person, "person", issues) as PersonInput) : undefined;
  if (issues.length) throw new ValidationError(issues);
  return auditedConflict(db, actor, gemeenteCode, (probes) =>
    db.transaction(async (tx) => {
      const h = await repo.findHousehold(tx, householdId, gemeenteCode);
      if (!h) throw new NotFoundError("household");
      let personId = input.personId;
      if (p) {
        issues.push(...(await checkUnique(tx, p, "person", undefined, probes, gemeenteCode)));
        roleFitsAge(input.role, p.birthDate, from, "", issues);
      } else {
        const existing = await repo.findPerson(tx, personId!, gemeenteCode);
        if (!existing)
          throw new ValidationError({
            path: "personId",
            code: "not_found",
            message: "no such person in your municipality",
          });
        roleFitsAge(input.role, existing.birthDate, from, "", issues);
        await checkNoOverlap(tx, existing.id, from, "personId", issues);
      }
      if (issues.length)
        throw new ValidationError(issues.map((i) => ({ ...i, path: i.path.replace(/^\./, "") })));
      const version = await repo.bumpHouseholdVersion(tx, h.id, input.version);
      if (version === undefined) throw await householdConflict(tx, h.id, gemeenteCode);
      if (p) {
        personId = (await repo.insertPerson(tx, toPersonRow(p, gemeenteCode))).id;
        await recordAudit(tx, actor, {
          action: "create",
          entityType: "person",
          entityId: personId,
          personId,
          gemeenteCode,
          fields: PERSON_FIELDS,
        });
      }
      await repo.insertMembership(tx, {
        householdId: h.id,
        personId: personId!,
        role: input.role,
        validFrom: from,
        reason: input.reason,
      });
      await recordAudit(tx, actor, {
        action: "add_member",
        entityType: "household",
        entityId: h.id,
        personId,
        gemeenteCode,
        reason: input.reason,
      });
      return { personId: personId!, version };
    }),
  );
}

/** Ends a membership on a date (departure, child turning 18, death). */
/**
 * What ending a membership may set off in other modules, given by the composition root
 * (http/app.ts): the registry knows households, not placements.
 */
export interface MembershipHooks {
  /** Ends the person's stay in reception on `to` (a departure), in the same transaction. */
  endStay(
    tx: Queryable,
    actor: AccessContext,
    stay: {
      personId: number;
      householdId: number;
      gemeenteCode: string;
      to: string;
      reason: string;
    },
  ): Promise<void>;
}

export async function endMember(
  db: Db,
  actor: AccessContext,
  householdId: number,
  membershipId: number,
  input: { validTo: string; reason: string; version: number; endPlacement?: boolean },
  hooks?: MembershipHooks,
) {
  const gemeenteCode = gemeenteOf(actor);
  const to = parseIsoDate(input.validTo, "validTo");
  if (!input.reason?.trim())
    throw new ValidationError({
      path: "reason",
      code: "required",
      message: "say why the membership ends",
    });
  return auditedConflict(db, actor, gemeenteCode, (_probes) =>
    db.transaction(async (tx) => {
      const h = await repo.findHousehold(tx, householdId, gemeenteCode);
      if (!h) throw new NotFoundError("household");
      const m = await repo.findMembership(tx, membershipId, householdId);
      if (!m) throw new NotFoundError("membership");
      if (m.validTo !== null)
        throw new ValidationError({
          path: "validTo",
          code: "already_ended",
          message: `the membership already ended on ${m.validTo}`,
        });
      if (to < m.validFrom) {
        throw new ValidationError({
          path: "validTo",
          code: "before_start",
          message: `must be on or after the start ${m.validFrom}`,
        });
      }
      const version = await repo.bumpHouseholdVersion(tx, h.id, input.version);
      if (version === undefined) throw await householdConflict(tx, h.id, gemeenteCode);
      await repo.endMembershipRow(tx, m.id, to, input.reason);
      // A departure usually ends the stay in reception too (not so a child turning 18, who
      // stays where they live with an own household): the caller says which.
      if (input.endPlacement) {
        if (!hooks)
          throw new Error("ending a placement with a membership needs the placements hook");
        await hooks.endStay(tx, actor, {
          personId: m.personId,
          householdId: h.id,
          gemeenteCode,
          to,
          reason: input.reason,
        });
      }
      await recordAudit(tx, actor, {
        action: "end_member",
        entityType: "household",
        entityId: h.id,
        personId: m.personId,
        gemeenteCode,
        reason: input.reason,
      });
      return { version };
    }),
  );
}

/** A household that changed meanwhile: the 409 carries it as it is now, and whose it is. */
async function householdConflict(db: Queryable, id: number, gemeenteCode: string) {
  const view = await householdView(db, id, { kind: "gemeente", gemeente: gemeenteCode });
  return new ConflictError(
    "the household was changed by someone else",
    view,
    view.members.map((m) => m.person.id),
  );
}

/**
 * Runs a change; when it answers 409 with the record as it is now, that answer is a read of
 * personal data: audited after the change's transaction rolled back, so the record stays.
 */
async function auditedConflict<T>(
  db: Db,
  actor: AccessContext,
  gemeenteCode: string,
  change: (probes: Probe[]) => Promise<T>,
): Promise<T> {
  checkProbeLimit(actor);
  const probes: Probe[] = [];
  try {
    return await change(probes);
  } catch (e) {
    if (probes.length > 0) await auditProbes(db, actor, probes);
    if (e instanceof ConflictError && e.personIds.length > 0) {
      await recordAuditForPersons(
        db,
        actor,
        {
          action: "read",
          entityType: "person",
          gemeenteCode,
          fields: PERSON_FIELDS,
          reason: "conflict",
        },
        e.personIds,
      );
    }
    throw e;
  }
}

/** The household with members over time; no audit (callers audit the read). */
export async function householdView(db: Queryable, id: number, scope: AccessScope) {
  const h = await repo.findHouseholdInScope(db, id, scope);
  if (!h) throw new NotFoundError("household");
  const rows = await repo.membershipsOfHousehold(db, id);
  return {
    id: h.id,
    label: h.label,
    gemeenteCode: h.gemeenteCode,
    version: h.version,
    members: rows.map((r) => ({
      membershipId: r.membership.id,
      role: r.membership.role,
      validFrom: r.membership.validFrom,
      validTo: r.membership.validTo,
      reason: r.membership.reason,
      person: publicPerson(r.person),
    })),
  };
}

/**
 * The fields of a person the API shows, by allow-list: a column added to the table is not
 * shown until it is added here (and to the Person schema in registry.routes.ts).
 */
export function publicPerson(p: repo.PublicPersonRow) {
  return {
    id: p.id,
    gemeenteCode: p.gemeenteCode,
    bsn: p.bsn,
    vNumber: p.vNumber,
    familyName: p.familyName,
    givenNames: p.givenNames,
    familyNameCyrillic: p.familyNameCyrillic,
    givenNamesCyrillic: p.givenNamesCyrillic,
    birthDate: p.birthDate,
    sex: p.sex,
    nationalityCode: p.nationalityCode,
    protectionStart: p.protectionStart,
    brpRegistrationDate: p.brpRegistrationDate,
    brpGemeenteCode: p.brpGemeenteCode,
    contactLanguage: p.contactLanguage,
    version: p.version,
    updatedAt: p.updatedAt,
  };
}

const readHouseholdAudited = repo.householdReader(PERSON_FIELDS);

/**
 * A household with members and history: for its municipality, and for a resident their own.
 * One statement reads it and writes the read's audit record (repo.householdReader).
 */
export async function readHousehold(db: Db, actor: AccessContext, id: number) {
  const h = await readHouseholdAudited(db, actor, id);
  if (!h) throw new NotFoundError("household");
  return {
    id: h.id,
    label: h.label,
    gemeenteCode: h.gemeenteCode,
    version: h.version,
    members: h.members.map((m) => ({
      membershipId: m.membershipId,
      role: m.role,
      validFrom: m.validFrom,
      validTo: m.validTo,
      reason: m.reason,
      person: publicPerson(m.person),
    })),
    history: h.history,
  };
}

/** A page of a household's history of changes, newest first. */
export async function householdHistory(
  db: Db,
  actor: AccessContext,
  id: number,
  page: { before?: number | undefined; limit: number },
) {
  return db.transaction(async (tx) => {
    const view = await householdView(tx, id, actor.scope);
    const personIds = [...new Set(view.members.map((m) => m.person.id))];
    await recordAuditForPersons(
      tx,
      actor,
      {
        action: "read",
        entityType: "household_history",
        entityId: id,
        gemeenteCode: view.gemeenteCode,
        fields: ["history"],
      },
      personIds,
    );
    // One more than asked: whether a next page exists.
    const rows = await repo.historyOfHousehold(tx, id, personIds, {
      before: page.before,
      limit: page.limit + 1,
    });
    const records = [...new Set(rows.map((r) => r.id))];
    const kept = new Set(records.slice(0, page.limit));
    const entries = rows.filter((r) => kept.has(r.id));
    const more = records.length > page.limit;
    return { entries, nextBefore: more ? (entries[entries.length - 1]?.id ?? null) : null };
  });
}

/** A person: for their municipality, and for a resident the members of their household. */
export async function readPerson(db: Db, actor: AccessContext, id: number) {
  return db.transaction(async (tx) => {
    const p = await repo.findPersonInScope(tx, id, actor.scope);
    if (!p) throw new NotFoundError("person");
    const gemeenteCode = p.gemeenteCode;
    await recordAudit(tx, actor, {
      action: "read",
      entityType: "person",
      entityId: id,
      personId: id,
      gemeenteCode,
      fields: PERSON_FIELDS,
    });
    const memberships = (await repo.membershipsOfPerson(tx, id)).map((m) => ({
      id: m.id,
      householdId: m.householdId,
      personId: m.personId,
      role: m.role,
      validFrom: m.validFrom,
      validTo: m.validTo,
      reason: m.reason,
    }));
    return { ...publicPerson(p), memberships };
  });
}

export async function changePerson(
  db: Db,
  actor: AccessContext,
  id: number,
  input: Partial<PersonInput> & { version: number; reason?: string },
) {
  const gemeenteCode = gemeenteOf(actor);
  const { version, reason, ...fields } = input;
  const issues: Issue[] = [];
  const checked = checkPerson(fields, "", issues);
  if (issues.length) throw new ValidationError(issues);
  return auditedConflict(db, actor, gemeenteCode, (probes) =>
    db.transaction(async (tx) => {
      const current = await repo.findPerson(tx, id, gemeenteCode);
      if (!current) throw new NotFoundError("person");
      const dup = await checkUnique(tx, checked, "", id, probes, gemeenteCode);
      if (dup.length) throw new ValidationError(dup);
      const changes = Object.fromEntries(
        Object.entries(checked).filter(
          ([k, v]) => v !== undefined && (current as Record<string, unknown>)[k] !== v,
        ),
      ) as Partial<repo.NewPerson>;
      const updated = await repo.updatePerson(tx, id, version, changes, current);
      if (!updated)
        throw new ConflictError("the person was changed by someone else", publicPerson(current), [
          id,
        ]);
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "person",
        entityId: id,
        personId: id,
        gemeenteCode,
        fields: Object.keys(changes),
        reason: reason ?? null,
      });
      return publicPerson(updated);
    }),
  );
}

export async function search(
  db: Db,
  actor: AccessContext,
  q: {
    q?: string;
    bsn?: string;
    vNumber?: string;
    locationId?: number;
    on?: string;
    limit?: number;
  },
) {
  const gemeenteCode = gemeenteOf(actor);
  const on = q.on ? parseIsoDate(q.on, "on") : todayNl();
  const text = q.q?.trim() ?? "";
  const digits = text.replace(/[\s.]/g, "");
  // One box for everything: nine digits is a BSN, ten a V-number, otherwise a name.
  const bsn = q.bsn ?? (/^\d{9}$/.test(digits) ? digits : undefined);
  const vNumber = q.vNumber ?? (/^\d{10}$/.test(digits) ? digits : undefined);
  const keys = !bsn && !vNumber && text ? searchKeys(text) : undefined;
  if (!keys?.length && !bsn && !vNumber && !q.locationId) {
    throw new ValidationError({
      path: "q",
      code: "required",
      message: "give a name, BSN, V-number or location",
    });
  }
  const hits = await repo.searchPersons(db, {
    gemeenteCode,
    keys,
    text,
    bsn,
    vNumber,
    locationId: q.locationId,
    on,
    limit: Math.min(q.limit ?? 50, 200),
  });
  // Each person in the result had their name, BSN and birth date shown: their log says so.
  await recordAuditForPersons(
    db,
    actor,
    {
      action: "search",
      entityType: "person",
      gemeenteCode,
      fields: ["name", "bsn", "vNumber", "birthDate", "placement"],
      reason: codedReason(
        bsn
          ? "search_by_bsn"
          : vNumber
            ? "search_by_v_number"
            : keys
              ? "search_by_name"
              : "search_by_location",
      ),
    },
    hits.map((h) => h.id),
  );
  return hits;
}

/** Who looked at or changed a person's file (municipal admin). */
/** Who read or changed a person's data: for the municipal admin, and for the person themself. */
export async function personAccessLog(db: Db, actor: AccessContext, personId: number) {
  const own = actor.scope.kind === "household" && actor.scope.personId === personId;
  const p =
    actor.scope.kind === "gemeente" || own
      ? await repo.findPersonInScope(db, personId, actor.scope)
      : undefined;
  if (!p) throw new NotFoundError("person");
  const gemeenteCode = p.gemeenteCode;
  const rows = await listAuditForPerson(db, personId);
  await recordAudit(db, actor, {
    action: "read",
    entityType: "audit",
    entityId: personId,
    personId,
    gemeenteCode,
    fields: ["audit"],
  });
  return rows;
}
