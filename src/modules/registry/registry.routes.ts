import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Db } from "../../db/connection";
import { LANGUAGES } from "../../domain/access";
import { MEMBERSHIP_ROLES, PLACEMENT_KINDS, SEXES } from "../../domain/enums";
import { currentAccess, securedRoute } from "../../http/access";
import type { AppEnv } from "../../http/context";
import {
  conflictResponse,
  errorResponses,
  IdParam,
  json,
  pathId,
  queryId,
  RecordId,
  Version,
  validationHook,
} from "../../http/openapi";
import { HOUSEHOLD_SORTS, listHouseholds } from "./household-list";
import * as service from "./registry.service";

const errors = errorResponses();
const conflict = conflictResponse();

const READ = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin"],
} as const;
const WRITE = { scope: "gemeente", roles: ["caseworker"] } as const;
/** A household or person by id: also a resident, for their own household. */
const READ_OWN = {
  scope: "gemeente",
  roles: ["caseworker", "finance_officer", "municipal_admin", "resident"],
} as const;

const PersonInput = z
  .object({
    bsn: z.string().max(20).nullish(),
    vNumber: z.string().max(20).nullish(),
    familyName: z.string().min(1).max(200),
    givenNames: z.string().min(1).max(200),
    familyNameCyrillic: z.string().max(200).nullish(),
    givenNamesCyrillic: z.string().max(200).nullish(),
    birthDate: z.string().openapi({
      description: "YYYY-MM-DD; 00 for an unknown month or day (BRP)",
      example: "1988-02-29",
    }),
    sex: z.enum(SEXES).optional(),
    nationalityCode: z
      .string()
      .regex(/^\d{4}$/, "BRP nationality code: 4 digits (Ukrainian = 0034)")
      .optional()
      .openapi({ description: "BRP table 32; Ukrainian = 0034" }),
    protectionStart: z.string().nullish(),
    brpRegistrationDate: z.string().nullish(),
    brpGemeenteCode: z.string().nullish(),
    contactLanguage: z.enum(["nl", "uk", "en"]).optional(),
  })
  .openapi("PersonInput");

