import { request } from "../../api";

/**
 * The registry feature's view of the API: households, persons and search (registry),
 * placements and locations, incomes, and the household's entitlement and changes with
 * effect. Pages take a `RegistryApi` so that tests can pass a fake.
 */

import type {
  IncomeKind,
  IncomeSource,
  MembershipRole as MemberRole,
  Sex,
} from "../../../../src/domain/enums";

export { MEMBERSHIP_ROLES as MEMBER_ROLES, SEXES } from "../../../../src/domain/enums";
export type { MemberRole, Sex };

export const CONTACT_LANGUAGES = ["uk", "nl", "en"] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

export interface PersonInput {
  bsn?: string | null;
  vNumber?: string | null;
  familyName: string;
  givenNames: string;
  familyNameCyrillic?: string | null;
  givenNamesCyrillic?: string | null;
  birthDate: string;
  sex?: Sex;
  nationalityCode?: string;
  protectionStart?: string | null;
  brpRegistrationDate?: string | null;
  contactLanguage?: ContactLanguage;
}

export interface MemberInput {
  role: MemberRole;
  person?: PersonInput;
  personId?: number;
}

export interface HouseholdInput {
  label?: string;
  validFrom: string;
  reason?: string;
  members: MemberInput[];
}

export interface Person {
  id: number;
  gemeenteCode: string;
  bsn: string | null;
  vNumber: string | null;
  familyName: string;
  givenNames: string;
  familyNameCyrillic: string | null;
  givenNamesCyrillic: string | null;
  birthDate: string;
  sex: Sex;
  nationalityCode: string;
  protectionStart: string | null;
  brpRegistrationDate: string | null;
  contactLanguage: string;
  version: number;
}

export interface Membership {
  membershipId: number;
  role: MemberRole;
  validFrom: string;
  validTo: string | null;
  reason: string | null;
  person: Person;
}

export interface HistoryEntry {
  /** The audit record; a page of older entries starts before it. */
  id?: number;
  at: string;
  username: string | null;
  role: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: number | null;
  fields: string[] | null;
  reason: string | null;
}

export interface Household {
  id: number;
  label: string;
  gemeenteCode: string;
  version: number;
  members: Membership[];
  history: HistoryEntry[];
}

/** A search hit, as the API sends it (snake_case columns). */
export interface SearchHit {
  id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  bsn: string | null;
  v_number: string | null;
  household_id: number | null;
  location_id: number | null;
  location_name: string | null;
}

export interface LocationSummary {
  id: number;
  name: string;
  kind: string;
  catering: boolean;
  city: string | null;
  status: string | null;
  capacity: number | null;
  realisedPlaces: number;
  occupied: number;
  free: number;
}

export interface PrivateAddress {
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
  hostName?: string;
}

export interface Placement {
  id: number;
  personId: number;
  familyName: string;
  givenNames: string;
  kind: "goo" | "poo";
  locationId: number | null;
  locationName: string | null;
  address: PrivateAddress | null;
  validFrom: string;
  validTo: string | null;
  reason: string | null;
  current: boolean;
}

export interface PlacementHistory {
  householdId: number;
  on: string;
  current: Placement[];
  past: Placement[];
  future: Placement[];
}

export interface PlacementWarning {
  code: string;
  message: string;
  params?: { locationId?: number; capacity?: number; occupied?: number; on?: string };
}

export interface PlacementTarget {
  kind: "goo" | "poo";
  locationId?: number | null;
  address?: PrivateAddress | null;
}

export interface PlacementResult {
  placements: { id: number }[];
  warnings: PlacementWarning[];
  ended?: number[];
}

export interface Income {
  id: number;
  personId: number;
  month: string;
  netCents: number;
  kind: IncomeKind;
  source: IncomeSource;
  payer: string | null;
  receivedAt: string;
  version: number;
}

export interface IncomeList {
  personId: number;
  months: { month: string; totalsBySource: Record<string, number>; incomes: Income[] }[];
}

export interface Calculation {
  month: string;
  reception: string;
  householdSize: number;
  adults: number;
  incomeCents: number;
  leefgeld: { fullCents: number; withdrawnCents: number; paidCents: number };
  eigenBijdrage: {
    fullCents: number;
    chargedCents: number;
    exploitationCents: number;
    cateringCents: number;
  };
  thresholds: {
    leefgeldFullyWithdrawnAtCents: number;
    eigenBijdrageFullyChargedAtCents: number;
  } | null;
  explanation: string;
}

export interface EntitlementNotice {
  /** null for a notice about the whole household (no adult). */
  personId: number | null;
  code: "child_turned_18" | "no_adult" | "adult_aged_18";
  message: string;
}

export interface Entitlement {
  month: string;
  inReception: boolean;
  facts: { notices?: EntitlementNotice[] } | null;
  calculation: Calculation | null;
  /** Members in reception on days their residence status no longer gave leefgeld. */
  supportEnded?: { personId: number; lastDay: string | null }[];
}

export interface Amounts {
  leefgeldPaidCents: number;
  eigenBijdrageChargedCents: number;
}

