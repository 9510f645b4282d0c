/**
 * The data model. Facts that change over time carry `valid_from` (inclusive) and
 * `valid_to` (inclusive, null = open): membership, placements, capacity, location status
 * and the municipality → safety region mapping. A computation for a month reads the facts
 * as they were in that month. Overlaps that the law forbids (a person in two households,
 * two placements at once) are refused by exclusion constraints in migration 0001 as a
 * backstop behind the services' own checks, which give the readable error.
 *
 * Legal dates are `date` columns read as ISO strings; timestamps are UTC `timestamptz`.
 * Money is integer cents.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { LANGUAGES, ROLES } from "../domain/access";
import {
  CONSENT_PURPOSES,
  DECISION_KINDS,
  EDUCATION_LEVELS,
  EVALUATION_DECISIONS,
  HEALTH_INSURANCE_KINDS,
  HOUSING_PLANS,
  INCOME_KINDS,
  INCOME_SOURCES,
  IND_DECISIONS,
  LOCATION_KINDS,
  LOCATION_STATUSES,
  MEMBERSHIP_ROLES,
  NATIONAL_FACT_MEASURES,
  NATIONAL_FLOW_MEASURES,
  PARTICIPATIEWET_OUTCOMES,
  PAYMENT_METHODS,
  PLACEMENT_KINDS,
  PUBLIC_ORDER_STATUSES,
  RESIDENCE_STATUS_KINDS,
  RETURN_STATUSES,
  RUN_ITEM_KINDS,
  RUN_STATUSES,
  SEXES,
  STATUS_END_REASONS,
  TARGET_SPLITS,
} from "../domain/enums";

/**
 * `column in ('a','b')` from a list in domain: the CHECK follows the one definition (the
 * text is the same as written by hand before, so no migration follows from this helper).
 */
const oneOf = (column: AnyPgColumn, values: readonly string[]) =>
  sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(","))})`;

const createdAt = () =>
  timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow();
const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow();
const validFrom = () => date("valid_from", { mode: "string" }).notNull();
const validTo = () => date("valid_to", { mode: "string" });
const validRange = (name: string) => check(name, sql`valid_to is null or valid_to >= valid_from`);

// --- Reference data -------------------------------------------------------------------

export const veiligheidsregio = pgTable("veiligheidsregio", {
  code: text("code").primaryKey(), // VR01..VR25
  name: text("name").notNull(),
});

export const gemeente = pgTable(
  "gemeente",
  {
    code: text("code").primaryKey(), // CBS code GM0363
    name: text("name").notNull(),
    provinceCode: text("province_code"), // PV27
    provinceName: text("province_name"),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: validTo(),
  },
  (t) => [check("gemeente_code_format", sql`${t.code} ~ '^GM[0-9]{4}$'`)],
);

export const gemeenteVeiligheidsregio = pgTable(
  "gemeente_veiligheidsregio",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    veiligheidsregioCode: text("veiligheidsregio_code")
      .notNull()
      .references(() => veiligheidsregio.code),
    validFrom: validFrom(),
    validTo: validTo(),
  },
  (t) => [
    index("gemeente_vr_gemeente_idx").on(t.gemeenteCode),
    index("gemeente_vr_region_idx").on(t.veiligheidsregioCode),
    validRange("gemeente_vr_valid_range"),
  ],
);

// --- Locations ------------------------------------------------------------------------

export const locationKinds = LOCATION_KINDS;
export const locationStatuses = LOCATION_STATUSES;

export const location = pgTable(
  "location",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    name: text("name").notNull(),
    street: text("street"),
    houseNumber: text("house_number"),
    postcode: text("postcode"),
    city: text("city"),
    kind: text("kind", { enum: locationKinds }).notNull(),
    // Catering is dated (location_catering): a change from a date leaves past months as they were.
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("location_gemeente_idx").on(t.gemeenteCode),
    check("location_kind_valid", oneOf(t.kind, LOCATION_KINDS)),
  ],
);

export const locationCapacity = pgTable(
  "location_capacity",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    locationId: integer("location_id")
      .notNull()
      .references(() => location.id),
    places: integer("places").notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
  },
  (t) => [
    index("location_capacity_location_idx").on(t.locationId),
    check("location_capacity_places_nonneg", sql`${t.places} >= 0`),
    validRange("location_capacity_valid_range"),
  ],
);

export const locationStatus = pgTable(
  "location_status",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    locationId: integer("location_id")
      .notNull()
      .references(() => location.id),
    status: text("status", { enum: locationStatuses }).notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
  },
  (t) => [
    index("location_status_location_idx").on(t.locationId),
    check("location_status_valid", oneOf(t.status, LOCATION_STATUSES)),
    validRange("location_status_valid_range"),
  ],
);

/**
 * Whether the location provides meals, from a date: in a GOO with catering no eetgeld is
 * paid (DOMAIN §3). Dated like capacity and status, so a change from a date leaves the
 * amounts of the months before it as they were.
 */
export const locationCatering = pgTable(
  "location_catering",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    locationId: integer("location_id")
      .notNull()
      .references(() => location.id),
    catering: boolean("catering").notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
  },
  (t) => [
    index("location_catering_location_idx").on(t.locationId),
    validRange("location_catering_valid_range"),
  ],
);

// --- Persons and households -----------------------------------------------------------

export const sexes = SEXES;
export const languages = LANGUAGES;

export const person = pgTable(
  "person",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** The municipality responsible for the person (scope for caseworkers). */
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    bsn: text("bsn"),
    vNumber: text("v_number"),
    familyName: text("family_name").notNull(),
    givenNames: text("given_names").notNull(),
    familyNameCyrillic: text("family_name_cyrillic"),
    givenNamesCyrillic: text("given_names_cyrillic"),
    /** BRP date: YYYY-MM-DD where MM and DD may be 00 when unknown. */
    birthDate: text("birth_date").notNull(),
    sex: text("sex", { enum: sexes }).notNull().default("O"),
    nationalityCode: text("nationality_code").notNull().default("0034"),
    protectionStart: date("protection_start", { mode: "string" }),
    brpRegistrationDate: date("brp_registration_date", { mode: "string" }),
    brpGemeenteCode: text("brp_gemeente_code"),
    contactLanguage: text("contact_language", { enum: languages }).notNull().default("uk"),
    /** Search keys of all name parts in both scripts (transliteration.searchKeys), so that
     * Oleksandr, Aleksandr and Олександр find the same person (index person_search_keys_idx). */
    nameKeys: text("name_keys").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("person_bsn_unique").on(t.bsn),
    uniqueIndex("person_v_number_unique").on(t.vNumber),
    // A municipality's persons in name order (the transition's lists read them so).
    index("person_gemeente_name_idx").on(t.gemeenteCode, t.familyName, t.givenNames, t.id),
    // The registrations of a period (the national flows per week).
    index("person_brp_registration_idx").on(t.brpRegistrationDate),
    // Search (registry.repository searchPersons), one index per way a name matches: the
    // name keys within the municipality ("GM0363:ALKSNDR", the SQL function
    // person_search_keys of migration 0023), so a common key's matches are the
    // municipality's and not the nation's; without a pending list, which every search
    // scanned until a vacuum merged it (10-15 ms at the national scale). And the first
    // letters of the family name in either script.
    index("person_search_keys_idx")
      .using("gin", sql`person_search_keys(${t.gemeenteCode}, ${t.nameKeys})`)
      .with({ fastupdate: false }),
    index("person_family_name_prefix_idx").on(
      t.gemeenteCode,
      sql`lower(${t.familyName}) text_pattern_ops`,
    ),
    index("person_family_name_cyrillic_prefix_idx").on(
      t.gemeenteCode,
      sql`lower(${t.familyNameCyrillic}) text_pattern_ops`,
    ),
    check("person_bsn_format", sql`${t.bsn} is null or ${t.bsn} ~ '^[0-9]{9}$'`),
    check("person_birth_date_format", sql`${t.birthDate} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check("person_sex_valid", oneOf(t.sex, SEXES)),
    check("person_nationality_format", sql`${t.nationalityCode} ~ '^[0-9]{4}$'`),
  ],
);

