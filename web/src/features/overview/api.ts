import { client, data, type Schemas } from "../../api";

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
export type WorklistDates = Schemas["WorklistDates"];
export type WorklistCounts = Schemas["WorklistCounts"];
/** A page of one worklist; `kind` says which, and so the shape of its items. */
export type WorklistPage = Schemas["Worklist"];
export type AdminOverview = Schemas["AdminOverview"];
export type AnomalyPage = Schemas["AuditAnomalies"];

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

export const overviewApi: OverviewApi = {
  counts: () => data(client.GET("/api/v1/overview/counts")),
  worklist: (kind, offset) =>
    data(
      client.GET("/api/v1/overview/worklist", {
        params: { query: { kind, offset, limit: PAGE_SIZE } },
      }),
    ),
  admin: (days) => data(client.GET("/api/v1/overview/admin", { params: { query: { days } } })),
  anomalies: (kind, days, offset) =>
    data(
      client.GET("/api/v1/overview/anomalies", {
        params: { query: { kind, days, offset, limit: PAGE_SIZE } },
      }),
    ),
};

/** The safety region's target of places (opgave) on a day, and the nation's. */
export type RegionTargetProgress = Schemas["RegionTargetProgress"];
export type TargetProgress = Schemas["TargetProgress"];

/** The region's target, for whoever may read it (targets.read); apart, so tests pass a fake. */
export interface TargetsApi {
  progress(): Promise<RegionTargetProgress>;
}

export const targetsApi: TargetsApi = {
  progress: () => data(client.GET("/api/v1/targets/progress")),
};