export type DecisionKind = "manual" | "run" | "correction";

/** A decision of a household-month as listed: its amounts, not its inputs or trace. */
export interface DecisionSummary {
  id: number;
  householdId: number;
  month: string;
  kind: DecisionKind;
  reason: string | null;
  leefgeldPaidCents: number;
  eigenBijdrageChargedCents: number;
  lawHash: string;
  engineVersion: string;
  /** Username; null when the system decided (the monthly run). */
  decidedBy: string | null;
  decidedAt: string;
}

/** A past month whose amounts now differ from its latest decision. */
export interface ChangeWithEffect {
  month: string;
  /** The latest decision of the month, which `before` is. */
  decisionId: number;
  before?: Amounts;
  now?: Amounts;
  difference?: { leefgeldCents: number; eigenBijdrageCents: number; netCents: number };
  /** The month cannot be calculated (for instance an incomplete birth date). */
  problem?: string;
}

const V1 = "/api/v1";

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface RegistryApi {
  createHousehold(input: HouseholdInput): Promise<{ id: number; version: number }>;
  household(id: number): Promise<Household>;
  /** Older history of a household, a page of records before `before`. */
  history?(
    id: number,
    before: number,
    limit: number,
  ): Promise<{ entries: HistoryEntry[]; nextBefore: number | null }>;
  addMember(
    householdId: number,
    input: MemberInput & { validFrom: string; reason: string; version: number },
  ): Promise<{ personId: number; version: number }>;
  endMember(
    householdId: number,
    membershipId: number,
    input: { validTo: string; reason: string; version: number; endPlacement?: boolean },
  ): Promise<{ version: number }>;
  search(params: { q?: string; locationId?: number }): Promise<SearchHit[]>;
  locations(): Promise<LocationSummary[]>;
  placements(householdId: number): Promise<PlacementHistory>;
  place(
    householdId: number,
    input: PlacementTarget & { validFrom: string; reason?: string | null },
  ): Promise<PlacementResult>;
  move(
    householdId: number,
    input: PlacementTarget & { validFrom: string; reason: string },
  ): Promise<PlacementResult>;
  endPlacements(
    householdId: number,
    input: { validTo: string; reason: string },
  ): Promise<{ ended: number[] }>;
  incomes(personId: number, from?: string, to?: string): Promise<IncomeList>;
  entitlement(householdId: number, month: string | undefined, lang: string): Promise<Entitlement>;
  changes(householdId: number): Promise<ChangeWithEffect[]>;
  acknowledge(
    householdId: number,
    months: string[],
    reason: string,
  ): Promise<{ acknowledged: number; decisionIds: number[] }>;
  decisions(householdId: number): Promise<DecisionSummary[]>;
  decide(householdId: number, month: string, reason: string): Promise<DecisionSummary>;
}

export const registryApi: RegistryApi = {
  createHousehold: (input) => request("POST", `${V1}/households`, input),
  household: (id) => request("GET", `${V1}/households/${id}`),
  history: (id, before, limit) =>
    request("GET", `${V1}/households/${id}/history?before=${before}&limit=${limit}`),
  addMember: (householdId, input) =>
    request("POST", `${V1}/households/${householdId}/members`, input),
  endMember: (householdId, membershipId, input) =>
    request("POST", `${V1}/households/${householdId}/members/${membershipId}/end`, input),
  async search(params) {
    const { results } = await request<{ results: SearchHit[] }>(
      "GET",
      `${V1}/persons${query({ q: params.q?.trim(), locationId: params.locationId, limit: 200 })}`,
    );
    return results;
  },
  async locations() {
    const { locations } = await request<{ locations: LocationSummary[] }>("GET", `${V1}/locations`);
    return locations;
  },
  placements: (householdId) => request("GET", `${V1}/households/${householdId}/placements`),
  place: (householdId, input) =>
    request("POST", `${V1}/households/${householdId}/placements`, input),
  move: (householdId, input) =>
    request("POST", `${V1}/households/${householdId}/placements/move`, input),
  endPlacements: (householdId, input) =>
    request("POST", `${V1}/households/${householdId}/placements/end`, input),
  incomes: (personId, from, to) =>
    request("GET", `${V1}/persons/${personId}/incomes${query({ from, to })}`),
  entitlement: (householdId, month, lang) =>
    request("GET", `${V1}/households/${householdId}/entitlement${query({ month, lang })}`),
  async changes(householdId) {
    const { changes } = await request<{ changes: ChangeWithEffect[] }>(
      "GET",
      `${V1}/households/${householdId}/changes`,
    );
    return changes;
  },
  acknowledge: (householdId, months, reason) =>
    request("POST", `${V1}/households/${householdId}/changes/acknowledge`, { months, reason }),
  async decisions(householdId) {
    const { decisions } = await request<{ decisions: DecisionSummary[] }>(
      "GET",
      `${V1}/households/${householdId}/decisions`,
    );
    return decisions;
  },
  decide: (householdId, month, reason) =>
    request("POST", `${V1}/households/${householdId}/decisions`, { month, reason }),
};
