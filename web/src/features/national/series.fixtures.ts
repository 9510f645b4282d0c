/** A unit's places and occupancy per week (GET /api/v1/national/series) for the web tests. */
import type { OccupancySeries, SeriesPoint, SeriesQuery } from "./api";

function point(
  week: string,
  sunday: string,
  on: string,
  realised: number,
  occupied: number,
  registered: number | null,
  poo: number | null,
): SeriesPoint {
  return {
    week,
    sunday,
    on,
    realised,
    occupied,
    free: Math.max(0, realised - occupied),
    bezettingsgraad: realised > 0 ? Math.round((occupied / realised) * 1000) / 10 : null,
    registered,
    poo,
  };
}

/**
 * Three weeks up to 5 December 2026 (a Saturday: the last week's figures are of that day):
 * one without places yet (no bezettingsgraad), then 1,584 and 1,600 places.
 */
export function occupancySeries(query: SeriesQuery, name: string): OccupancySeries {
  const location = query.level === "location";
  const persons = (value: number) => (location ? null : value);
  return {
    level: query.level,
    code: query.code,
    name,
    from: query.from,
    to: "2026-12-06",
    points: [
      point("2026-W47", "2026-11-22", "2026-11-22", 0, 0, persons(1890), persons(440)),
      point("2026-W48", "2026-11-29", "2026-11-29", 1584, 1531, persons(1925), persons(451)),
      point("2026-W49", "2026-12-06", "2026-12-05", 1600, 1548, persons(1931), persons(455)),
    ],
  };
}
