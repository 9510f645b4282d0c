import { queryOptions } from "@tanstack/react-query";
import type { UserFilter, UsersApi } from "./api";

/** ["users"] covers every list and the options: a change invalidates them all. */
export const USERS_KEY = ["users"] as const;

/** One page of the accounts for a filter. */
export const usersListQuery = (api: UsersApi, filter: UserFilter) =>
  queryOptions({ queryKey: [...USERS_KEY, "list", filter], queryFn: () => api.list(filter) });

/** The roles and municipalities the administrator may give. */
export const userOptionsQuery = (api: UsersApi) =>
  queryOptions({
    queryKey: [...USERS_KEY, "options"],
    queryFn: () => api.options(),
    staleTime: 5 * 60_000,
  });