const Role = z.enum(MEMBERSHIP_ROLES);
const MemberInput = z.object({
  role: Role,
  person: PersonInput.optional(),
  personId: RecordId().optional(),
});
const Id = IdParam;
/** A person as the API shows them (the allow-list of publicPerson in the service). */
const Person = z
  .object({
    id: z.number().int(),
    gemeenteCode: z.string(),
    bsn: z.string().nullable(),
    vNumber: z.string().nullable(),
    familyName: z.string(),
    givenNames: z.string(),
    familyNameCyrillic: z.string().nullable(),
    givenNamesCyrillic: z.string().nullable(),
    birthDate: z.string().openapi({ description: "BRP date; 00 for an unknown month or day" }),
    sex: z.enum(SEXES),
    nationalityCode: z.string(),
    protectionStart: z.string().nullable(),
    brpRegistrationDate: z.string().nullable(),
    brpGemeenteCode: z.string().nullable(),
    contactLanguage: z.enum(LANGUAGES),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("Person");
const Membership = z.object({
  id: z.number().int(),
  householdId: z.number().int(),
  personId: z.number().int(),
  role: z.enum(MEMBERSHIP_ROLES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reason: z.string().nullable(),
});
const PersonWithMemberships = Person.extend({
  memberships: z.array(Membership),
}).openapi("PersonWithMemberships");
const HistoryEntry = z.object({
  id: z.number().int().openapi({ description: "the audit record; page on with ?before=id" }),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  personId: z.number().int().nullable(),
  fields: z.array(z.string()).nullable(),
  reason: z.string().nullable(),
});
const Household = z
  .object({
    id: z.number().int(),
    label: z.string(),
    gemeenteCode: z.string(),
    version: z.number().int(),
    members: z.array(
      z.object({
        membershipId: z.number().int(),
        role: z.enum(MEMBERSHIP_ROLES),
        validFrom: z.string(),
        validTo: z.string().nullable(),
        reason: z.string().nullable(),
        person: Person,
      }),
    ),
    history: z.array(HistoryEntry),
  })
  .openapi("Household");

const createHousehold = securedRoute(WRITE, {
  method: "post",
  path: "/households",
  tags: ["registry"],
  summary: "Register a household and its members from a date",
  request: {
    body: json(
      z.object({
        label: z.string().max(200).optional(),
        validFrom: z.string(),
        reason: z.string().max(500).optional(),
        members: z.array(MemberInput).max(20),
      }),
      "household",
    ),
  },
  responses: {
    201: json(
      z.object({ id: z.number(), version: z.number(), memberIds: z.array(z.number()) }),
      "registered",
    ),
    ...errors,
  },
});

const HouseholdSize = z.coerce.number().int().min(1).max(99);

const listHouseholdsRoute = securedRoute(READ, {
  method: "get",
  path: "/households",
  tags: ["registry"],
  summary:
    "Your municipality's households, filtered, sorted and a page at a time (audited: the persons of the page)",
  request: {
    query: z
      .object({
        locationId: queryId()
          .optional()
          .openapi({ description: "a current member is placed at this location today" }),
        reception: z
          .enum(PLACEMENT_KINDS)
          .optional()
          .openapi({ description: "a current member is placed in GOO or POO today" }),
        minSize: HouseholdSize.optional().openapi({ description: "current members, at least" }),
        maxSize: HouseholdSize.optional().openapi({ description: "current members, at most" }),
        income: z.enum(["yes", "no"]).optional().openapi({
          description: "whether a current member has an income in the latest complete month",
        }),
        language: z
          .enum(LANGUAGES)
          .optional()
          .openapi({ description: "contact language of the head (or first current member)" }),
        include: z
          .enum(["current", "all"])
          .default("current")
          .openapi({ description: "current: a member today (default); all: also ended" }),
        sort: z
          .enum(HOUSEHOLD_SORTS)
          .default("label")
          .openapi({ description: "label, size or arrival; a leading - for descending" }),
        limit: z.coerce.number().int().min(1).max(200).default(25),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
  },
  responses: {
    200: json(
      z
        .object({
          today: z.string(),
          latestMonth: z
            .string()
            .openapi({ description: "YYYY-MM: the month the income filter and column are about" }),
          total: z.number().int().openapi({ description: "households that match, over all pages" }),
          offset: z.number().int(),
          limit: z.number().int(),
          items: z.array(
            z.object({
              id: z.number().int(),
              label: z.string(),
              size: z.number().int().openapi({ description: "current members" }),
              arrival: z
                .string()
                .nullable()
                .openapi({ description: "the first day of the household's first membership" }),
              receptionKinds: z.array(z.enum(PLACEMENT_KINDS)),
              locations: z.array(z.object({ id: z.number().int(), name: z.string() })),
              incomeInLatestMonth: z.boolean(),
              contactLanguage: z.enum(LANGUAGES).nullable(),
            }),
          ),
        })
        .openapi("HouseholdList"),
      "one page",
    ),
    ...errors,
  },
});

const getHousehold = securedRoute(READ_OWN, {
  method: "get",
  path: "/households/{id}",
  tags: ["registry"],
  summary: "A household: members over time and the history of changes (audited read)",
  request: { params: Id },
  responses: { 200: json(Household, "the household"), ...errors },
});

const getHistory = securedRoute(READ_OWN, {
  method: "get",
  path: "/households/{id}/history",
  tags: ["registry"],
  summary: "A household's history of changes, newest first, a page at a time (audited read)",
  request: {
    params: Id,
    query: z
      .object({
        before: queryId()
          .optional()
          .openapi({ description: "the id of the oldest entry of the previous page" }),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      })
      .strict(),
  },
  responses: {
    200: json(
      z.object({
        entries: z.array(HistoryEntry),
        nextBefore: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "send as ?before= for the next page; null: no more" }),
      }),
      "one page",
    ),
    ...errors,
  },
});

const addMember = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/members",
  tags: ["registry"],
  summary: "Add a member from a date (birth, arrival)",
  request: {
    params: Id,
    body: json(
      MemberInput.extend({
        validFrom: z.string(),
        reason: z.string().min(1).max(500),
        version: Version(),
      }),
      "member",
    ),
  },
  responses: {
    201: json(z.object({ personId: z.number(), version: z.number() }), "added"),
    ...errors,
    ...conflict,
  },
});

const endMember = securedRoute(WRITE, {
  method: "post",
  path: "/households/{id}/members/{membershipId}/end",
  tags: ["registry"],
  summary: "End a membership on a date (departure, child turning 18)",
  request: {
    params: Id.extend({
      membershipId: pathId("membershipId"),
    }),
    body: json(
      z.object({
        validTo: z.string(),
        reason: z.string().max(500),
        version: Version(),
        endPlacement: z
          .boolean()
          .optional()
          .openapi({ description: "also end the person's placement on the same date" }),
      }),
      "end",
    ),
  },
  responses: { 200: json(z.object({ version: z.number() }), "ended"), ...errors, ...conflict },
});

const getPerson = securedRoute(READ_OWN, {
  method: "get",
  path: "/persons/{id}",
  tags: ["registry"],
  summary: "A person with memberships (audited read)",
  request: { params: Id },
  responses: { 200: json(PersonWithMemberships, "the person"), ...errors },
});

const patchPerson = securedRoute(WRITE, {
  method: "patch",
  path: "/persons/{id}",
  tags: ["registry"],
  summary: "Correct a person's data (optimistic concurrency: send the version you read)",
  request: {
    params: Id,
    body: json(
      PersonInput.partial().extend({
        version: Version(),
        reason: z.string().max(500).optional(),
      }),
      "changes",
    ),
  },
  responses: { 200: json(Person, "the updated person"), ...errors, ...conflict },
});

/** A search hit: the person's columns as stored (snake case), with today's household and place. */
export const PersonSearchHit = z
  .object({
    id: z.number().int(),
    family_name: z.string(),
    given_names: z.string(),
    family_name_cyrillic: z.string().nullable(),
    given_names_cyrillic: z.string().nullable(),
    birth_date: z.string().openapi({ description: "BRP date; 00 for an unknown month or day" }),
    bsn: z.string().nullable(),
    v_number: z.string().nullable(),
    household_id: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the household on the date; null: none" }),
    location_id: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the GOO location on the date; null: none or private (POO)" }),
    location_name: z.string().nullable(),
  })
  .openapi("PersonSearchHit");

/** One record of a person's access log: who read or changed their file, when and why. */
export const PersonAuditRecord = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ description: "UTC" }),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    role: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    personId: z.number().int().openapi({ description: "the person whose log this is" }),
    gemeenteCode: z.string().nullable(),
    fields: z.array(z.string()).nullable(),
    reason: z.string().nullable(),
  })
  .openapi("PersonAuditRecord");

