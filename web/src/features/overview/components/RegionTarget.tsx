import { useQuery } from "@tanstack/react-query";
import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatNumber, locale } from "../../../format";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import type { TargetsApi } from "../api";
import { targetProgressQuery } from "../queries";
import { Loading, LoadProblem } from "./Common";

/**
 * "Opgave van de regio": the national target of places in force today as the safety
 * region's share (set by the national coordinator), against the places realised in the
 * region today and those expected by the deadline; what is still to be found, and the
 * nation's line below. Without a target in force it says so, with the realised places.
 */
export function RegionTarget({ api }: { api: TargetsApi }) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const headingId = useId();
  const progress = useQuery(targetProgressQuery(api));
  const n = (value: number) => formatNumber(value, language);
  const date = (iso: string) => formatDate(iso, language);
  const data = progress.data;
  const target = data?.target ?? null;
  const region = data?.region;
  const nation = data?.nation;
  return (
    <section className="opvang-ov-section" aria-labelledby={headingId} data-testid="region-target">
      <Heading2 id={headingId}>{t("target.heading")}</Heading2>
      {progress.isPending ? <Loading /> : null}
      {progress.isError ? (
        <LoadProblem error={asApiError(progress.error)} testId="region-target-error" />
      ) : null}
      {data && region && nation && !target ? (
        <Paragraph data-testid="region-target-none">
          {t("target.none", {
            date: date(data.on),
            region: region.name,
            realised: n(region.realised),
            nation: n(nation.realised),
          })}
        </Paragraph>
      ) : null}
      {data && region && nation && target && region.target !== null ? (
        <>
          <Paragraph data-testid="region-target-intro">
            {t("target.intro", {
              region: region.name,
              places: n(target.places),
              setOn: date(target.setOn),
              deadline: date(target.deadline),
              share: n(region.target),
            })}
          </Paragraph>
          <ul
            className="opvang-ov-cards opvang-ov-cards--narrow"
            data-testid="region-target-figures"
          >
            {[
              { key: "target", value: n(region.target) },
              { key: "realised", value: n(region.realised) },
              {
                key: "pipeline",
                value: n(region.pipelineByDeadline),
                detail:
                  region.pipelineLater > 0
                    ? t("target.later", { places: n(region.pipelineLater) })
                    : undefined,
              },
              { key: "gap", value: n(region.gap ?? 0) },
              { key: "deadline", value: date(target.deadline) },
            ].map((figure) => (
              <li
                key={figure.key}
                className="opvang-ov-card opvang-ov-card--figure"
                data-testid={`target-${figure.key}`}
              >
                <span
                  className={`opvang-ov-card__count${figure.key === "deadline" ? " opvang-ov-card__count--date" : ""}`}
                >
                  {figure.value}
                </span>
                <span className="opvang-ov-card__label">{t(`target.figures.${figure.key}`)}</span>
                {figure.detail ? (
                  <span className="opvang-ov-card__label opvang-ov-muted">{figure.detail}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <TargetBar realised={region.realised} target={region.target} />
          {target.deadline < data.on ? (
            <Paragraph className="opvang-ov-note" data-testid="region-target-passed">
              {t("target.deadlinePassed", { deadline: date(target.deadline) })}
            </Paragraph>
          ) : null}
          <Paragraph data-testid="region-target-nation">
            {t("target.nation", {
              realised: n(nation.realised),
              target: n(nation.target ?? target.places),
              pipeline: n(nation.pipelineByDeadline),
              gap: n(nation.gap ?? 0),
            })}
          </Paragraph>
        </>
      ) : null}
    </section>
  );
}

/** How much of the region's share is realised, as a bar with its percentage in words. */
function TargetBar({ realised, target }: { realised: number; target: number }) {
  const { t, i18n } = useTranslation("overview");
  const language = currentLanguage(i18n);
  const share = target > 0 ? Math.min(1, realised / target) : 1;
  const percent = new Intl.NumberFormat(locale(language), {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(target > 0 ? realised / target : 1);
  return (
    <div className="opvang-ov-target-bar" data-testid="region-target-bar">
      <div className="opvang-ov-target-bar__track" aria-hidden="true">
        <div className="opvang-ov-target-bar__fill" style={{ inlineSize: `${share * 100}%` }} />
      </div>
      <Paragraph className="opvang-ov-muted">{t("target.share", { percent })}</Paragraph>
    </div>
  );
}
