/** Occupancy (bezettingsgraad) from placements and capacity: what other modules may use. */
export {
  firstDayOverCapacity,
  gemeenteLocationsOn,
  locationSeries,
  type Occupant,
  occupantsOn,
  type PlaceFacts,
} from "./occupancy.repository";
export { Figures as FiguresSchema, occupancyRoutes } from "./occupancy.routes";
export {
  bezettingsgraad,
  dateOrToday,
  type Figures,
  figuresOf,
  placeFacts,
  regionsOccupancy,
} from "./occupancy.service";
