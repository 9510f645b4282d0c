import type { Role } from "../../api";
import { request } from "../../api";

/**
 * The overview's view of the API: the worklists' counts and pages (caseworker, finance
 * officer) and the municipal admin's accounts and audit anomalies. The page takes an
 * `OverviewApi`, so that tests can pass a fake.
 */

export const WORKLIST_KINDS = [
  "turning_18",
  "placements_ending",
  "income_missing",
  "changes",
  "transition",
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const ANOMALY_KINDS = ["many_reads", "out_of_hours"] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** The dates each list is about (YYYY-MM-DD days, YYYY-MM months). */
export interface WorklistDates {
  today: string;
  nextMonth: string;
  endingUntil: string;
  latestMonth: string;
  incomeFromMonth: string;
  changesFromMonth: string;
}

export interface WorklistCounts extends WorklistDates {
  kinds: WorklistKind[];
  counts: Partial<Record<WorklistKind, number>>;
}

export interface MemberName {
  personId: number;
  familyName: string;
  givenNames: string;
}

export interface Turning18Item {
  householdId: number;
  label: string;
  personId: number;
  familyName: string;
  givenNames: string;
  birthDate: string;
  date: string;
}

export interface EndingItem {
  householdId: number;
  label: string;
  date: string;
  persons: number;
  kinds: ("goo" | "poo")[];
  locationNames: string[];
}

export interface IncomeMissingItem {
  householdId: number;
  label: string;
  lastMonth: string;
  persons: MemberName[];
}

export interface ChangesItem {
  householdId: number;
  label: string;
  months: number;
  firstMonth: string;
  lastChangeAt: string;
}

export interface TransitionItem {
  householdId: number | null;
  personId: number;
  familyName: string;
  givenNames: string;
  birthDate: string;
  blocking: string | null;
}

interface PageOf<K extends WorklistKind, T> {
  kind: K;
  dates: WorklistDates;
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export type WorklistPage =
  | PageOf<"turning_18", Turning18Item>
  | PageOf<"placements_ending", EndingItem>
  | PageOf<"income_missing", IncomeMissingItem>
  | PageOf<"changes", ChangesItem>
  | PageOf<"transition", TransitionItem>;

export interface AdminOverview {
  from: string;
  to: string;
  users: {
    total: number;
    active: number;
    inactive: number;
    neverSignedIn: number;
    neverSignedInAccounts: {
      id: number;
      username: string;
      displayName: string;
      role: Role;
      createdAt: string;
    }[];
  };
  anomalies: {
    manyReadsPerDay: number;
    workingHours: { start: number; end: number };
    counts: Record<AnomalyKind, number>;
  };
}

export interface AnomalyPage {
  kind: AnomalyKind;
  from: string;
  to: string;
  manyReadsPerDay: number;
  workingHours: { start: number; end: number };
  total: number;
  offset: number;
  limit: number;
  items: {
    userId: number;
    username: string;
    displayName: string;
    role: Role;
    day: string;
    reads: number;
  }[];
}

/** Items per page of a worklist or an anomaly list. */
export const PAGE_SIZE = 10;
/** The admin's period: the last this many days. */
export const PERIODS = [7, 30, 90] as const;

export interface OverviewApi {
  counts(): Promise<WorklistCounts>;
  worklist(kind: WorklistKind, offset: number): Promise<WorklistPage>;
  admin(days: number): Promise<AdminOverview>;
  anomalies(kind: AnomalyKind, days: number, offset: number): Promise<AnomalyPage>;
}

const V1 = "/api/v1/overview";

export const overviewApi: OverviewApi = {
  counts: () => request<WorklistCounts>("GET", `${V1}/counts`),
  worklist: (kind, offset) =>
    request<WorklistPage>(
      "GET",
      `${V1}/worklist?${new URLSearchParams({ kind, offset: String(offset), limit: String(PAGE_SIZE) })}`,
    ),
  admin: (days) => request<AdminOverview>("GET", `${V1}/admin?days=${days}`),
  anomalies: (kind, days, offset) =>
    request<AnomalyPage>(
      "GET",
      `${V1}/anomalies?${new URLSearchParams({
        kind,
        days: String(days),
        offset: String(offset),
        limit: String(PAGE_SIZE),
      })}`,
    ),
};