export const household = pgTable(
  "household",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    /** Caseworker's short label, e.g. the family name of the main applicant. */
    label: text("label").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("household_gemeente_idx").on(t.gemeenteCode)],
);

/**
 * The municipality responsible for a person, as dated periods: people move between
 * municipalities, and a month's run, the national figures and the decisions read the
 * municipality of the day asked. `valid_from` null: since the record began (the first
 * period; no earlier municipality is known). `person.gemeente_code` is the open period's
 * municipality, the one responsible today: a transfer (registry, transfer.service.ts)
 * changes both in one transaction and is never dated ahead, so the open period is today's.
 * The first period is written by the database when the person is inserted (migration 0024).
 */
export const personGemeente = pgTable(
  "person_gemeente",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id, { onDelete: "cascade" }),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: validTo(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("person_gemeente_person_idx").on(t.personId),
    index("person_gemeente_gemeente_idx").on(t.gemeenteCode),
    check(
      "person_gemeente_valid_range",
      sql`valid_to is null or valid_from is null or valid_to >= valid_from`,
    ),
  ],
);

/** A household's responsible municipality as dated periods, as personGemeente. */
export const householdGemeente = pgTable(
  "household_gemeente",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id, { onDelete: "cascade" }),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: validTo(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("household_gemeente_household_idx").on(t.householdId),
    index("household_gemeente_gemeente_idx").on(t.gemeenteCode),
    check(
      "household_gemeente_valid_range",
      sql`valid_to is null or valid_from is null or valid_to >= valid_from`,
    ),
  ],
);

export const membershipRoles = MEMBERSHIP_ROLES;

export const householdMembership = pgTable(
  "household_membership",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    role: text("role", { enum: membershipRoles }).notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
    /** Why the membership started or ended: birth, arrival, turned 18, departure … */
    reason: text("reason"),
  },
  (t) => [
    index("membership_household_idx").on(t.householdId),
    index("membership_person_idx").on(t.personId),
    // The deregistrations of a period (the national flows per week).
    index("membership_deregistration_idx")
      .on(t.validTo)
      .where(sql`${t.reason} in ('departure', 'return')`),
    check("membership_role_valid", oneOf(t.role, MEMBERSHIP_ROLES)),
    validRange("membership_valid_range"),
  ],
);

export const placementKinds = PLACEMENT_KINDS;

export const placement = pgTable(
  "placement",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    kind: text("kind", { enum: placementKinds }).notNull(),
    /** GOO: the location. */
    locationId: integer("location_id").references(() => location.id),
    /** POO: the private address and the host household. */
    street: text("street"),
    houseNumber: text("house_number"),
    postcode: text("postcode"),
    city: text("city"),
    hostName: text("host_name"),
    /** Municipality where the person lives in this placement. */
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    validFrom: validFrom(),
    validTo: validTo(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    index("placement_person_idx").on(t.personId),
    index("placement_location_idx").on(t.locationId),
    index("placement_gemeente_idx").on(t.gemeenteCode),
    // The placements that start or end in a period (the national flows per week).
    index("placement_valid_from_idx").on(t.validFrom),
    index("placement_valid_to_idx").on(t.validTo),
    check("placement_kind_valid", oneOf(t.kind, PLACEMENT_KINDS)),
    check(
      "placement_kind_target",
      sql`(${t.kind} = 'goo' and ${t.locationId} is not null) or (${t.kind} = 'poo' and ${t.locationId} is null)`,
    ),
    validRange("placement_valid_range"),
  ],
);

