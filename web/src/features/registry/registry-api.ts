import { type Answer, client, data, type QueryOf, type RequestBody, type Schemas } from "../../api";

/**
 * The registry feature's view of the API: households, persons and search (registry),
 * placements and locations, incomes, and the household's entitlement and changes with
 * effect. Pages take a `RegistryApi` so that tests can pass a fake.
 */

import type { MembershipRole as MemberRole, Sex } from "../../../../src/domain/enums";

export { MEMBERSHIP_ROLES as MEMBER_ROLES, SEXES } from "../../../../src/domain/enums";
export type { MemberRole, Sex };

export const CONTACT_LANGUAGES = ["uk", "nl", "en"] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

export type PersonInput = Schemas["PersonInput"];

/** A member of a new household: a new person or one already registered, with their role. */
export type HouseholdInput = RequestBody<"post", "/api/v1/households">;
export type MemberInput = HouseholdInput["members"][number];

export type Person = Schemas["Person"];
export type Household = Schemas["Household"];
export type Membership = Household["members"][number];
export type HistoryEntry = Household["history"][number];

/** A search hit, as the API sends it (snake_case columns). */
export type SearchHit = Schemas["PersonSearchHit"];

export type LocationSummary = Answer<"get", "/api/v1/locations">["locations"][number];

type PlacementRequest = RequestBody<"post", "/api/v1/households/{id}/placements">;
/** A private address (POO), as a placement gives it. */
export type PrivateAddress = Schemas["PrivateAddress"];
export type Placement = Schemas["HistoryPlacement"];
export type PlacementHistory = Schemas["PlacementHistory"];
export type PlacementWarning = Schemas["PlacementWarning"];
/** Where a household goes: a location (GOO) or a private address (POO). */
export type PlacementTarget = Pick<PlacementRequest, "kind" | "locationId" | "address">;
/** What placing (members already placed: `skipped`) or moving (`ended`) answers. */
export type PlacementResult =
  | Answer<"post", "/api/v1/households/{id}/placements">
  | Answer<"post", "/api/v1/households/{id}/placements/move">;

export type Income = Schemas["Income"];
export type IncomeList = Schemas["IncomeList"];

export type Entitlement = Schemas["Entitlement"];
export type Calculation = Schemas["CalculationResponse"];
export type EntitlementNotice = NonNullable<Entitlement["facts"]>["notices"][number];

/** A decision of a household-month as listed: its amounts, not its inputs or trace. */
export type DecisionSummary = Schemas["DecisionSummary"];
export type DecisionKind = DecisionSummary["kind"];

/** A past month whose amounts now differ from its latest decision. */
export type ChangeWithEffect = Schemas["ChangeWithEffect"];
/** The amounts of a month, as decided (`before`) or computed now (`now`). */
export type Amounts = Extract<ChangeWithEffect, { before: unknown }>["before"];

/** A municipality the household has been with; `validFrom` null: since registration. */
export type GemeentePeriod = Schemas["GemeentePeriods"]["periods"][number];
/** A municipality as reference data (CBS code, name, safety region). */
export type Gemeente = Schemas["Gemeenten"]["gemeenten"][number];
export type TransferInput = RequestBody<"post", "/api/v1/households/{id}/transfer">;
export type TransferResult = Answer<"post", "/api/v1/households/{id}/transfer">;

export interface RegistryApi {
  createHousehold(input: HouseholdInput): Promise<Answer<"post", "/api/v1/households">>;
  household(id: number): Promise<Household>;
  /** Older history of a household, a page of records before `before`. */
  history?(
    id: number,
    before: number,
    limit: number,
  ): Promise<Answer<"get", "/api/v1/households/{id}/history">>;
  addMember(
    householdId: number,
    input: RequestBody<"post", "/api/v1/households/{id}/members">,
  ): Promise<Answer<"post", "/api/v1/households/{id}/members">>;
  endMember(
    householdId: number,
    membershipId: number,
    input: RequestBody<"post", "/api/v1/households/{id}/members/{membershipId}/end">,
  ): Promise<Answer<"post", "/api/v1/households/{id}/members/{membershipId}/end">>;
  search(params: { q?: string; locationId?: number }): Promise<SearchHit[]>;
  locations(): Promise<LocationSummary[]>;
  placements(householdId: number): Promise<PlacementHistory>;
  place(
    householdId: number,
    input: RequestBody<"post", "/api/v1/households/{id}/placements">,
  ): Promise<PlacementResult>;
  move(
    householdId: number,
    input: RequestBody<"post", "/api/v1/households/{id}/placements/move">,
  ): Promise<PlacementResult>;
  endPlacements(
    householdId: number,
    input: RequestBody<"post", "/api/v1/households/{id}/placements/end">,
  ): Promise<Answer<"post", "/api/v1/households/{id}/placements/end">>;
  incomes(personId: number, from?: string, to?: string): Promise<IncomeList>;
  entitlement(householdId: number, month: string | undefined, lang: string): Promise<Entitlement>;
  changes(householdId: number): Promise<ChangeWithEffect[]>;
  acknowledge(
    householdId: number,
    months: string[],
    reason: string,
  ): Promise<Answer<"post", "/api/v1/households/{id}/changes/acknowledge">>;
  decisions(householdId: number): Promise<DecisionSummary[]>;
  decide(householdId: number, month: string, reason: string): Promise<DecisionSummary>;
  /** The municipalities the household has been with, oldest first. */
  gemeentePeriods(householdId: number): Promise<GemeentePeriod[]>;
  /** Every municipality, by name. */
  gemeenten(): Promise<Gemeente[]>;
  /** Transfers the household (and its members from that date) to another municipality. */
  transfer(householdId: number, input: TransferInput): Promise<TransferResult>;
}

