/** The placements feature's calls to the Opvang API: the municipality's occupancy on a date. */
import { request } from "../../api";
import { type Figures, withOn } from "../locations/api";

export interface GemeenteOccupancy extends Figures {
  on: string;
  gemeenteCode: string;
  pooPersons: number;
  locations: (Figures & {
    locationId: number;
    name: string;
    kind: string;
    status: string | null;
  })[];
}

const V1 = "/api/v1";

export const placementsApi = {
  occupancy(on?: string) {
    return request<GemeenteOccupancy>("GET", withOn(`${V1}/occupancy/gemeente`, on));
  },
};
