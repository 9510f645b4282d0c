import { queryOptions } from "@tanstack/react-query";
import { incomesApi } from "./api";

/** A person's incomes per month. */
export const personIncomesQuery = (personId: number) =>
  queryOptions({
    queryKey: ["persons", personId, "incomes"],
    queryFn: () => incomesApi.incomes(personId),
  });