export const incomeKinds = INCOME_KINDS;
export const incomeSources = INCOME_SOURCES;

export const income = pgTable(
  "income",
  {
    // Ids handed out 1,000 at a time per connection instead of taking the sequence for
    // every row: inserting 150,000 incomes 0.69 → 0.64 s (psql, five runs each). Ids stay
    // unique; they are not in insertion order across connections and may have gaps.
    id: integer("id").primaryKey().generatedAlwaysAsIdentity({ cache: 1000 }),
    /**
     * The person, by a foreign key (again since migration 0016; migrations 0007-0014 kept
     * the rule by triggers instead, docs/decisions.md).
     */
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    /** First day of the month the income is for. */
    month: date("month", { mode: "string" }).notNull(),
    netCents: integer("net_cents").notNull(),
    kind: text("kind", { enum: incomeKinds }).notNull(),
    source: text("source", { enum: incomeSources }).notNull(),
    /** Employer or benefit payer, as delivered. */
    payer: text("payer"),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    /** Optimistic concurrency: a correction or deletion names the version it read. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // No separate (person_id, month) index: the unique key below starts with those columns.
    // One amount per person, month, kind, source and payer: a re-import replaces, never adds.
    unique("income_unique_per_source")
      .on(t.personId, t.month, t.kind, t.source, t.payer)
      .nullsNotDistinct(),
    check("income_month_first_day", sql`extract(day from ${t.month}) = 1`),
    check("income_net_nonneg", sql`${t.netCents} >= 0`),
    check("income_kind_valid", oneOf(t.kind, INCOME_KINDS)),
    check("income_source_valid", oneOf(t.source, INCOME_SOURCES)),
  ],
);

// --- Users, sessions, audit -----------------------------------------------------------

export const roles = ROLES;
export type { Role } from "../domain/access";

export const appUser = pgTable(
  "app_user",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull(),
    /** Municipal roles and residents are scoped to one municipality; national roles to none. */
    gemeenteCode: text("gemeente_code").references(() => gemeente.code),
    /** Residents: the person whose household they may see. */
    personId: integer("person_id").references(() => person.id),
    language: text("language", { enum: languages }).notNull().default("nl"),
    active: boolean("active").notNull().default(true),
    /**
     * Set when an administrator gave the account a one-time password (creation, reset):
     * until the user chooses their own, the session reaches only their own account.
     */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "string" }),
    /** Optimistic concurrency for changes by an administrator. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("app_user_username_unique").on(t.username),
    check("app_user_role_valid", oneOf(t.role, ROLES)),
    check(
      "app_user_scope",
      sql`(${t.role} in ('national_coordinator','system_admin') and ${t.gemeenteCode} is null)
       or (${t.role} not in ('national_coordinator','system_admin') and ${t.gemeenteCode} is not null)`,
    ),
    check("app_user_resident_person", sql`${t.role} <> 'resident' or ${t.personId} is not null`),
  ],
);

export const session = pgTable(
  "session",
  {
    /** SHA-256 of the session token; the token itself is only in the user's cookie. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => appUser.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const auditRecord = pgTable(
  "audit_record",
  {
    id: bigint("id", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    userId: integer("user_id").references(() => appUser.id),
    username: text("username"),
    role: text("role"),
    /** read, create, update, delete, import, sign_in, sign_out … */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** Whose personal data: lets a person see who looked at their file. */
    personId: integer("person_id"),
    /**
     * Whose personal data, when one act touched many persons (a search result, a household
     * read, an income import): one record listing them instead of a record per person,
     * which for a monthly income file would be 150,000 rows (docs/decisions.md).
     */
    personIds: integer("person_ids").array(),
    gemeenteCode: text("gemeente_code"),
    fields: jsonb("fields").$type<string[]>(),
    reason: text("reason"),
  },
  (t) => [
    // Partitioned by month on `at` (migration 0023, written by hand: drizzle-kit cannot
    // express partitioning; modules/audit/audit-partitions.ts): a partitioned table's key
    // must hold the partition column. Every index below exists on each month.
    primaryKey({ columns: [t.id, t.at] }),
    index("audit_person_idx").on(t.personId, t.at),
    // fastupdate off: a pending list of one 150,000-person import made a later insert clean
    // it up inline, 0.4-0.5 s on whatever request came next (docs/decisions.md).
    index("audit_person_ids_idx").using("gin", t.personIds).with({ fastupdate: false }),
    index("audit_user_idx").on(t.userId, t.at),
    // The municipal admin's log of the municipality, newest first, a page at a time
    // (GET /audit): without it every page sorted the whole table's records of the
    // municipality.
    index("audit_gemeente_at_idx").on(t.gemeenteCode, t.at, t.id),
    // A household's history asks three questions of the changes only (reads and searches,
    // the bulk of the log, left out): its own records, a member's, and the shared records
    // listing a member. One partial index each (registry.repository historyOfHousehold).
    index("audit_entity_changes_idx")
      .on(t.entityType, t.entityId, t.id)
      .where(sql`action not in ('read', 'search')`),
    index("audit_person_changes_idx")
      .on(t.personId, t.id)
      .where(sql`action not in ('read', 'search')`),
    index("audit_person_ids_changes_idx")
      .using("gin", t.personIds)
      .with({ fastupdate: false })
      .where(sql`action not in ('read', 'search')`),
  ],
);

export const seedRun = pgTable(
  "seed_run",
  {
    scale: text("scale").notNull(),
    seed: integer("seed").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scale, t.seed] })],
);

// --- Decisions ------------------------------------------------------------------------

/**
 * The law a decision was computed under: the files of law/ as they were, stored once per
 * sha256 (the hash the engine gives them), so that any decision can be recomputed years
 * later with exactly that law. Immutable: triggers refuse UPDATE, DELETE and TRUNCATE
 * (migration 0015).
 */
