import { queryOptions } from "@tanstack/react-query";
import { placementsApi } from "./api";

/** The municipality's occupancy on a date. */
export const occupancyQuery = (on: string) =>
  queryOptions({
    queryKey: ["occupancy", "gemeente", on],
    queryFn: () => placementsApi.occupancy(on),
  });
