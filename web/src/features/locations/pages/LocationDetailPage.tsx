import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@utrecht/component-library-react";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../../components/PageTitle";
import { ScrollTable } from "../../../components/ScrollTable";
import { currentLanguage } from "../../../i18n";
import { asApiError } from "../../../query";
import { useCan } from "../../../session";
import { type DatedRow, type LocationPageData, type LocationStatus, locationsApi } from "../api";
import { CapacityForm, CateringForm, StatusForm } from "../components/ChangeForms";
import { AppLink, LoadError, Loading, OnDateField } from "../components/Common";
import { LocationForm } from "../components/LocationForm";
import { OccupancyOverTime } from "../components/OccupancyOverTime";
import { formatDate, formatNumber, formatPercent, isIsoDate, todayNl } from "../format";
import { locationQuery } from "../queries";

type Notice = { type: "ok" | "warning"; key: string } | null;

/** The location is not there, or belongs to another municipality: both look the same. */
export function LocationNotFound() {
  const { t } = useTranslation("locations");
  return (
    <div className="opvang-loc-page" data-testid="location-not-found">
      <PageTitle>{t("detail.notFoundTitle")}</PageTitle>
      <Paragraph>{t("detail.notFoundBody")}</Paragraph>
      <Paragraph>
        <AppLink to="/locations">{t("common.backToList")}</AppLink>
      </Paragraph>
    </div>
  );
}

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="opvang-loc-section" data-testid={testId}>
      <Heading2 id={headingId}>{title}</Heading2>
      {children}
    </section>
  );
}

function address(location: LocationPageData): string {
  const line1 = [location.street, location.houseNumber].filter(Boolean).join(" ");
  const line2 = [location.postcode, location.city].filter(Boolean).join(" ");
  return [line1, line2].filter(Boolean).join(", ");
}

/**
 * /locations/{id}: details, capacity, status and catering over time, occupants and occupancy
 * over time.
 */
/** The route's page: a location by its number, or not found for anything else. */
export function LocationDetailRoutePage({ id }: { id: number | null }) {
  return id === null ? <LocationNotFound /> : <LocationDetailPage key={id} id={id} />;
}