export const lawVersion = pgTable("law_version", {
  hash: text("hash").primaryKey(),
  files: jsonb("files").$type<{ path: string; text: string }[]>().notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" })
    .notNull()
    .defaultNow(),
});

export const decisionKinds = DECISION_KINDS;

/**
 * A household-month's amounts as decided, with their receipt: the engine's inputs as it
 * saw them, the result, the trace, the law (by hash) and the engine version. A later
 * decision for the same month supersedes the earlier one; nothing is rewritten.
 * Immutable: triggers refuse UPDATE, DELETE and TRUNCATE (migration 0015).
 */
export const decision = pgTable(
  "decision",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    /** First day of the month decided. */
    month: date("month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: decisionKinds }).notNull(),
    reason: text("reason"),
    inputs: jsonb("inputs").notNull(),
    result: jsonb("result").notNull(),
    trace: jsonb("trace").notNull(),
    lawHash: text("law_hash")
      .notNull()
      .references(() => lawVersion.hash),
    engineVersion: text("engine_version").notNull(),
    /** Null for a decision of the system (the monthly run). */
    decidedBy: integer("decided_by").references(() => appUser.id),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    /** The monthly run that made this decision (kind run or a run's correction). */
    runId: integer("run_id").references((): AnyPgColumn => monthlyRun.id),
  },
  (t) => [
    index("decision_household_month_idx").on(t.householdId, t.month, t.id.desc()),
    // Exactly once: a household-month is decided by at most one run, and a run decides a
    // household-month once.
    uniqueIndex("decision_run_once").on(t.householdId, t.month).where(sql`kind = 'run'`),
    uniqueIndex("decision_run_item_once").on(t.runId, t.householdId, t.month),
    check("decision_kind_valid", oneOf(t.kind, DECISION_KINDS)),
    check("decision_month_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);

// --- Transition of 4 March 2027 -------------------------------------------------------

/**
 * A person's residence status over time: temporary protection, the transitiedocument, or
 * another permit. A person without rows here has temporary protection from registration
 * until the RTB ends (rtb.protection.end); rows record what differs or follows. Periods of
 * one person never overlap (the service checks under a lock on the person; migration 0017
 * adds an exclusion constraint as a backstop).
 */
export const residenceStatus = pgTable(
  "residence_status",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    kind: text("kind", { enum: RESIDENCE_STATUS_KINDS }).notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
    endReason: text("end_reason", { enum: STATUS_END_REASONS }),
    /** Where the fact comes from: ind, brp or caseworker. */
    source: text("source").notNull(),
    recordedBy: integer("recorded_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("residence_status_person_idx").on(t.personId, t.validFrom),
    check("residence_status_kind_valid", oneOf(t.kind, RESIDENCE_STATUS_KINDS)),
    check(
      "residence_status_end_reason_valid",
      sql`${t.endReason} is null or ${oneOf(t.endReason, STATUS_END_REASONS)}`,
    ),
    check("residence_status_source_valid", oneOf(t.source, ["ind", "brp", "caseworker"])),
    validRange("residence_status_valid_range"),
  ],
);

/**
 * Per person the transitiedocument's conditions as far as known (the cut-off condition is
 * computed from residence status and law), the IND's decision, and the education flag for
 * statutory tuition. One row per person, versioned.
 */
export const personTransition = pgTable(
  "person_transition",
  {
    personId: integer("person_id")
      .primaryKey()
      .references(() => person.id),
    publicOrder: text("public_order", { enum: PUBLIC_ORDER_STATUSES }),
    publicOrderOn: date("public_order_on", { mode: "string" }),
    asylumWithdrawn: boolean("asylum_withdrawn"),
    asylumWithdrawnOn: date("asylum_withdrawn_on", { mode: "string" }),
    indDecision: text("ind_decision", { enum: IND_DECISIONS }),
    indDecisionOn: date("ind_decision_on", { mode: "string" }),
    indReference: text("ind_reference"),
    educationLevel: text("education_level", { enum: EDUCATION_LEVELS }),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => appUser.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "person_transition_public_order_valid",
      sql`${t.publicOrder} is null or ${oneOf(t.publicOrder, PUBLIC_ORDER_STATUSES)}`,
    ),
    check(
      "person_transition_ind_decision_valid",
      sql`${t.indDecision} is null or ${oneOf(t.indDecision, IND_DECISIONS)}`,
    ),
    check(
      "person_transition_education_valid",
      sql`${t.educationLevel} is null or ${oneOf(t.educationLevel, EDUCATION_LEVELS)}`,
    ),
    check(
      "person_transition_withdrawn_date",
      sql`${t.asylumWithdrawnOn} is null or ${t.asylumWithdrawn} is true`,
    ),
    check(
      "person_transition_decision_date",
      sql`(${t.indDecision} is null) = (${t.indDecisionOn} is null)`,
    ),
  ],
);

/** Health insurance after the RMO, dated per person. */
export const healthInsurance = pgTable(
  "health_insurance",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    kind: text("kind", { enum: HEALTH_INSURANCE_KINDS }).notNull(),
    insurer: text("insurer").notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
    createdAt: createdAt(),
  },
  (t) => [
    index("health_insurance_person_idx").on(t.personId),
    check("health_insurance_kind_valid", oneOf(t.kind, HEALTH_INSURANCE_KINDS)),
    validRange("health_insurance_valid_range"),
  ],
);

/** Per household: the Participatiewet application and the housing plan. Versioned. */
export const householdTransition = pgTable(
  "household_transition",
  {
    householdId: integer("household_id")
      .primaryKey()
      .references(() => household.id),
    participatiewetFiledOn: date("participatiewet_filed_on", { mode: "string" }),
    participatiewetDecidedOn: date("participatiewet_decided_on", { mode: "string" }),
    participatiewetOutcome: text("participatiewet_outcome", { enum: PARTICIPATIEWET_OUTCOMES }),
    housingPlan: text("housing_plan", { enum: HOUSING_PLANS }),
    housingFrom: date("housing_from", { mode: "string" }),
    /** Rent or contribution per month from the transition, as the municipality decides. */
    rentCents: integer("rent_cents"),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => appUser.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "household_transition_outcome_valid",
      sql`${t.participatiewetOutcome} is null or ${oneOf(t.participatiewetOutcome, PARTICIPATIEWET_OUTCOMES)}`,
    ),
    check(
      "household_transition_housing_valid",
      sql`${t.housingPlan} is null or ${oneOf(t.housingPlan, HOUSING_PLANS)}`,
    ),
    check(
      "household_transition_decision",
      sql`(${t.participatiewetDecidedOn} is null) = (${t.participatiewetOutcome} is null)
        and (${t.participatiewetDecidedOn} is null or ${t.participatiewetFiledOn} is not null)
        and (${t.participatiewetDecidedOn} is null or ${t.participatiewetDecidedOn} >= ${t.participatiewetFiledOn})`,
    ),
    check("household_transition_rent", sql`${t.rentCents} is null or ${t.rentCents} >= 0`),
  ],
);

