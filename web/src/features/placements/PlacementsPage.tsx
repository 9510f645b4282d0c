import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
} from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { currentLanguage } from "../../i18n";
import { asApiError } from "../../query";
import { AppLink, LoadError, Loading, OnDateField } from "../locations/components/Common";
import { OccupancyTable } from "../locations/components/OccupancyTable";
import { formatDate, formatNumber, formatPercent, isIsoDate, todayNl } from "../locations/format";
import { occupancyQuery } from "./queries";

/** /placements: the municipality's occupancy on a date, in total and per location. */
export function PlacementsPage() {
  const { t, i18n } = useTranslation(["placements", "locations"], { nsMode: "fallback" });
  const language = currentLanguage(i18n);
  const [on, setOn] = useState(todayNl());
  const [query, setQuery] = useState(on);
  const occupancy = useQuery({ ...occupancyQuery(query), placeholderData: keepPreviousData });
  const data = occupancy.data;

  return (
    <div className="opvang-loc-page" data-testid="page-placements">
      <PageTitle>{t("placements.title")}</PageTitle>
      <Paragraph>{t("placements.intro")}</Paragraph>
      <Paragraph>
        {t("placements.howToPlace")}{" "}
        <AppLink to="/households">{t("placements.householdsLink")}</AppLink>
      </Paragraph>
      <OnDateField
        id="placements-on"
        value={on}
        onChange={(value) => {
          setOn(value);
          if (isIsoDate(value)) setQuery(value);
        }}
      />
      {occupancy.isError ? <LoadError error={asApiError(occupancy.error)} /> : null}
      {occupancy.isPending ? <Loading /> : null}
      {data ? (
        <>
          <section aria-labelledby="placements-totals-heading" data-testid="placements-totals">
            <Heading2 id="placements-totals-heading">
              {t("placements.totalsHeading", { date: formatDate(data.on, language) })}
            </Heading2>
            <DataList className="opvang-loc-datalist opvang-loc-totals">
              {(
                [
                  ["realisedPlaces", formatNumber(data.realisedPlaces, language)],
                  ["occupied", formatNumber(data.occupied, language)],
                  ["free", formatNumber(data.free, language)],
                  ["bezettingsgraad", formatPercent(data.bezettingsgraad, language)],
                  ["pooPersons", formatNumber(data.pooPersons, language)],
                ] as const
              ).map(([key, value]) => (
                <DataListItem key={key} data-testid={`total-${key}`}>
                  <DataListKey>{t(`figures.${key}`)}</DataListKey>
                  <DataListValue>{value}</DataListValue>
                </DataListItem>
              ))}
            </DataList>
          </section>
          <section aria-labelledby="placements-locations-heading">
            <Heading2 id="placements-locations-heading">{t("placements.perLocation")}</Heading2>
            {data.locations.length === 0 ? (
              <Paragraph>{t("list.empty")}</Paragraph>
            ) : (
              <OccupancyTable
                caption={t("placements.caption", { date: formatDate(data.on, language) })}
                labelHeading={t("list.name")}
                extraHeadings={[t("list.kind"), t("list.status")]}
                testId="placements-table"
                rows={data.locations.map((l) => ({
                  ...l,
                  key: l.locationId,
                  label: <AppLink to={`/locations/${l.locationId}`}>{l.name}</AppLink>,
                  extra: [
                    t([`kinds.${l.kind}`, "kinds.other"]),
                    l.status ? t([`statuses.${l.status}`, "statuses.none"]) : t("statuses.none"),
                  ],
                }))}
                total={{
                  key: "total",
                  label: t("placements.total"),
                  realisedPlaces: data.realisedPlaces,
                  occupied: data.occupied,
                  free: data.free,
                  bezettingsgraad: data.bezettingsgraad,
                }}
              />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
