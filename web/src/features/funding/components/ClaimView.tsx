import { Heading2, Heading3, Link, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatMonth } from "../../../format";
import {
  FUNDING_PARAMETERS,
  type FundingApi,
  type FundingClaim,
  type FundingLocation,
  type FundingParameter,
  type FundingPeriod,
  type FundingPooMonth,
  type FundingSchemePart,
  type OutsideReason,
  type Period,
} from "../api";
import { viewHref } from "../view";
import {
  AppLink,
  DownloadButton,
  type FundingFormat,
  sourceHost,
  useFundingFormat,
} from "./Common";
import { DataTable, NumCell, TableCell, TableHeaderCell, TableRow } from "./Tables";

interface Figure {
  key: string;
  value: string;
  detail: string;
}

/** Figures as cards: what they are, the number large, what it is made of below. */
export function FigureCards({ figures, testId }: { figures: Figure[]; testId: string }) {
  const { t } = useTranslation("funding");
  return (
    <dl className="opvang-fund-figures" data-testid={testId}>
      {figures.map((figure) => (
        <div key={figure.key} className="opvang-fund-figure" data-testid={`total-${figure.key}`}>
          <dt className="opvang-fund-figure__label">{t(`totals.${figure.key}`)}</dt>
          <dd className="opvang-fund-figure__value" data-testid={`total-${figure.key}-value`}>
            {figure.value}
          </dd>
          <dd className="opvang-fund-figure__detail">{figure.detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The claim over the period: its totals (GOO, POO, the days outside the base rate) and the
 * CSV, the norm periods with the law's values and sources, the locations (each leading to
 * its days), the months of private reception, and every rule the claim read.
 */
export function ClaimView({
  api,
  claim,
  busy,
}: {
  api: FundingApi;
  claim: FundingClaim;
  busy: boolean;
}) {
  const { t } = useTranslation("funding");
  const f = useFundingFormat();
  const ids = {
    totals: useId(),
    schemes: useId(),
    costs: useId(),
    periods: useId(),
    locations: useId(),
    poo: useId(),
    rules: useId(),
  };
  const period: Period = { from: claim.from, to: claim.to };
  const { totals } = claim;
  const other = totals.statusHolderPlaceDays + totals.asylumSeekerPlaceDays;
  return (
    <div
      className="opvang-fund-claim"
      aria-busy={busy || undefined}
      data-testid="funding-claim"
      id="funding-claim"
    >
      <section className="opvang-fund-section" aria-labelledby={ids.totals}>
        <Heading2 id={ids.totals} data-testid="funding-claim-heading">
          {t("totals.heading", { period: f.period(period) })}
        </Heading2>
        <FigureCards
          testId="funding-totals"
          figures={[
            {
              key: "total",
              value: f.euro(totals.totalCents),
              detail: t("totals.totalDetail"),
            },
            {
              key: "goo",
              value: f.euro(totals.gooCents),
              detail: t("totals.gooDetail", {
                count: totals.gooPlaceDays,
                placeDays: f.n(totals.gooPlaceDays),
              }),
            },
            {
              key: "poo",
              value: f.euro(totals.pooCents),
              detail: t("totals.pooDetail", {
                count: totals.pooPersonDays,
                personDays: f.n(totals.pooPersonDays),
              }),
            },
            {
              key: "outside",
              value: f.n(totals.outsideBaseRatePlaceDays),
              detail: t("totals.outsideDetail"),
            },
            ...(totals.notPublishedPlaceDays + totals.notPublishedPersonDays > 0
              ? [
                  {
                    key: "notPublished",
                    value: t("common.notPublished"),
                    detail: t("totals.notPublishedDetail", {
                      placeDays: f.n(totals.notPublishedPlaceDays),
                      personDays: f.n(totals.notPublishedPersonDays),
                      schemes: claim.schemes
                        .filter((x) => !x.gooAmountPublished || !x.pooAmountPublished)
                        .map((x) => f.scheme(x.scheme))
                        .join(", "),
                    }),
                  },
                ]
              : []),
            ...(other > 0
              ? [
                  {
                    key: "otherGroups",
                    value: f.n(other),
                    detail: t("totals.otherGroupsDetail", {
                      statusHolders: f.n(totals.statusHolderPlaceDays),
                      asylumSeekers: f.n(totals.asylumSeekerPlaceDays),
                      amount:
                        totals.otherTargetGroupNotPublishedPlaceDays > 0
                          ? t("common.notPublished").toLocaleLowerCase(f.language)
                          : f.euro(totals.otherTargetGroupCents),
                    }),
                  },
                ]
              : []),
            {
              key: "transitionCosts",
              value: f.euro(totals.transitionCostCents),
              detail: t("totals.transitionCostsDetail"),
            },
            {
              key: "totalWithCosts",
              value: f.euro(totals.totalWithTransitionCostsCents),
              detail: t("totals.totalWithCostsDetail"),
            },
          ]}
        />
        <div className="opvang-fund-actions">
          <DownloadButton
            testId="funding-csv"
            label={t("download.csv")}
            fetchFile={() => api.csv(period)}
          />
          <Paragraph className="opvang-fund-muted">{t("download.csvHint")}</Paragraph>
        </div>
        <Paragraph className="opvang-fund-muted" data-testid="funding-law">
          {t("totals.law", { hash: claim.lawHash.slice(0, 8) })}
        </Paragraph>
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.schemes}>
        <Heading2 id={ids.schemes}>{t("schemes.heading")}</Heading2>
        <Paragraph>{t("schemes.intro")}</Paragraph>
        <SchemesTable schemes={claim.schemes} format={f} />
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.costs}>
        <Heading2 id={ids.costs}>{t("claimCosts.heading")}</Heading2>
        <Paragraph>{t("claimCosts.intro")}</Paragraph>
        {claim.transitionCosts.locations.length ? (
          <ClaimCostsTable costs={claim.transitionCosts} format={f} />
        ) : (
          <Paragraph data-testid="funding-no-claim-costs">{t("claimCosts.none")}</Paragraph>
        )}
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.periods}>
        <Heading2 id={ids.periods}>{t("periods.heading")}</Heading2>
        <Paragraph>{t("periods.intro")}</Paragraph>
        <PeriodsTable periods={claim.periods} format={f} />
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.locations}>
        <Heading2 id={ids.locations}>{t("locations.heading")}</Heading2>
        <Paragraph>{t("locations.intro")}</Paragraph>
        {claim.locations.length ? (
          <LocationsTable claim={claim} format={f} />
        ) : (
          <Paragraph data-testid="funding-no-locations">{t("locations.none")}</Paragraph>
        )}
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.poo}>
        <Heading2 id={ids.poo}>{t("poo.heading")}</Heading2>
        <Paragraph>{t("poo.intro")}</Paragraph>
        {claim.poo.length ? (
          <PooTable months={claim.poo} totals={claim.totals} format={f} />
        ) : (
          <Paragraph data-testid="funding-no-poo">{t("poo.none")}</Paragraph>
        )}
      </section>

      <section className="opvang-fund-section" aria-labelledby={ids.rules}>
        <Heading2 id={ids.rules}>{t("rules.heading")}</Heading2>
        <Paragraph>{t("rules.intro")}</Paragraph>
        <RulesTable periods={claim.periods} format={f} />
        <Heading3>{t("rules.interpretationHeading")}</Heading3>
        <Paragraph>{t("rules.partMonth")}</Paragraph>
        <Heading3>{t("rules.schemeHeading")}</Heading3>
        <Paragraph>{t("rules.scheme")}</Paragraph>
      </section>
    </div>
  );
}