const searchPersons = securedRoute(READ, {
  method: "get",
  path: "/persons",
  tags: ["registry"],
  summary:
    "Search persons by name (Latin or Cyrillic, spelling variants), BSN, V-number or location",
  request: {
    query: z.object({
      q: z.string().max(200).optional(),
      bsn: z.string().max(20).optional(),
      vNumber: z.string().max(20).optional(),
      locationId: queryId().optional(),
      on: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  responses: {
    200: json(z.object({ results: z.array(PersonSearchHit) }), "matches"),
    ...errors,
  },
});

const personAudit = securedRoute(
  // A resident sees who looked at their own file.
  { scope: "gemeente", roles: ["municipal_admin", "resident"] },
  {
    method: "get",
    path: "/persons/{id}/audit",
    tags: ["audit"],
    summary: "Who looked at or changed this person's file",
    request: { params: Id },
    responses: {
      200: json(z.object({ records: z.array(PersonAuditRecord) }), "audit records, newest first"),
      ...errors,
    },
  },
);

export function registryRoutes(db: Db, hooks?: service.MembershipHooks) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listHouseholdsRoute, async (c) =>
      c.json(await listHouseholds(db, currentAccess(c), c.req.valid("query")), 200),
    )
    .openapi(createHousehold, async (c) =>
      c.json(await service.registerHousehold(db, currentAccess(c), c.req.valid("json")), 201),
    )
    .openapi(getHousehold, async (c) =>
      c.json(await service.readHousehold(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(getHistory, async (c) =>
      c.json(
        await service.householdHistory(
          db,
          currentAccess(c),
          c.req.valid("param").id,
          c.req.valid("query"),
        ),
        200,
      ),
    )
    .openapi(addMember, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.addMember(db, currentAccess(c), id, c.req.valid("json")), 201);
    })
    .openapi(endMember, async (c) => {
      const { id, membershipId } = c.req.valid("param");
      return c.json(
        await service.endMember(db, currentAccess(c), id, membershipId, c.req.valid("json"), hooks),
        200,
      );
    })
    .openapi(getPerson, async (c) =>
      c.json(await service.readPerson(db, currentAccess(c), c.req.valid("param").id), 200),
    )
    .openapi(patchPerson, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(await service.changePerson(db, currentAccess(c), id, c.req.valid("json")), 200);
    })
    .openapi(searchPersons, async (c) =>
      c.json({ results: await service.search(db, currentAccess(c), c.req.valid("query")) }, 200),
    )
    .openapi(personAudit, async (c) =>
      c.json(
        { records: await service.personAccessLog(db, currentAccess(c), c.req.valid("param").id) },
        200,
      ),
    );
}
