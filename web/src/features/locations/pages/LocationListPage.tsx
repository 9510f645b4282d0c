import { ButtonLink, Paragraph } from "@utrecht/component-library-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../../api";
import { PageTitle } from "../../../components/PageTitle";
import { currentLanguage } from "../../../i18n";
import { linkHandler } from "../../../router";
import { locationsApi } from "../api";
import { AppLink, LoadError, Loading, OnDateField } from "../components/Common";
import { OccupancyTable } from "../components/OccupancyTable";
import { formatDate, formatNumber, todayNl } from "../format";
import { isIsoDate, useLoad } from "../hooks";

/** /locations: the municipality's locations with their figures on a date. */
export function LocationListPage({ user }: { user: User }) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const [on, setOn] = useState(todayNl());
  const [query, setQuery] = useState(on);
  const { state } = useLoad(() => locationsApi.list(query), query);
  const data = state.data;

  return (
    <div className="opvang-loc-page" data-testid="page-locations">
      <PageTitle>{t("list.title")}</PageTitle>
      <Paragraph>{t("list.intro")}</Paragraph>
      {user.role === "caseworker" ? (
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
      {state.status === "error" ? <LoadError error={state.error} /> : null}
      {state.status === "loading" && !data ? <Loading /> : null}
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