export function LocationDetailPage({ id }: { id: number }) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const [on, setOn] = useState(todayNl());
  const [query, setQuery] = useState(on);
  const queryClient = useQueryClient();
  const page = useQuery({ ...locationQuery(id, query), placeholderData: keepPreviousData });
  const reload = () => queryClient.invalidateQueries({ queryKey: ["locations", id] });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<Notice>(() =>
    typeof window !== "undefined" && new URLSearchParams(window.location.search).has("registered")
      ? { type: "ok", key: "detail.registered" }
      : null,
  );
  const canWrite = useCan()("locations.write");

  const error = page.isError ? asApiError(page.error) : null;
  if (error?.status === 404) return <LocationNotFound />;
  const location = page.data;
  if (!location) return error ? <LoadError error={error} /> : <Loading />;

  const conflict = () => {
    setEditing(false);
    setNotice({ type: "warning", key: "detail.conflict" });
    reload();
  };
  const saved = (key: string) => {
    setNotice({ type: "ok", key });
    reload();
  };
  const figures: [string, string][] = [
    [t("figures.status"), location.status ? t(`statuses.${location.status}`) : t("statuses.none")],
    [
      t("figures.capacity"),
      location.capacity === null ? "–" : formatNumber(location.capacity, language),
    ],
    // Catering on the page's date, like status and capacity.
    [t("figures.catering"), location.catering ? t("common.yes") : t("common.no")],
  ];
  // The counts of the date, shown as figures (a number above its label), not label lines.
  const counts: [string, string, string][] = [
    ["realised", t("figures.realisedPlaces"), formatNumber(location.realisedPlaces, language)],
    ["occupied", t("figures.occupied"), formatNumber(location.occupied, language)],
    ["free", t("figures.free"), formatNumber(location.free, language)],
    [
      "bezettingsgraad",
      t("figures.bezettingsgraad"),
      formatPercent(location.bezettingsgraad, language),
    ],
  ];

  return (
    <div className="opvang-loc-page" data-testid="page-location">
      <Paragraph>
        <AppLink to="/locations">{t("common.backToList")}</AppLink>
      </Paragraph>
      <PageTitle>{location.name}</PageTitle>
      {notice ? (
        <Alert type={notice.type} role="status" data-testid="location-notice">
          <Paragraph>{t(notice.key)}</Paragraph>
        </Alert>
      ) : null}
      {error ? <LoadError error={error} /> : null}

      <Section title={t("detail.figuresHeading")} testId="location-figures">
        <OnDateField
          id="location-on"
          value={on}
          onChange={(value) => {
            setOn(value);
            if (isIsoDate(value)) setQuery(value);
          }}
        />
        <DataList
          className="opvang-loc-datalist"
          aria-label={t("detail.figuresOn", { date: formatDate(location.on, language) })}
        >
          {figures.map(([key, value]) => (
            <DataListItem key={key}>
              <DataListKey>{key}</DataListKey>
              <DataListValue>{value}</DataListValue>
            </DataListItem>
          ))}
        </DataList>
        <dl className="opvang-loc-figures">
          {counts.map(([id, label, value]) => (
            <div key={id} data-figure={id}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section title={t("detail.detailsHeading")} testId="location-details">
        {editing ? (
          <LocationForm
            key={location.version}
            mode="edit"
            location={location}
            onSubmit={async (fields) => {
              await locationsApi.update(location.id, { ...fields, version: location.version });
              setEditing(false);
              saved("detail.saved");
            }}
            onConflict={conflict}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <DataList className="opvang-loc-datalist">
              <DataListItem>
                <DataListKey>{t("form.kind")}</DataListKey>
                <DataListValue>{t(`kinds.${location.kind}`)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t("detail.address")}</DataListKey>
                <DataListValue>{address(location) || "–"}</DataListValue>
              </DataListItem>
            </DataList>
            {canWrite ? (
              <Button
                appearance="secondary-action-button"
                onClick={() => {
                  setNotice(null);
                  setEditing(true);
                }}
              >
                {t("detail.edit")}
              </Button>
            ) : null}
          </>
        )}
      </Section>

      <Section title={t("detail.capacityHeading")} testId="location-capacity">
        <Histories location={location} />
        {canWrite ? (
          <div className="opvang-loc-subforms">
            <CapacityForm
              key={`capacity-${location.version}`}
              onConflict={conflict}
              onSubmit={async ({ value, validFrom, reason }) => {
                await locationsApi.changeCapacity(location.id, {
                  places: Number(value),
                  validFrom,
                  version: location.version,
                  ...(reason ? { reason } : {}),
                });
                saved("detail.capacitySaved");
              }}
            />
            <StatusForm
              key={`status-${location.version}`}
              current={currentStatus(location)}
              onConflict={conflict}
              onSubmit={async ({ value, validFrom, reason }) => {
                await locationsApi.changeStatus(location.id, {
                  status: value as LocationStatus,
                  validFrom,
                  version: location.version,
                  ...(reason ? { reason } : {}),
                });
                saved("detail.statusSaved");
              }}
            />
            <CateringForm
              key={`catering-${location.version}`}
              current={currentCatering(location)}
              onConflict={conflict}
              onSubmit={async ({ value, validFrom, reason }) => {
                await locationsApi.changeCatering(location.id, {
                  catering: value === "true",
                  validFrom,
                  version: location.version,
                  ...(reason ? { reason } : {}),
                });
                saved("detail.cateringSaved");
              }}
            />
          </div>
        ) : null}
      </Section>

      <Section title={t("detail.occupantsHeading")} testId="location-occupants">
        <Paragraph>
          {t("detail.occupantsSummary", {
            persons: formatNumber(location.occupants.length, language),
            free: formatNumber(location.free, language),
            date: formatDate(location.on, language),
          })}
        </Paragraph>
        {location.occupants.length > 0 ? <Occupants location={location} /> : null}
      </Section>

      <Section title={t("detail.overTimeHeading")} testId="location-over-time">
        <OccupancyOverTime points={location.occupancy} />
      </Section>
    </div>
  );
}

/** The latest status row that is still open; changes go forward from it. */
function currentStatus(location: LocationPageData): LocationStatus | null {
  const open = location.statusHistory.find((row) => row.validTo === null);
  return open?.status ?? null;
}

/** The catering of the latest (open) period, which a change must differ from. */
function currentCatering(location: LocationPageData): boolean {
  const open = location.cateringHistory.find((row) => row.validTo === null);
  return open?.catering ?? location.catering;
}

function Histories({ location }: { location: LocationPageData }) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  return (
    <div className="opvang-loc-histories">
      <History
        title={t("detail.capacityHistory")}
        testId="capacity-history"
        valueHeading={t("figures.capacity")}
        numeric
        rows={location.capacityHistory}
        value={(row) => formatNumber(row.places, language)}
      />
      <History
        title={t("detail.statusHistory")}
        testId="status-history"
        valueHeading={t("figures.status")}
        rows={location.statusHistory}
        value={(row) => t(`statuses.${row.status}`)}
      />
      <History
        title={t("detail.cateringHistory")}
        testId="catering-history"
        valueHeading={t("detail.mealsProvided")}
        rows={location.cateringHistory}
        value={(row) => (row.catering ? t("common.yes") : t("common.no"))}
      />
    </div>
  );
}

/** One dated value over time: from, to (inclusive, or open) and the value, oldest first. */
function History<Row extends DatedRow>({
  title,
  testId,
  valueHeading,
  numeric = false,
  rows,
  value,
}: {
  title: string;
  testId: string;
  valueHeading: string;
  /** Right-aligned tabular figures. */
  numeric?: boolean;
  rows: Row[];
  value: (row: Row) => string;
}) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  const valueClass = numeric ? "opvang-loc-num" : undefined;
  return (
    <div>
      <Heading3>{title}</Heading3>
      <ScrollTable label={title}>
        <Table className="opvang-loc-table" data-testid={testId}>
          <TableCaption className="opvang-visually-hidden">{title}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("detail.from")}</TableHeaderCell>
              <TableHeaderCell scope="col">{t("detail.to")}</TableHeaderCell>
              <TableHeaderCell scope="col" className={valueClass}>
                {valueHeading}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id}>
                <TableCell>{formatDate(row.validFrom, language)}</TableCell>
                <TableCell>
                  {row.validTo ? formatDate(row.validTo, language) : t("detail.open")}
                </TableCell>
                <TableCell className={valueClass}>{value(row)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </div>
  );
}

