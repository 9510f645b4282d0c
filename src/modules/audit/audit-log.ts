/**
 * The municipal admin's audit log: the municipality's records, newest first, a page at a
 * time, filtered by user, action, period (days in Europe/Amsterdam) or person.
 *
 * Which records a municipality's admin sees:
 * - records about the municipality's data (gemeente_code), and
 * - records without a municipality (sign-in, sign-out) by the municipality's own accounts;
 * - with a person: every record about that person (their own or shared), as the person's
 *   access log (GET /persons/{id}/audit) shows them; the person must be the municipality's.
 * A record about another municipality's data never appears, also not when one of this
 * municipality's users wrote it (a BSN probe is recorded for the municipality it probed).
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { query } from "../../db/connection";
import { type AccessContext, gemeenteOf } from "../../domain/access";
import type { AuditAction } from "../../domain/enums";
import { NotFoundError } from "../../domain/errors";
import { recordAudit } from "./audit.repository";

export interface AuditLogFilter {
  personId?: number | undefined;
  userId?: number | undefined;
  action?: AuditAction | undefined;
  /** First day (YYYY-MM-DD, Europe/Amsterdam), inclusive. */
  from?: string | undefined;
  /** Last day, inclusive. */
  to?: string | undefined;
  limit: number;
  offset: number;
}

interface Row {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  person_id: number | null;
  persons: number;
  gemeente_code: string | null;
  fields: string[] | null;
  reason: string | null;
}

const COLUMNS = sql.raw(`a.id, a.at, a.user_id, a.username, a.role, a.action, a.entity_type,
  a.entity_id, a.person_id, coalesce(cardinality(a.person_ids), 0)::int as persons,
  a.gemeente_code, a.fields, a.reason`);

function filters(f: AuditLogFilter): SQL[] {
  const out: SQL[] = [];
  if (f.userId !== undefined) out.push(sql`a.user_id = ${f.userId}`);
  if (f.action !== undefined) out.push(sql`a.action = ${f.action}`);
  if (f.from !== undefined)
    out.push(sql`a.at >= (${f.from}::date::timestamp at time zone 'Europe/Amsterdam')`);
  if (f.to !== undefined)
    out.push(sql`a.at < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`);
  return out;
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

/**
 * One page of the log (one more record than asked, to know whether another page follows).
 * Each part of the scope is its own ordered question, so each is served by its index (the
 * municipality's records by (gemeente_code, at, id), an account's by (user_id, at)).
 */
async function page(db: Db, gemeente: string, f: AuditLogFilter): Promise<Row[]> {
  const n = f.offset + f.limit + 1;
  const order = sql.raw("order by at desc, id desc");
  const where = filters(f);
  if (f.personId !== undefined) {
    return query<Row>(
      db,
      sql`select ${COLUMNS} from audit_record a
          where ${and([
            sql`(a.person_id = ${f.personId} or a.person_ids && ${`{${f.personId}}`}::int[])`,
            ...where,
          ])}
          order by a.at desc, a.id desc limit ${f.limit + 1} offset ${f.offset}`,
    );
  }
  const own = sql`a.user_id in (select u.id from app_user u where u.gemeente_code = ${gemeente})`;
  return query<Row>(
    db,
    sql`select * from (
          (select ${COLUMNS} from audit_record a
           where ${and([sql`a.gemeente_code = ${gemeente}`, ...where])}
           order by a.at desc, a.id desc limit ${n})
          union all
          (select ${COLUMNS} from audit_record a
           where ${and([sql`a.gemeente_code is null`, own, ...where])}
           order by a.at desc, a.id desc limit ${n})
        ) x ${order} limit ${f.limit + 1} offset ${f.offset}`,
  );
}

/** A person of the municipality, with the names the log's heading shows. */
async function personOf(db: Db, personId: number, gemeente: string) {
  const [row] = await query<{
    id: number;
    family_name: string;
    given_names: string;
    family_name_cyrillic: string | null;
    given_names_cyrillic: string | null;
  }>(
    db,
    sql`select id, family_name, given_names, family_name_cyrillic, given_names_cyrillic
        from person where id = ${personId} and gemeente_code = ${gemeente}`,
  );
  return row;
}

/**
 * The municipality's audit log for its admin. Reading it is itself recorded (the person's
 * own log shows it when the log was filtered on them).
 */
export async function auditLog(db: Db, actor: AccessContext, f: AuditLogFilter) {
  const gemeente = gemeenteOf(actor);
  const person = f.personId === undefined ? undefined : await personOf(db, f.personId, gemeente);
  if (f.personId !== undefined && !person) throw new NotFoundError("person");
  const rows = await page(db, gemeente, f);
  await recordAudit(db, actor, {
    action: "read",
    entityType: "audit",
    entityId: f.personId ?? null,
    personId: f.personId ?? null,
    gemeenteCode: gemeente,
    fields: ["audit"],
  });
  const more = rows.length > f.limit;
  return {
    person: person
      ? {
          id: person.id,
          familyName: person.family_name,
          givenNames: person.given_names,
          familyNameCyrillic: person.family_name_cyrillic,
          givenNamesCyrillic: person.given_names_cyrillic,
        }
      : null,
    offset: f.offset,
    limit: f.limit,
    hasMore: more,
    records: rows.slice(0, f.limit).map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      role: r.role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      // In a person's log a shared record is shown as theirs (as GET /persons/{id}/audit).
      personId: f.personId ?? r.person_id,
      persons: f.personId === undefined ? r.persons : 0,
      gemeenteCode: r.gemeente_code,
      fields: r.fields,
      reason: r.reason,
    })),
  };
}
