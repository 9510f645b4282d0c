import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api";

/**
 * Server state lives in TanStack Query: each read is a keyed query (the key names everything
 * the answer depends on), so an answer is shown only for the key asked last, data stays while
 * a new key loads when a page asks for it (`placeholderData`), and a change invalidates the
 * keys it touches instead of reloading by hand.
 */
export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) is an answer, not a hiccup: never asked again.
        retry: options.retry === false ? false : (count, error) => !isRefusal(error) && count < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** A failure as an ApiError, whatever was thrown. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError(0, "unknown", error instanceof Error ? error.message : String(error));
}