/** Per location: whether it can be transformed into regular housing, and from when. */
export const locationTransformation = pgTable("location_transformation", {
  locationId: integer("location_id")
    .primaryKey()
    .references(() => location.id),
  transformable: boolean("transformable").notNull(),
  transformFrom: date("transform_from", { mode: "string" }),
  note: text("note"),
  version: integer("version").notNull().default(1),
  updatedAt: updatedAt(),
});

/**
 * Values the coordinator enters for law parameters not yet published (the
 * transitiedocument's cut-off date): a result that uses one says it rests on a scenario.
 * Published law in law/ always wins.
 */
export const lawScenario = pgTable("law_scenario", {
  parameter: text("parameter").primaryKey(),
  value: text("value").notNull(),
  note: text("note"),
  setBy: integer("set_by").references(() => appUser.id),
  setAt: timestamp("set_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

// --- Return programme -----------------------------------------------------------------

export const returnCase = pgTable(
  "return_case",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    status: text("status", { enum: RETURN_STATUSES }).notNull(),
    plannedDeparture: date("planned_departure", { mode: "string" }),
    departedOn: date("departed_on", { mode: "string" }),
    travelSupport: boolean("travel_support").notNull().default(false),
    /** Financial support when the programme sets it (law data), in cents. */
    financialSupportCents: integer("financial_support_cents"),
    /** The partner municipality in Ukraine (hromada), by name. */
    partnerMunicipality: text("partner_municipality"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("return_case_household_idx").on(t.householdId),
    index("return_case_gemeente_idx").on(t.gemeenteCode, t.status),
    check("return_case_status_valid", oneOf(t.status, RETURN_STATUSES)),
    check("return_case_departed", sql`(${t.status} = 'departed') = (${t.departedOn} is not null)`),
    check(
      "return_case_support",
      sql`${t.financialSupportCents} is null or ${t.financialSupportCents} >= 0`,
    ),
  ],
);

/** Each step of a return case, kept: who moved it where, when and why. */
export const returnCaseEvent = pgTable(
  "return_case_event",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    returnCaseId: integer("return_case_id")
      .notNull()
      .references(() => returnCase.id),
    status: text("status", { enum: RETURN_STATUSES }).notNull(),
    on: date("on", { mode: "string" }).notNull(),
    note: text("note"),
    by: integer("by").references(() => appUser.id),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("return_case_event_case_idx").on(t.returnCaseId, t.id),
    check("return_case_event_status_valid", oneOf(t.status, RETURN_STATUSES)),
  ],
);

/**
 * Consent per person and purpose: off unless a row without `revoked_at` exists. Given and
 * revoked by the person (recorded by a caseworker until the residents' portal exists).
 */
export const consent = pgTable(
  "consent",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    personId: integer("person_id")
      .notNull()
      .references(() => person.id),
    purpose: text("purpose", { enum: CONSENT_PURPOSES }).notNull(),
    givenAt: timestamp("given_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "string" }),
    recordedBy: integer("recorded_by").references(() => appUser.id),
  },
  (t) => [
    index("consent_person_idx").on(t.personId, t.purpose),
    // At most one live consent per person and purpose.
    uniqueIndex("consent_live_unique").on(t.personId, t.purpose).where(sql`revoked_at is null`),
    check("consent_purpose_valid", oneOf(t.purpose, CONSENT_PURPOSES)),
    check("consent_revoked_after", sql`${t.revokedAt} is null or ${t.revokedAt} >= ${t.givenAt}`),
  ],
);

// --- Occupancy ------------------------------------------------------------------------

/**
 * One row whose version every change of placements, capacity or location status bumps, in
 * the same transaction (deferred triggers, migration 0020): occupancy figures computed
 * for a date are kept by the app under the version they were computed at, and recomputed
 * once any of their facts changed (occupancy.service).
 */
export const occupancyVersion = pgTable(
  "occupancy_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("occupancy_version_single_row", sql`${t.id} = 1`)],
);

// --- The monthly run ------------------------------------------------------------------

/**
 * The account a household's leefgeld is paid to: one member (the payee) and an IBAN,
 * checked at entry (ISO 13616). A household without a row is paid by card or cash. The run
 * copies the account into its payments, so changing it later never changes a closed run.
 */
export const householdBankAccount = pgTable(
  "household_bank_account",
  {
    householdId: integer("household_id")
      .primaryKey()
      .references(() => household.id),
    payeePersonId: integer("payee_person_id")
      .notNull()
      .references(() => person.id),
    /** Normalised: upper case, no spaces. */
    iban: text("iban").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => appUser.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "household_bank_account_iban_format",
      sql`${t.iban} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`,
    ),
  ],
);

/**
 * A municipality's own settings for its runs: the account the SEPA file pays from, the
 * letter's sender block, signature and objection address, and how much of a month's
 * leefgeld may be kept back to recover an earlier overpayment (municipal policy; null:
 * nothing is offset, every recovery goes to the collection list).
 */
export const gemeenteSettings = pgTable(
  "gemeente_settings",
  {
    gemeenteCode: text("gemeente_code")
      .primaryKey()
      .references(() => gemeente.code),
    accountName: text("account_name").notNull(),
    iban: text("iban").notNull(),
    bic: text("bic"),
    senderBlock: text("sender_block").notNull(),
    signatureName: text("signature_name").notNull(),
    signatureTitle: text("signature_title").notNull(),
    objectionAddress: text("objection_address").notNull(),
    offsetLimitPercent: integer("offset_limit_percent"),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => appUser.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("gemeente_settings_iban_format", sql`${t.iban} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`),
    check(
      "gemeente_settings_offset_limit",
      sql`${t.offsetLimitPercent} is null or ${t.offsetLimitPercent} between 0 and 100`,
    ),
  ],
);

/**
 * One municipality's run of one month (one row per municipality and month: preparing
 * again replaces the draft in place). The background job claims the run by `worker` and
 * `heartbeat_at`, so that a restarted server resumes a run whose worker stopped.
 */
export const monthlyRun = pgTable(
  "monthly_run",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    /** First day of the month paid. */
    month: date("month", { mode: "string" }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    /** How many times the month was prepared: a batch of an earlier attempt is refused. */
    attempt: integer("attempt").notNull().default(1),
    preparedBy: integer("prepared_by").references(() => appUser.id),
    preparedAt: timestamp("prepared_at", { withTimezone: true, mode: "string" }),
    approvedBy: integer("approved_by").references(() => appUser.id),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "string" }),
    /** Households to decide, and decided so far: the progress bar. */
    totalHouseholds: integer("total_households").notNull().default(0),
    doneHouseholds: integer("done_households").notNull().default(0),
    /** The job decides households in id order; the last one decided (resume after it). */
    cursorHouseholdId: integer("cursor_household_id").notNull().default(0),
    /** Why the job stopped (status failed): an error code, never personal data. */
    problem: text("problem"),
    worker: text("worker"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "string" }),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" })
      .notNull()
      .defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("monthly_run_gemeente_month_unique").on(t.gemeenteCode, t.month),
    check("monthly_run_status_valid", oneOf(t.status, RUN_STATUSES)),
    check("monthly_run_month_first_day", sql`extract(day from ${t.month}) = 1`),
    check(
      "monthly_run_approved_complete",
      sql`(${t.status} = 'approved') = (${t.approvedAt} is not null)`,
    ),
  ],
);

