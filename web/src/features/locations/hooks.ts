import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api";

export type Loaded<T> =
  | { status: "loading"; data?: T }
  | { status: "ok"; data: T }
  | { status: "error"; error: ApiError; data?: T };

/**
 * Loads data with `load` whenever `key` changes, keeping the last data while reloading
 * (so a table does not flash empty when the date changes). `reload` loads again.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads
  useEffect(() => {
    let cancelled = false;
    setState((current) => ({ status: "loading", data: current.data }));
    load().then(
      (data) => {
        if (!cancelled) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (cancelled) return;
        const apiError =
          error instanceof ApiError
            ? error
            : new ApiError(0, "unknown", error instanceof Error ? error.message : String(error));
        setState((current) => ({ status: "error", error: apiError, data: current.data }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { state, reload };
}

/** A date typed in a date field is usable once it is a whole YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
