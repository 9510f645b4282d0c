import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import type { Figures } from "../api";
import { formatMonth } from "../format";
import { OccupancyTable } from "./OccupancyTable";

export interface OccupancyPoint extends Figures {
  on: string;
}

/**
 * A small bar chart of occupied against realised places per month. It only repeats the
 * table below it, so it is hidden from assistive technology; the table is the accessible
 * form of the same figures.
 */
function OccupancyChart({ points }: { points: OccupancyPoint[] }) {
  const { i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const max = Math.max(1, ...points.map((p) => Math.max(p.realisedPlaces, p.occupied)));
  const barWidth = 24;
  const gap = 12;
  const height = 120;
  const width = points.length * (barWidth + gap) + gap;
  return (
    <svg
      className="opvang-loc-chart"
      viewBox={`0 0 ${width} ${height + 24}`}
      role="presentation"
      aria-hidden="true"
      focusable="false"
      data-testid="occupancy-chart"
    >
      {points.map((p, i) => {
        const x = gap + i * (barWidth + gap);
        const realised = (p.realisedPlaces / max) * height;
        const occupied = (Math.min(p.occupied, max) / max) * height;
        return (
          <g key={p.on}>
            <rect
              className="opvang-loc-chart__realised"
              x={x}
              y={height - realised}
              width={barWidth}
              height={realised}
            />
            <rect
              className="opvang-loc-chart__occupied"
              x={x + 4}
              y={height - occupied}
              width={barWidth - 8}
              height={occupied}
            />
            <text className="opvang-loc-chart__label" x={x + barWidth / 2} y={height + 16}>
              {new Intl.DateTimeFormat(language, { month: "short", timeZone: "UTC" }).format(
                new Date(`${p.on.slice(0, 7)}-01T00:00:00Z`),
              )}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function OccupancyOverTime({ points }: { points: OccupancyPoint[] }) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  if (points.length === 0) return null;
  return (
    <div className="opvang-loc-over-time">
      <figure className="opvang-loc-chart-figure">
        <OccupancyChart points={points} />
        <figcaption className="opvang-loc-chart-legend">
          <span className="opvang-loc-legend opvang-loc-legend--realised">
            {t("figures.realisedPlaces")}
          </span>{" "}
          <span className="opvang-loc-legend opvang-loc-legend--occupied">
            {t("figures.occupied")}
          </span>
        </figcaption>
      </figure>
      <OccupancyTable
        caption={t("detail.overTimeCaption")}
        labelHeading={t("detail.month")}
        testId="occupancy-over-time"
        rows={points.map((p) => ({ ...p, key: p.on, label: formatMonth(p.on, language) }))}
      />
    </div>
  );
}
