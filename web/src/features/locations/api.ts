/**
 * The locations feature's calls to the Opvang API: locations, occupancy, persons by BSN,
 * incomes and the Inlichtingenbureau import. Every call goes through `request` (session
 * cookie, CSRF header, ApiError with the server's code); the CSV upload sends the file as
 * the body itself, with the same CSRF header.
 */
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFromResponse,
  readCookie,
  request,
} from "../../api";

export const LOCATION_KINDS = [
  "emergency_hall",
  "hotel",
  "ship",
  "flex_homes",
  "houses",
  "other",
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const LOCATION_STATUSES = ["planned", "realised", "closed"] as const;
export type LocationStatus = (typeof LOCATION_STATUSES)[number];

/** Occupancy figures as the server computes them; bezettingsgraad in % to one decimal. */
export interface Figures {
  realisedPlaces: number;
  occupied: number;
  free: number;
  bezettingsgraad: number | null;
}

export interface LocationSummary extends Figures {
  id: number;
  name: string;
  kind: LocationKind;
  catering: boolean;
  city: string | null;
  status: LocationStatus | null;
  capacity: number | null;
  version: number;
}

export interface DatedRow {
  id: number;
  validFrom: string;
  validTo: string | null;
}

export interface Location {
  id: number;
  gemeenteCode: string;
  name: string;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  kind: LocationKind;
  catering: boolean;
  version: number;
  capacityHistory: (DatedRow & { places: number })[];
  statusHistory: (DatedRow & { status: LocationStatus })[];
  /** Meals provided (no eetgeld) from a date; `catering` is the value today (the page: on `on`). */
  cateringHistory: (DatedRow & { catering: boolean })[];
}

export interface Occupant {
  personId: number;
  householdId: number | null;
  familyName: string;
  givenNames: string;
  familyNameCyrillic: string | null;
  givenNamesCyrillic: string | null;
  birthDate: string;
  placementId: number;
  placedFrom: string;
  placedTo: string | null;
}

export interface LocationPageData extends Location, Figures {
  on: string;
  status: LocationStatus | null;
  capacity: number | null;
  occupants: Occupant[];
  occupancy: (Figures & { on: string })[];
}

/** The details an edit (PATCH) changes; catering changes from a date (`changeCatering`). */
export interface LocationFields {
  name: string;
  street: string | null;
  houseNumber: string | null;
  postcode: string | null;
  city: string | null;
  kind: LocationKind;
}

/** A registration: the details, and catering, capacity and status from `validFrom`. */
export interface NewLocation extends LocationFields {
  catering: boolean;
  validFrom: string;
  places: number;
  status: "planned" | "realised";
}

export interface GemeenteOccupancy extends Figures {
  on: string;
  gemeenteCode: string;
  pooPersons: number;
  locations: (Figures & {
    locationId: number;
    name: string;
    kind: string;
    status: string | null;
  })[];
}

/** A search hit of GET /persons (the server answers in snake case). */
export interface PersonHit {
  id: number;
  family_name: string;
  given_names: string;
  family_name_cyrillic: string | null;
  given_names_cyrillic: string | null;
  birth_date: string;
  bsn: string | null;
  household_id: number | null;
}

export const INCOME_KINDS = ["work", "wage_replacement", "toeslagenwet"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];
export const MANUAL_SOURCES = ["caseworker", "self_reported"] as const;
export type IncomeSource = (typeof MANUAL_SOURCES)[number] | "inlichtingenbureau";

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

export interface NewIncome {
  month: string;
  netCents: number;
  kind: IncomeKind;
  source: (typeof MANUAL_SOURCES)[number];
  payer: string | null;
  reason: string | null;
}

export const IMPORT_ROW_CODES = [
  "matched",
  "unknown_bsn",
  "other_municipality",
  "duplicate",
  "invalid_amount",
  "invalid_bsn",
  "invalid_month",
  "invalid_kind",
  "invalid_payer",
  "missing_field",
  "too_many_fields",
] as const;
export type ImportRowCode = (typeof IMPORT_ROW_CODES)[number];
export type ImportChange = "inserted" | "updated" | "unchanged";

export interface ImportRowResult {
  line: number;
  code: ImportRowCode;
  change?: ImportChange;
  personId?: number;
  firstLine?: number;
  message?: string;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  counts: Record<string, number>;
  personsAffected: number;
  results: ImportRowResult[];
}

const V1 = "/api/v1";

function withOn(path: string, on?: string): string {
  return on ? `${path}?on=${encodeURIComponent(on)}` : path;
}

export const locationsApi = {
  list(on?: string) {
    return request<{ on: string; locations: LocationSummary[] }>(
      "GET",
      withOn(`${V1}/locations`, on),
    );
  },
  get(id: number, on?: string) {
    return request<LocationPageData>("GET", withOn(`${V1}/locations/${id}`, on));
  },
  create(input: NewLocation) {
    return request<Location>("POST", `${V1}/locations`, input);
  },
  update(id: number, input: Partial<LocationFields> & { version: number; reason?: string }) {
    return request<Location>("PATCH", `${V1}/locations/${id}`, input);
  },
  changeCapacity(
    id: number,
    input: { places: number; validFrom: string; version: number; reason?: string },
  ) {
    return request<Location>("POST", `${V1}/locations/${id}/capacity`, input);
  },
  changeStatus(
    id: number,
    input: { status: LocationStatus; validFrom: string; version: number; reason?: string },
  ) {
    return request<Location>("POST", `${V1}/locations/${id}/status`, input);
  },
  changeCatering(
    id: number,
    input: { catering: boolean; validFrom: string; version: number; reason?: string },
  ) {
    return request<Location>("POST", `${V1}/locations/${id}/catering`, input);
  },
  occupancy(on?: string) {
    return request<GemeenteOccupancy>("GET", withOn(`${V1}/occupancy/gemeente`, on));
  },
  async personsByBsn(bsn: string) {
    const { results } = await request<{ results: PersonHit[] }>(
      "GET",
      `${V1}/persons?q=${encodeURIComponent(bsn)}`,
    );
    return results;
  },
  incomes(personId: number) {
    return request<IncomeList>("GET", `${V1}/persons/${personId}/incomes`);
  },
  addIncome(personId: number, input: NewIncome) {
    return request<Income>("POST", `${V1}/persons/${personId}/incomes`, input);
  },
  /** Sends the CSV file as the body (text/csv); dryRun answers the report without storing. */
  async importIncomes(file: Blob, dryRun: boolean): Promise<ImportReport> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Content-Type": "text/csv",
    };
    const token = readCookie(CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
    let response: Response;
    try {
      response = await fetch(`${V1}/income-imports${dryRun ? "?dryRun=true" : ""}`, {
        method: "POST",
        headers,
        credentials: "same-origin",
        body: file,
      });
    } catch (cause) {
      throw new ApiError(
        0,
        "network_error",
        cause instanceof Error ? cause.message : String(cause),
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    return (await response.json()) as ImportReport;
  },
};

export type LocationsApi = typeof locationsApi;
