import { type RefObject, useCallback, useRef, useState } from "react";
import { ApiError } from "../api";
import { type ErrorCatalog, type FieldError, issueError } from "./form";

export type SearchState<Q, H> =
  | { status: "idle" }
  | { status: "loading"; request: Q }
  | { status: "done"; request: Q; hits: H[] }
  | { status: "error"; error: FieldError };

/** The error of a failed request that names no field: its API code's text. */
export function apiErrorOf(error: unknown): FieldError {
  return { key: `apiErrors.${error instanceof ApiError ? error.code : "unknown"}` };
}

/**
 * Runs searches and keeps the answer to the latest one: a slower earlier search never
 * replaces the answer to a later one. A refusal that names a field (an API issue) becomes
 * the search box's error, with the focus on it; any other failure the search's error.
 * `search` and `onSearched` may change between renders; `run` stays the same.
 */
export function useLatestSearch<Q, H>(options: {
  search: (request: Q) => Promise<H[]>;
  catalog: ErrorCatalog;
  inputRef: RefObject<HTMLInputElement | null>;
  /** After a search answered (to keep the address bar in step). */
  onSearched?: (request: Q) => void;
}) {
  const [state, setState] = useState<SearchState<Q, H>>({ status: "idle" });
  const [fieldError, setFieldError] = useState<FieldError | undefined>();
  const current = useRef(options);
  current.current = options;
  const latest = useRef(0);
  const run = useCallback(async (request: Q) => {
    const ticket = ++latest.current;
    setState({ status: "loading", request });
    const { search, catalog, inputRef, onSearched } = current.current;
    try {
      const hits = await search(request);
      if (ticket !== latest.current) return;
      setState({ status: "done", request, hits });
      onSearched?.(request);
    } catch (error) {
      if (ticket !== latest.current) return;
      const issue = error instanceof ApiError ? error.issues[0] : undefined;
      if (issue) {
        setFieldError(issueError(issue, catalog));
        setState({ status: "idle" });
        inputRef.current?.focus();
      } else {
        setState({ status: "error", error: apiErrorOf(error) });
      }
    }
  }, []);
  return { state, run, fieldError, setFieldError };
}