/**
 * A household-month the run decides: the run's month, or an earlier month whose amounts
 * changed since its decision (a correction). Holds the engine's inputs, result and trace
 * as a decision does; approval stores each as a decision (decision_id) in one statement.
 */
export const monthlyRunItem = pgTable(
  "monthly_run_item",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    runId: integer("run_id")
      .notNull()
      .references(() => monthlyRun.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id),
    month: date("month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: RUN_ITEM_KINDS }).notNull(),
    inputs: jsonb("inputs").notNull(),
    result: jsonb("result").notNull(),
    trace: jsonb("trace").notNull(),
    lawHash: text("law_hash")
      .notNull()
      .references(() => lawVersion.hash),
    engineVersion: text("engine_version").notNull(),
    leefgeldCents: integer("leefgeld_cents").notNull(),
    eigenBijdrageCents: integer("eigen_bijdrage_cents").notNull(),
    /** The decision compared with: last month's (kind month) or the one corrected. */
    previousDecisionId: integer("previous_decision_id").references(() => decision.id),
    previousLeefgeldCents: integer("previous_leefgeld_cents"),
    previousEigenBijdrageCents: integer("previous_eigen_bijdrage_cents"),
    changeReasons: text("change_reasons").array().notNull().default(sql`'{}'::text[]`),
    decisionId: integer("decision_id").references(() => decision.id),
  },
  (t) => [
    uniqueIndex("monthly_run_item_unique").on(t.runId, t.householdId, t.month),
    check("monthly_run_item_kind_valid", oneOf(t.kind, RUN_ITEM_KINDS)),
    check("monthly_run_item_month_first_day", sql`extract(day from ${t.month}) = 1`),
  ],
);

/**
 * What the run pays and charges one household: this month's leefgeld, back payments and
 * recoveries from corrections, the part of a recovery offset against the leefgeld (within
 * the municipality's limit), the transfer and what the collection system collects. The
 * account is copied here at preparation; the end-to-end id of the transfer names the run
 * and the household, and through them the decisions.
 */
export const monthlyRunPayment = pgTable(
  "monthly_run_payment",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => monthlyRun.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => household.id),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    payeePersonId: integer("payee_person_id").references(() => person.id),
    iban: text("iban"),
    persons: integer("persons").notNull(),
    leefgeldCents: integer("leefgeld_cents").notNull(),
    eigenBijdrageCents: integer("eigen_bijdrage_cents").notNull(),
    backPayCents: integer("back_pay_cents").notNull(),
    recoveryCents: integer("recovery_cents").notNull(),
    offsetCents: integer("offset_cents").notNull(),
    transferCents: integer("transfer_cents").notNull(),
    collectCents: integer("collect_cents").notNull(),
    anomalies: text("anomalies").array().notNull().default(sql`'{}'::text[]`),
    /** The engine could not compute the run's month (input problem): nothing is paid. */
    problem: text("problem"),
    endToEndId: text("end_to_end_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.householdId] }),
    unique("monthly_run_payment_end_to_end_unique").on(t.endToEndId),
    check("monthly_run_payment_method_valid", oneOf(t.method, PAYMENT_METHODS)),
    check(
      "monthly_run_payment_sepa_account",
      sql`${t.method} <> 'sepa' or (${t.iban} is not null and ${t.payeePersonId} is not null)`,
    ),
    check(
      "monthly_run_payment_amounts",
      sql`${t.transferCents} >= 0 and ${t.offsetCents} >= 0 and ${t.offsetCents} <= ${t.recoveryCents}`,
    ),
  ],
);

