/** The placements feature's calls to the Opvang API: the municipality's occupancy on a date. */
import { type Answer, client, data } from "../../api";

export type GemeenteOccupancy = Answer<"get", "/api/v1/occupancy/gemeente">;

export const placementsApi = {
  occupancy(on?: string) {
    return data(client.GET("/api/v1/occupancy/gemeente", { params: { query: { on } } }));
  },
};
