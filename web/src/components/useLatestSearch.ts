import { useQuery } from "@tanstack/react-query";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
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
 * Runs searches and keeps the answer to the latest one. Each search is a query keyed by
 * `key` and its request, and only the latest request's query is shown: a slower earlier
 * search lands in the cache under its own key and never replaces the answer to a later one.
 * A refusal that names a field (an API issue) becomes the search box's error, with the focus
 * on it; any other failure the search's error. `search` and `onSearched` may change between
 * renders; `run` stays the same.
 */
export function useLatestSearch<Q, H>(options: {
  /** Names the search in the query cache, e.g. "persons". */
  key?: string;
  search: (request: Q) => Promise<H[]>;
  catalog: ErrorCatalog;
  inputRef: RefObject<HTMLInputElement | null>;
  /** After a search answered (to keep the address bar in step). */
  onSearched?: (request: Q) => void;
}) {
  const current = useRef(options);
  current.current = options;
  const [asked, setAsked] = useState<{ request: Q; run: number } | null>(null);
  const [fieldError, setFieldError] = useState<FieldError | undefined>();
  const query = useQuery({
    queryKey: ["search", options.key ?? "default", asked?.request, asked?.run],
    queryFn: () => current.current.search(asked!.request),
    enabled: asked !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  // A refusal naming a field goes to the search box, once per failed run.
  const handled = useRef<unknown>(null);
  const refusal =
    query.isError && query.error instanceof ApiError ? query.error.issues[0] : undefined;
  useEffect(() => {
    if (!query.isError || handled.current === query.error) return;
    handled.current = query.error;
    if (refusal) {
      setFieldError(issueError(refusal, current.current.catalog));
      current.current.inputRef.current?.focus();
    }
  }, [query.isError, query.error, refusal]);

  const answered = useRef<unknown>(null);
  useEffect(() => {
    if (!asked || !query.isSuccess || answered.current === query.data) return;
    answered.current = query.data;
    current.current.onSearched?.(asked.request);
  }, [asked, query.isSuccess, query.data]);

  // Each run is its own query (a repeated search asks the server again).
  const runs = useRef(0);
  const run = useCallback(async (request: Q) => {
    setAsked({ request, run: ++runs.current });
  }, []);

  let state: SearchState<Q, H> = { status: "idle" };
  if (asked) {
    if (query.isSuccess) state = { status: "done", request: asked.request, hits: query.data };
    else if (query.isError)
      state = refusal ? { status: "idle" } : { status: "error", error: apiErrorOf(query.error) };
    else state = { status: "loading", request: asked.request };
  }
  return { state, run, fieldError, setFieldError };
}