// --- Targets (opgave) -----------------------------------------------------------------

/**
 * A national target of places (opgave) set by the coordinator: how many realised places by
 * a deadline, split over the safety regions. A new target supersedes the one before from
 * its `set_on` date; none is changed afterwards, so the history stays as it was set.
 */
export const placeTarget = pgTable(
  "place_target",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    places: integer("places").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    setOn: date("set_on", { mode: "string" }).notNull(),
    split: text("split", { enum: TARGET_SPLITS }).notNull(),
    note: text("note"),
    setBy: integer("set_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("place_target_set_on_unique").on(t.setOn),
    check("place_target_places_positive", sql`${t.places} > 0`),
    check("place_target_deadline_after", sql`${t.deadline} >= ${t.setOn}`),
    check("place_target_split_valid", oneOf(t.split, TARGET_SPLITS)),
  ],
);

/** A target's share of one safety region. */
export const placeTargetRegion = pgTable(
  "place_target_region",
  {
    targetId: integer("target_id")
      .notNull()
      .references(() => placeTarget.id),
    veiligheidsregioCode: text("veiligheidsregio_code")
      .notNull()
      .references(() => veiligheidsregio.code),
    places: integer("places").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.targetId, t.veiligheidsregioCode] }),
    check("place_target_region_places", sql`${t.places} >= 0`),
  ],
);

/**
 * A re-evaluation of the inflow forecast (every two months): the day, the forecast as it
 * was then (its summary, kept as shown), and whether the places planned were kept or
 * changed. Never changed afterwards.
 */
export const forecastEvaluation = pgTable(
  "forecast_evaluation",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    evaluatedOn: date("evaluated_on", { mode: "string" }).notNull(),
    forecast: jsonb("forecast").notNull(),
    decision: text("decision", { enum: EVALUATION_DECISIONS }).notNull(),
    note: text("note"),
    evaluatedBy: integer("evaluated_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("forecast_evaluation_on_idx").on(t.evaluatedOn),
    check("forecast_evaluation_decision_valid", oneOf(t.decision, EVALUATION_DECISIONS)),
  ],
);

// --- National facts kept for the dashboard (docs/decisions.md, "National facts kept per
// municipality") ---------------------------------------------------------------------------

/**
 * A national fact of a municipality (location_id null) or a location over a run of days:
 * the count is the same on every day from valid_from to valid_to (null: on). Derived from
 * the ledger by src/modules/national (facts.repository.ts); never the only copy of a fact.
 */
export const nationalFactRun = pgTable(
  "national_fact_run",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code, { onDelete: "cascade" }),
    locationId: integer("location_id").references(() => location.id, { onDelete: "cascade" }),
    measure: text("measure", { enum: NATIONAL_FACT_MEASURES }).notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
    value: integer("value").notNull(),
  },
  (t) => [
    index("national_fact_run_gemeente_idx").on(t.gemeenteCode),
    check("national_fact_run_measure_valid", oneOf(t.measure, NATIONAL_FACT_MEASURES)),
    validRange("national_fact_run_valid_range"),
  ],
);

/** Adults in reception on a month's last day and those of them with work income, kept. */
export const nationalWorkMonth = pgTable(
  "national_work_month",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    month: date("month", { mode: "string" }).notNull(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code, { onDelete: "cascade" }),
    locationId: integer("location_id").references(() => location.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PLACEMENT_KINDS }).notNull(),
    adults: integer("adults").notNull(),
    withWork: integer("with_work").notNull(),
  },
  (t) => [
    index("national_work_month_month_idx").on(t.month),
    index("national_work_month_gemeente_idx").on(t.gemeenteCode),
    check("national_work_month_kind_valid", oneOf(t.kind, PLACEMENT_KINDS)),
  ],
);

/**
 * The flows of an ISO week (its Monday) per municipality, kept like the runs: arrivals and
 * departures under the placement's municipality, moves under the new placement's with the
 * previous one's (`from_gemeente_code`), registrations and deregistrations where the person
 * was on the day, returns under the return case's municipality.
 */
export const nationalFlowWeek = pgTable(
  "national_flow_week",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    week: date("week", { mode: "string" }).notNull(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code, { onDelete: "cascade" }),
    fromGemeenteCode: text("from_gemeente_code").references(() => gemeente.code, {
      onDelete: "cascade",
    }),
    measure: text("measure", { enum: NATIONAL_FLOW_MEASURES }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    index("national_flow_week_week_idx").on(t.week),
    index("national_flow_week_gemeente_idx").on(t.gemeenteCode),
    index("national_flow_week_from_idx").on(t.fromGemeenteCode),
    check("national_flow_week_measure_valid", oneOf(t.measure, NATIONAL_FLOW_MEASURES)),
  ],
);

/**
 * Municipalities whose kept facts no longer match the ledger: a row per changing statement
 * and municipality, written by triggers in the changing transaction (migration 0028). Until
 * the refresher has rebuilt them, their facts are read from the ledger itself.
 */
export const nationalFactDirty = pgTable(
  "national_fact_dirty",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code").notNull(),
  },
  (t) => [index("national_fact_dirty_gemeente_idx").on(t.gemeenteCode)],
);