const household = (id: number) => ({ path: { id } });

export const registryApi: RegistryApi = {
  createHousehold: (input) => data(client.POST("/api/v1/households", { body: input })),
  household: (id) => data(client.GET("/api/v1/households/{id}", { params: household(id) })),
  history: (id, before, limit) =>
    data(
      client.GET("/api/v1/households/{id}/history", {
        params: { ...household(id), query: { before, limit } },
      }),
    ),
  addMember: (householdId, input) =>
    data(
      client.POST("/api/v1/households/{id}/members", {
        params: household(householdId),
        body: input,
      }),
    ),
  endMember: (householdId, membershipId, input) =>
    data(
      client.POST("/api/v1/households/{id}/members/{membershipId}/end", {
        params: { path: { id: householdId, membershipId } },
        body: input,
      }),
    ),
  async search(params) {
    const { results } = await data(
      client.GET("/api/v1/persons", {
        params: { query: { q: params.q?.trim(), locationId: params.locationId, limit: 200 } },
      }),
    );
    return results;
  },
  async locations() {
    const { locations } = await data(client.GET("/api/v1/locations"));
    return locations;
  },
  placements: (householdId) =>
    data(client.GET("/api/v1/households/{id}/placements", { params: household(householdId) })),
  place: (householdId, input) =>
    data(
      client.POST("/api/v1/households/{id}/placements", {
        params: household(householdId),
        body: input,
      }),
    ),
  move: (householdId, input) =>
    data(
      client.POST("/api/v1/households/{id}/placements/move", {
        params: household(householdId),
        body: input,
      }),
    ),
  endPlacements: (householdId, input) =>
    data(
      client.POST("/api/v1/households/{id}/placements/end", {
        params: household(householdId),
        body: input,
      }),
    ),
  incomes: (personId, from, to) =>
    data(
      client.GET("/api/v1/persons/{id}/incomes", {
        params: { path: { id: personId }, query: { from, to } },
      }),
    ),
  entitlement: (householdId, month, lang) =>
    data(
      client.GET("/api/v1/households/{id}/entitlement", {
        params: { ...household(householdId), query: { month, lang: lang as EntitlementLanguage } },
      }),
    ),
  async changes(householdId) {
    const { changes } = await data(
      client.GET("/api/v1/households/{id}/changes", { params: household(householdId) }),
    );
    return changes;
  },
  acknowledge: (householdId, months, reason) =>
    data(
      client.POST("/api/v1/households/{id}/changes/acknowledge", {
        params: household(householdId),
        body: { months, reason },
      }),
    ),
  async decisions(householdId) {
    const { decisions } = await data(
      client.GET("/api/v1/households/{id}/decisions", { params: household(householdId) }),
    );
    return decisions;
  },
  decide: (householdId, month, reason) =>
    data(
      client.POST("/api/v1/households/{id}/decisions", {
        params: household(householdId),
        body: { month, reason },
      }),
    ),
  async gemeentePeriods(householdId) {
    const { periods } = await data(
      client.GET("/api/v1/households/{id}/gemeenten", { params: household(householdId) }),
    );
    return periods;
  },
  async gemeenten() {
    const { gemeenten } = await data(client.GET("/api/v1/gemeenten"));
    return gemeenten;
  },
  transfer: (householdId, input) =>
    data(
      client.POST("/api/v1/households/{id}/transfer", {
        params: household(householdId),
        body: input,
      }),
    ),
};

type EntitlementLanguage = QueryOf<"get", "/api/v1/households/{id}/entitlement">["lang"];