function Occupants({ location }: { location: LocationPageData }) {
  const { t, i18n } = useTranslation("locations");
  const language = currentLanguage(i18n);
  return (
    <ScrollTable label={t("detail.occupantsHeading")}>
      <Table className="opvang-loc-table" data-testid="occupants">
        <TableCaption className="opvang-visually-hidden">
          {t("detail.occupantsHeading")}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t("detail.name")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("detail.nameCyrillic")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("detail.birthDate")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("detail.placedFrom")}</TableHeaderCell>
            <TableHeaderCell scope="col">{t("detail.household")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {location.occupants.map((o) => (
            <TableRow key={o.placementId}>
              <TableHeaderCell scope="row">
                {o.familyName}, {o.givenNames}
              </TableHeaderCell>
              <TableCell lang="uk">
                {o.familyNameCyrillic || o.givenNamesCyrillic
                  ? `${o.familyNameCyrillic ?? ""}, ${o.givenNamesCyrillic ?? ""}`
                  : "–"}
              </TableCell>
              <TableCell>{formatDate(o.birthDate, language)}</TableCell>
              <TableCell>{formatDate(o.placedFrom, language)}</TableCell>
              <TableCell>
                {o.householdId ? (
                  <AppLink to={`/households/${o.householdId}`}>
                    {t("detail.householdLink", { id: o.householdId })}
                  </AppLink>
                ) : (
                  "–"
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
