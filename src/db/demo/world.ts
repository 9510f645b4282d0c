/**
 * The records of the demo's synthetic world, as the generator builds them in memory before
 * writing them (generate.ts) and as the history scale's simulation fills them (history.ts):
 * day numbers (days.ts) for dates.
 */
import type { LOCATION_KINDS } from "../../domain/enums";
import type { PlacementReason } from "../../domain/reasons";

type LocationKind = (typeof LOCATION_KINDS)[number];

export type Role = "head" | "partner" | "child" | "guardian";

export interface Muni {
  code: string;
  name: string;
  postcodePrefix: string;
  persons: number;
}

export interface Person {
  id: number;
  gemeente: string;
  bsn: string | null;
  vNumber: string;
  familyCyr: string;
  givenCyr: string;
  /** Real birth day; `birthText` may hide month or day as the BRP allows. */
  birth: number;
  birthText: string;
  sex: "M" | "V";
  nationality: string;
  protectionStart: number;
  brpDate: number | null;
  language: "uk" | "nl" | "en";
}

export interface Household {
  id: number;
  muni: Muni;
  label: string;
  /** `until`: a child's membership that ended the day before turning 18. */
  members: { person: Person; role: Role; until?: number }[];
  arrival: number;
  departure: number | null;
  seeksGoo: boolean;
  move: { day: number; reason: PlacementReason } | null;
  prefersClosed: boolean;
  segments: Segment[];
}

export interface Segment {
  start: number;
  end: number | null;
  location: Location | null;
  address: Address | null;
  /** A code (domain/reasons), translated by the web. */
  reason: PlacementReason;
}

export interface Address {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  hostName: string | null;
}

export interface Location {
  id: number;
  muni: Muni;
  kind: LocationKind;
  name: string;
  address: Address;
  catering: boolean;
  places: number;
  open: number;
  closedFrom: number | null;
  planned: boolean;
  growthDay: number | null;
  /** The capacity before `growthDay`. */
  peakBeforeGrowth: number;
  occupied: number;
  /**
   * History scale: the capacity from each day on ([day, places], in day order), realised
   * from `open` until `closedFrom`; `places` is the last.
   */
  schedule?: [number, number][];
}

/** The places a location of each kind has: [fewest, most]. */
export const LOCATION_SIZES: Record<LocationKind, [number, number]> = {
  flex_homes: [24, 240],
  houses: [4, 40],
  hotel: [30, 150],
  emergency_hall: [60, 300],
  crisis_emergency: [20, 80],
  ship: [80, 250],
  other: [15, 100],
};
