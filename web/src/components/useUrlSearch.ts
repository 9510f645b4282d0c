import { useCallback, useSyncExternalStore } from "react";
import { currentLocation, navigate, onLocationChange } from "../links";

/**
 * The address bar's search parameters as state: a page keeps its filters and page number
 * there, so a list can be linked, reloaded and gone back to. Reading follows every change of
 * the address (back, forward, a link); `set` writes the values given (an empty value removes
 * its parameter) and keeps the path.
 */
export function useUrlSearch(): {
  params: URLSearchParams;
  set(
    values: Record<string, string | number | null | undefined>,
    options?: { replace?: boolean },
  ): void;
} {
  const search = useSyncExternalStore(
    onLocationChange,
    () => currentLocation().search,
    () => "",
  );
  const set = useCallback(
    (
      values: Record<string, string | number | null | undefined>,
      options: { replace?: boolean } = {},
    ) => {
      const { pathname, search } = currentLocation();
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(values)) {
        if (value === null || value === undefined || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const text = next.toString();
      navigate(`${pathname}${text ? `?${text}` : ""}`, options);
    },
    [],
  );
  return { params: new URLSearchParams(search), set };
}