/** The sources of a set of parameters, one link per address, named by its site. */
function Sources({
  parameters,
  format,
}: {
  parameters: FundingParameter[];
  format: FundingFormat;
}) {
  const { t } = useTranslation("funding");
  const bySource = new Map<string, string[]>();
  for (const p of parameters) {
    const names = bySource.get(p.source) ?? [];
    names.push(format.parameterName(p.name));
    bySource.set(p.source, names);
  }
  return (
    <ul className="opvang-fund-sources">
      {[...bySource].map(([source, names]) => (
        <li key={source}>
          <Link
            href={source}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t("rules.sourceLabel", {
              site: sourceHost(source),
              names: names.join(", "),
            })}
          >
            {sourceHost(source)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

const NORMS = new Set([
  "booo.goo.per-place-per-day",
  "booo.poo.per-person-per-month",
  "doelgroepflexibel.in-force",
]);

function PeriodsTable({ periods, format: f }: { periods: FundingPeriod[]; format: FundingFormat }) {
  const { t } = useTranslation("funding");
  const col = (key: string, numeric = false) => ({
    key,
    label: t(`periods.columns.${key}`),
    numeric,
  });
  return (
    <DataTable
      testId="funding-periods"
      caption={t("periods.caption")}
      captionHidden
      columns={[
        col("period"),
        col("scheme"),
        col("gooNorm", true),
        col("pooNorm", true),
        col("outside"),
        col("placeDays", true),
        col("gooAmount", true),
        col("source"),
      ]}
    >
      {periods.map((p) => (
        <TableRow key={p.from} data-testid="funding-period-row" data-scheme={p.scheme}>
          <TableHeaderCell scope="row">{f.periodCell(p)}</TableHeaderCell>
          <TableCell>{f.scheme(p.scheme)}</TableCell>
          <NumCell>{f.maybeEuro(p.gooPerPlacePerDayCents)}</NumCell>
          <NumCell>{f.maybeEuro(p.pooPerPersonPerMonthCents)}</NumCell>
          <TableCell className="opvang-fund-wide">
            {f.outside(p.outsideBaseRate)}
            {p.outsideBaseRatePlaceDays > 0 ? (
              <span className="opvang-fund-cell-detail">
                {t("periods.outsideDays", {
                  count: p.outsideBaseRatePlaceDays,
                  placeDays: f.n(p.outsideBaseRatePlaceDays),
                })}
              </span>
            ) : null}
          </TableCell>
          <NumCell>{f.n(p.gooPlaceDays + p.notPublishedPlaceDays)}</NumCell>
          <NumCell>
            {p.gooPerPlacePerDayCents === null ? t("common.notPublished") : f.euro(p.gooCents)}
          </NumCell>
          <TableCell>
            <Sources parameters={p.parameters.filter((x) => NORMS.has(x.name))} format={f} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** Why a location's days were outside the base rate, over all its norm periods. */
function reasonsOf(location: FundingLocation): OutsideReason[] {
  return [...new Set(location.lines.flatMap((line) => line.outsideBaseRateReasons))];
}

function LocationsTable({ claim, format: f }: { claim: FundingClaim; format: FundingFormat }) {
  const { t } = useTranslation("funding");
  const col = (key: string, numeric = false) => ({
    key,
    label: t(`locations.columns.${key}`),
    numeric,
  });
  const period = { from: claim.from, to: claim.to };
  const sum = (pick: (l: FundingLocation) => number) =>
    claim.locations.reduce((total, l) => total + pick(l), 0);
  return (
    <DataTable
      testId="funding-locations"
      caption={t("locations.caption")}
      captionHidden
      columns={[
        col("location"),
        col("kind"),
        col("placeDays", true),
        col("amount", true),
        col("notPublished", true),
        col("outsideDays", true),
        col("reason"),
        col("otherGroups", true),
        col("days"),
      ]}
      footer={
        <TableRow data-testid="funding-locations-total">
          <TableHeaderCell scope="row">{t("common.total")}</TableHeaderCell>
          <TableCell />
          <NumCell>{f.n(sum((l) => l.placeDays))}</NumCell>
          <NumCell>{f.euro(sum((l) => l.amountCents))}</NumCell>
          <NumCell>{f.n(sum((l) => l.notPublishedPlaceDays))}</NumCell>
          <NumCell>{f.n(sum((l) => l.outsideBaseRatePlaceDays))}</NumCell>
          <TableCell />
          <NumCell>{f.n(sum((l) => l.statusHolderPlaceDays + l.asylumSeekerPlaceDays))}</NumCell>
          <TableCell />
        </TableRow>
      }
    >
      {claim.locations.map((l) => {
        const reasons = reasonsOf(l);
        return (
          <TableRow
            key={l.locationId}
            data-testid="funding-location-row"
            data-location-id={l.locationId}
          >
            <TableHeaderCell scope="row">{l.name}</TableHeaderCell>
            <TableCell>{f.kind(l.kind)}</TableCell>
            <NumCell>{f.n(l.placeDays)}</NumCell>
            <NumCell>
              {l.placeDays === 0 && l.notPublishedPlaceDays > 0
                ? t("common.notPublished")
                : f.euro(l.amountCents)}
            </NumCell>
            <NumCell>{f.n(l.notPublishedPlaceDays)}</NumCell>
            <NumCell>{f.n(l.outsideBaseRatePlaceDays)}</NumCell>
            <TableCell>
              {reasons.length
                ? reasons.map((r) => f.reason(r, l.kind)).join("; ")
                : t("common.none")}
            </TableCell>
            <NumCell>
              {l.statusHolderPlaceDays + l.asylumSeekerPlaceDays > 0
                ? t("locations.otherGroupsCell", {
                    statusHolders: f.n(l.statusHolderPlaceDays),
                    asylumSeekers: f.n(l.asylumSeekerPlaceDays),
                  })
                : t("common.none")}
            </NumCell>
            <TableCell>
              <AppLink
                to={viewHref({ period, location: l.locationId })}
                label={t("locations.daysLabel", { name: l.name })}
                testId={`funding-days-${l.locationId}`}
              >
                {t("locations.daysLink")}
              </AppLink>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}

/** A month partly in the period names the days it counts. */
function wholeMonth(m: FundingPooMonth): boolean {
  return m.from === `${m.month}-01` && Number(m.to.slice(8, 10)) === m.daysInMonth;
}

function PooTable({
  months,
  totals,
  format: f,
}: {
  months: FundingPooMonth[];
  totals: FundingClaim["totals"];
  format: FundingFormat;
}) {
  const { t } = useTranslation("funding");
  const col = (key: string, numeric = false) => ({ key, label: t(`poo.columns.${key}`), numeric });
  return (
    <DataTable
      testId="funding-poo"
      caption={t("poo.caption")}
      captionHidden
      columns={[
        col("month"),
        col("personDays", true),
        col("daysInMonth", true),
        col("norm", true),
        col("amount", true),
      ]}
      footer={
        <TableRow data-testid="funding-poo-total">
          <TableHeaderCell scope="row">{t("common.total")}</TableHeaderCell>
          <NumCell>{f.n(totals.pooPersonDays + totals.notPublishedPersonDays)}</NumCell>
          <TableCell />
          <TableCell />
          <NumCell>
            {f.euro(totals.pooCents)}
            {totals.notPublishedPersonDays > 0 ? (
              <span className="opvang-fund-cell-detail">
                {t("poo.notPublishedDays", {
                  count: totals.notPublishedPersonDays,
                  personDays: f.n(totals.notPublishedPersonDays),
                })}
              </span>
            ) : null}
          </NumCell>
        </TableRow>
      }
    >
      {months.map((m) => (
        <TableRow key={`${m.month}-${m.scheme}-${m.from}`} data-testid="funding-poo-row">
          <TableHeaderCell scope="row" className="opvang-fund-nowrap">
            {formatMonth(m.month, f.language)}
            {wholeMonth(m) ? null : (
              <span className="opvang-fund-cell-detail">
                {t("poo.partOfMonth", { period: f.period(m) })}
              </span>
            )}
            {m.scheme === "booo" ? null : (
              <span className="opvang-fund-cell-detail">{f.scheme(m.scheme)}</span>
            )}
          </TableHeaderCell>
          <NumCell>{f.n(m.personDays)}</NumCell>
          <NumCell>{f.n(m.daysInMonth)}</NumCell>
          <NumCell>
            {m.parts.map((part) => f.maybeEuro(part.perPersonPerMonthCents)).join(" / ")}
          </NumCell>
          <NumCell>{f.maybeEuro(m.amountCents)}</NumCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/**
 * Each scheme's part of the period: its amounts, or "amount not published" with the days
 * counted without one (never € 0 for them).
 */
function SchemesTable({
  schemes,
  format: f,
}: {
  schemes: FundingSchemePart[];
  format: FundingFormat;
}) {
  const { t } = useTranslation("funding");
  const col = (key: string, numeric = false) => ({
    key,
    label: t(`schemes.columns.${key}`),
    numeric,
  });
  const amount = (cents: number, published: boolean, withoutDays: number) =>
    published || withoutDays === 0 ? f.euro(cents) : t("common.notPublished");
  return (
    <DataTable
      testId="funding-schemes"
      caption={t("schemes.caption")}
      captionHidden
      columns={[
        col("scheme"),
        col("period"),
        col("goo", true),
        col("poo", true),
        col("notPublishedPlaceDays", true),
        col("notPublishedPersonDays", true),
        col("otherGroups", true),
        col("transitionCosts", true),
      ]}
    >
      {schemes.map((s) => (
        <TableRow key={s.from} data-testid="funding-scheme-row" data-scheme={s.scheme}>
          <TableHeaderCell scope="row">{f.scheme(s.scheme)}</TableHeaderCell>
          <TableCell>{f.periodCell(s)}</TableCell>
          <NumCell>{amount(s.gooCents, s.gooAmountPublished, s.notPublishedPlaceDays)}</NumCell>
          <NumCell>{amount(s.pooCents, s.pooAmountPublished, s.notPublishedPersonDays)}</NumCell>
          <NumCell>{f.n(s.notPublishedPlaceDays)}</NumCell>
          <NumCell>{f.n(s.notPublishedPersonDays)}</NumCell>
          <NumCell>{f.n(s.statusHolderPlaceDays + s.asylumSeekerPlaceDays)}</NumCell>
          <NumCell>{f.euro(s.transitionCostCents)}</NumCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** The transition costs incurred in the period, per location, at actual cost. */
function ClaimCostsTable({
  costs,
  format: f,
}: {
  costs: FundingClaim["transitionCosts"];
  format: FundingFormat;
}) {
  const { t } = useTranslation("funding");
  return (
    <DataTable
      testId="funding-claim-costs"
      caption={t("claimCosts.caption")}
      captionHidden
      columns={[
        { key: "location", label: t("claimCosts.columns.location") },
        { key: "entries", label: t("claimCosts.columns.entries") },
        { key: "amount", label: t("claimCosts.columns.amount"), numeric: true },
      ]}
      footer={
        <TableRow data-testid="funding-claim-costs-total">
          <TableHeaderCell scope="row">{t("common.total")}</TableHeaderCell>
          <TableCell />
          <NumCell>{f.euro(costs.totalCents)}</NumCell>
        </TableRow>
      }
    >
      {costs.locations.map((l) => (
        <TableRow key={l.locationId} data-testid="funding-claim-cost-row">
          <TableHeaderCell scope="row">{l.name}</TableHeaderCell>
          <TableCell className="opvang-fund-wide">
            {l.entries
              .map((e) => `${f.date(e.incurredOn)}: ${e.description} (${f.euro(e.amountCents)})`)
              .join("; ")}
          </TableCell>
          <NumCell>{f.euro(l.amountCents)}</NumCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

/** Every parameter version the claim read, once, in the order of the law and its date. */
function RulesTable({ periods, format: f }: { periods: FundingPeriod[]; format: FundingFormat }) {
  const { t } = useTranslation("funding");
  const seen = new Map<string, FundingParameter>();
  for (const p of periods) {
    for (const parameter of p.parameters)
      seen.set(`${parameter.name}@${parameter.validFrom}`, parameter);
  }
  const order = (name: string) => {
    const i = (FUNDING_PARAMETERS as readonly string[]).indexOf(name);
    return i < 0 ? FUNDING_PARAMETERS.length : i;
  };
  const rows = [...seen.values()].sort(
    (a, b) => order(a.name) - order(b.name) || a.validFrom.localeCompare(b.validFrom),
  );
  const col = (key: string, numeric = false) => ({
    key,
    label: t(`rules.columns.${key}`),
    numeric,
  });
  return (
    <DataTable
      testId="funding-rules"
      caption={t("rules.caption")}
      captionHidden
      columns={[col("rule"), col("value"), col("validFrom"), col("source")]}
    >
      {rows.map((p) => (
        <TableRow key={`${p.name}@${p.validFrom}`} data-testid="funding-rule-row">
          <TableHeaderCell scope="row">{f.parameterName(p.name)}</TableHeaderCell>
          <TableCell>{f.parameterValue(p)}</TableCell>
          <TableCell className="opvang-fund-nowrap">{f.date(p.validFrom)}</TableCell>
          <TableCell>
            <Sources parameters={[p]} format={f} />
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
