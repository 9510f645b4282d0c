import { queryOptions } from "@tanstack/react-query";
import { locationsApi } from "./api";

/** The municipality's locations with their figures on a date. */
export const locationListQuery = (on: string) =>
  queryOptions({ queryKey: ["locations", "list", on], queryFn: () => locationsApi.list(on) });

/** One location's page on a date; ["locations", id] covers every date. */
export const locationQuery = (id: number, on: string) =>
  queryOptions({ queryKey: ["locations", id, on], queryFn: () => locationsApi.get(id, on) });
