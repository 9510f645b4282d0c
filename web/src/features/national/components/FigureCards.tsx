import { Heading3, Paragraph } from "@utrecht/component-library-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import type { UnitFigures } from "../api";
import { formatNumber, formatPercent } from "../format";
import { locationKind } from "./names";

interface Card {
  key: string;
  label: string;
  value: string;
  detail?: string;
}

/** A group of cards under a small heading, as a description list. */
function CardGroup({ heading, cards, testId }: { heading: string; cards: Card[]; testId: string }) {
  const headingId = useId();
  return (
    <div className="opvang-nat-card-group" data-testid={testId}>
      <Heading3 id={headingId} className="opvang-nat-card-group__heading">
        {heading}
      </Heading3>
      <dl className="opvang-nat-cards" aria-labelledby={headingId}>
        {cards.map((card) => (
          <div className="opvang-nat-card" key={card.key} data-testid={`card-${card.key}`}>
            <dt className="opvang-nat-card__label">{card.label}</dt>
            <dd className="opvang-nat-card__value" data-testid={`card-${card.key}-value`}>
              {card.value}
            </dd>
            {card.detail ? <dd className="opvang-nat-card__detail">{card.detail}</dd> : null}
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * The unit's figures on the date as cards: registered persons (Ukrainian and other
 * nationalities apart), persons in municipal (GOO) and private (POO) reception, realised,
 * occupied and free places and the bezettingsgraad. A location holds places and persons in
 * GOO only: registrations and private reception belong to its municipality, and it says so.
 */
export function FigureCards({ unit }: { unit: UnitFigures }) {
  const { t, i18n } = useTranslation("national");
  const language = currentLanguage(i18n);
  const n = (value: number) => formatNumber(value, language);
  const persons: Card[] = [
    ...(unit.registered
      ? [
          {
            key: "registered",
            label: t("figures.registered"),
            value: n(unit.registered.total),
            detail: t("figures.registeredDetail", {
              ukrainian: n(unit.registered.ukrainian),
              other: n(unit.registered.otherNationalities),
            }),
          },
        ]
      : []),
    { key: "goo", label: t("figures.goo"), value: n(unit.persons.goo) },
    ...(unit.persons.poo === null
      ? []
      : [{ key: "poo", label: t("figures.poo"), value: n(unit.persons.poo) }]),
  ];
  const places: Card[] = [
    { key: "realised", label: t("figures.realisedPlaces"), value: n(unit.places.realisedPlaces) },
    { key: "occupied", label: t("figures.occupied"), value: n(unit.places.occupied) },
    { key: "free", label: t("figures.free"), value: n(unit.places.free) },
    {
      key: "bezettingsgraad",
      label: t("figures.bezettingsgraad"),
      value: formatPercent(unit.places.bezettingsgraad, language),
    },
  ];
  const kind = unit.level === "location" ? locationKind(unit) : null;
  return (
    <>
      {unit.level === "location" ? (
        <Paragraph data-testid="location-facts">
          {[
            kind ? t("figures.kind", { kind: t(`kinds.${kind}`) }) : null,
            t("figures.status", { status: t(`statuses.${unit.status ?? "none"}`) }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </Paragraph>
      ) : null}
      <div className="opvang-nat-card-groups" data-testid="figure-cards">
        <CardGroup heading={t("figures.persons")} cards={persons} testId="cards-persons" />
        <CardGroup heading={t("figures.places")} cards={places} testId="cards-places" />
      </div>
      {unit.level === "location" ? (
        <Paragraph data-testid="location-note">{t("figures.locationNote")}</Paragraph>
      ) : null}
    </>
  );
}