/** When the kept facts were built in full, under which law, and up to which month. */
export const nationalFactMeta = pgTable(
  "national_fact_meta",
  {
    id: integer("id").primaryKey().default(1),
    lawKey: text("law_key").notNull(),
    workMonthsFrom: date("work_months_from", { mode: "string" }).notNull(),
    workMonthsTo: date("work_months_to", { mode: "string" }).notNull(),
    builtAt: timestamp("built_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("national_fact_meta_single_row", sql`${t.id} = 1`)],
);

// --- Funding: transition costs, advances, other target groups (docs/api-funding.md) --------

/** Bytes as PostgreSQL stores them (bytea); both drivers hand back a Uint8Array or Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * A transition cost (transitiekosten: making a building fit for reception) a municipality
 * enters for one of its locations, reimbursed at actual cost. Never rewritten: a correction
 * withdraws the entry (withdrawn_at, withdrawn_by, withdraw_reason, set once) and adds a new
 * one that names it (corrects_id). A trigger (migration 0029) refuses any other change.
 */
export const transitionCost = pgTable(
  "transition_cost",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    locationId: integer("location_id")
      .notNull()
      .references(() => location.id),
    incurredOn: date("incurred_on", { mode: "string" }).notNull(),
    description: text("description").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    correctsId: integer("corrects_id").references((): AnyPgColumn => transitionCost.id),
    enteredBy: integer("entered_by").references(() => appUser.id),
    createdAt: createdAt(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "string" }),
    withdrawnBy: integer("withdrawn_by").references(() => appUser.id),
    withdrawReason: text("withdraw_reason"),
  },
  (t) => [
    index("transition_cost_gemeente_idx").on(t.gemeenteCode, t.incurredOn),
    index("transition_cost_location_idx").on(t.locationId),
    uniqueIndex("transition_cost_corrects_unique").on(t.correctsId),
    check("transition_cost_amount_positive", sql`${t.amountCents} > 0`),
    check(
      "transition_cost_withdrawal",
      sql`(${t.withdrawnAt} is null) = (${t.withdrawReason} is null)`,
    ),
  ],
);

/** An evidence file of a transition cost (PDF, PNG or JPEG, at most 10 MB), kept as sent. */
export const transitionCostEvidence = pgTable(
  "transition_cost_evidence",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    transitionCostId: integer("transition_cost_id")
      .notNull()
      .references(() => transitionCost.id),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** Lower-case hex of the content's sha256. */
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("transition_cost_evidence_cost_idx").on(t.transitionCostId),
    check(
      "transition_cost_evidence_media_type",
      sql`${t.mediaType} in ('application/pdf','image/png','image/jpeg')`,
    ),
    check(
      "transition_cost_evidence_size",
      sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 10485760 and octet_length(${t.content}) = ${t.sizeBytes}`,
    ),
    check("transition_cost_evidence_sha256", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * A municipality's request for the advance (voorschot) of a book year: the amount Opvang
 * proposed from the claim as the facts stood (proposal: its parts), the amount requested
 * and the reason where they differ. One current request per municipality and year; a later
 * one before the deadline replaces it (replaced_at, replaced_by_id), the history kept. The
 * advance received is recorded on the current request.
 */
export const fundingAdvance = pgTable(
  "funding_advance",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    gemeenteCode: text("gemeente_code")
      .notNull()
      .references(() => gemeente.code),
    bookYear: integer("book_year").notNull(),
    requestedOn: date("requested_on", { mode: "string" }).notNull(),
    proposedCents: bigint("proposed_cents", { mode: "number" }).notNull(),
    proposal: jsonb("proposal").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    reason: text("reason"),
    requestedBy: integer("requested_by").references(() => appUser.id),
    createdAt: createdAt(),
    replacedAt: timestamp("replaced_at", { withTimezone: true, mode: "string" }),
    replacedById: integer("replaced_by_id").references((): AnyPgColumn => fundingAdvance.id),
    receivedCents: bigint("received_cents", { mode: "number" }),
    receivedOn: date("received_on", { mode: "string" }),
    receivedBy: integer("received_by").references(() => appUser.id),
  },
  (t) => [
    uniqueIndex("funding_advance_current_unique")
      .on(t.gemeenteCode, t.bookYear)
      .where(sql`${t.replacedAt} is null`),
    check("funding_advance_amounts", sql`${t.amountCents} >= 0 and ${t.proposedCents} >= 0`),
    check("funding_advance_book_year", sql`${t.bookYear} between 2022 and 2100`),
    check(
      "funding_advance_received",
      sql`(${t.receivedCents} is null) = (${t.receivedOn} is null) and (${t.receivedCents} is null or ${t.receivedCents} >= 0)`,
    ),
  ],
);

/**
 * Places of another target group (status holders, asylum seekers) a location houses under
 * the doelgroepflexibele opvangregeling, dated, entered by the municipality: counted apart in
 * the claim, never in the displaced persons' places or the occupancy figures. Periods of one
 * location and group do not overlap (exclusion constraint, migration 0029).
 */
export const locationTargetGroupPlaces = pgTable(
  "location_target_group_places",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    locationId: integer("location_id")
      .notNull()
      .references(() => location.id),
    targetGroup: text("target_group").notNull(),
    places: integer("places").notNull(),
    validFrom: validFrom(),
    validTo: validTo(),
    enteredBy: integer("entered_by").references(() => appUser.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("location_target_group_places_location_idx").on(t.locationId),
    check(
      "location_target_group_places_group",
      sql`${t.targetGroup} in ('status_holder','asylum_seeker')`,
    ),
    check("location_target_group_places_nonneg", sql`${t.places} >= 0`),
    validRange("location_target_group_places_valid_range"),
  ],
);
