/**
 * The locations feature's calls to the Opvang API: locations with their capacity, status
 * and catering over time, and their occupancy. Every call goes through `request` (session
 * cookie, CSRF header, ApiError with the server's code).
 */

import type { LocationKind, LocationStatus } from "../../../../src/domain/enums";
import { request } from "../../api";

export {
  LOCATION_KINDS,
  LOCATION_STATUSES,
  type LocationKind,
  type LocationStatus,
} from "../../../../src/domain/enums";

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

const V1 = "/api/v1";

export function withOn(path: string, on?: string): string {
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
};

export type LocationsApi = typeof locationsApi;
