import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ButtonLink, Paragraph } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { currentLanguage } from "../../../i18n";
import { linkHandler } from "../../../links";
import { asApiError } from "../../../query";
import { useCan } from "../../../session";
import { AppLink, LoadError, Loading, OnDateField } from "../components/Common";
import { OccupancyTable } from "../components/OccupancyTable";
import { formatDate, formatNumber, isIsoDate, todayNl } from "../format";
import { locationListQuery } from "../queries";

/** /locations: the municipality's locations with their figures on a date. */
export function LocationListPage() {
  const can = useCan();
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const [on, setOn] = useState(todayNl());
  const [query, setQuery] = useState(on);
  const list = useQuery({ ...locationListQuery(query), placeholderData: keepPreviousData });
  const data = list.data;

  return (
    <div className="opvang-loc-page" data-testid="page-locations">
      <PageTitle>{t("list.title")}</PageTitle>
      <Paragraph>{t("list.intro")}</Paragraph>
      {can("locations.write") ? (
        <Paragraph>
          <ButtonLink
            appearance="primary-action-button"
            href="/locations/new"
            onClick={linkHandler("/locations/new")}
          >
            {t("list.register")}
          </ButtonLink>
        </Paragraph>
      ) : null}
      <OnDateField
        id="locations-on"
        value={on}
        onChange={(value) => {
          setOn(value);
          if (isIsoDate(value)) setQuery(value);
        }}
      />
      {list.isError ? <LoadError error={asApiError(list.error)} /> : null}
      {list.isPending ? <Loading /> : null}
      {data ? (
        data.locations.length === 0 ? (
          <Paragraph data-testid="locations-empty">{t("list.empty")}</Paragraph>
        ) : (
          <OccupancyTable
            caption={t("list.caption", { date: formatDate(data.on, language) })}
            labelHeading={t("list.name")}
            extraHeadings={[
              t("list.kind"),
              t("list.catering"),
              t("list.status"),
              t("list.capacity"),
            ]}
            testId="locations-table"
            rows={data.locations.map((location) => ({
              ...location,
              key: location.id,
              label: <AppLink to={`/locations/${location.id}`}>{location.name}</AppLink>,
              extra: [
                t(`kinds.${location.kind}`),
                location.catering ? t("common.yes") : t("common.no"),
                location.status ? t(`statuses.${location.status}`) : t("statuses.none"),
                location.capacity === null ? "–" : formatNumber(location.capacity, language),
              ],
            }))}
          />
        )
      ) : null}
    </div>
  );
}
