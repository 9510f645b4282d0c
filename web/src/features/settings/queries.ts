import { queryOptions } from "@tanstack/react-query";
import type { SettingsApi } from "./api";

/** The municipality's settings: one record per municipality. */
export const SETTINGS_KEY = ["gemeente-settings"] as const;

export const settingsQuery = (api: SettingsApi) =>
  queryOptions({ queryKey: SETTINGS_KEY, queryFn: () => api.settings() });
