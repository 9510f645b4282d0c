/**
 * The locations feature's calls to the Opvang API: locations with their capacity, status
 * and catering over time, and their occupancy. Every call goes through the API client (session
 * cookie, CSRF header, ApiError with the server's code).
 */

import { type Answer, client, data, type RequestBody, type Schemas } from "../../api";

export {
  LOCATION_KINDS,
  LOCATION_STATUSES,
  type LocationKind,
  type LocationStatus,
} from "../../../../src/domain/enums";

export type LocationPageData = Schemas["LocationPage"];
export type Location = Schemas["Location"];

/** Occupancy figures as the server computes them; bezettingsgraad in % to one decimal. */
export type Figures = Pick<
  LocationPageData,
  "realisedPlaces" | "occupied" | "free" | "bezettingsgraad"
>;

export type LocationSummary = Answer<"get", "/api/v1/locations">["locations"][number];

/** A row of a location's capacity, status or catering over time. */
export type DatedRow = Pick<Location["capacityHistory"][number], "id" | "validFrom" | "validTo">;

export type Occupant = LocationPageData["occupants"][number];

type Registration = RequestBody<"post", "/api/v1/locations">;

/** The details an edit (PATCH) changes; catering changes from a date (`changeCatering`). */
export type LocationFields = Required<
  Pick<Registration, "name" | "street" | "houseNumber" | "postcode" | "city" | "kind">
>;

/** A registration: the details, and catering, capacity and status from `validFrom`. */
export type NewLocation = LocationFields &
  Required<Pick<Registration, "catering" | "validFrom" | "places" | "status">>;

const location = (id: number) => ({ path: { id } });

export const locationsApi = {
  list(on?: string) {
    return data(client.GET("/api/v1/locations", { params: { query: { on } } }));
  },
  get(id: number, on?: string) {
    return data(
      client.GET("/api/v1/locations/{id}", { params: { ...location(id), query: { on } } }),
    );
  },
  create(input: NewLocation) {
    return data(client.POST("/api/v1/locations", { body: input }));
  },
  update(id: number, input: Omit<RequestBody<"patch", "/api/v1/locations/{id}">, "catering">) {
    return data(client.PATCH("/api/v1/locations/{id}", { params: location(id), body: input }));
  },
  changeCapacity(id: number, input: RequestBody<"post", "/api/v1/locations/{id}/capacity">) {
    return data(
      client.POST("/api/v1/locations/{id}/capacity", { params: location(id), body: input }),
    );
  },
  changeStatus(id: number, input: RequestBody<"post", "/api/v1/locations/{id}/status">) {
    return data(
      client.POST("/api/v1/locations/{id}/status", { params: location(id), body: input }),
    );
  },
  changeCatering(id: number, input: RequestBody<"post", "/api/v1/locations/{id}/catering">) {
    return data(
      client.POST("/api/v1/locations/{id}/catering", { params: location(id), body: input }),
    );
  },
};

export type LocationsApi = typeof locationsApi;
