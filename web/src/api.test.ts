import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, readCookie, request } from "./api";

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function stubFetch(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
    typeof response === "function" ? response() : response,
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

describe("api client", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server's part
    document.cookie = "opvang_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
  });

  it("sends the CSRF cookie's value on unsafe methods, not on GET", async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server's part
    document.cookie = "opvang_csrf=token-123; path=/";
    const fetchMock = stubFetch(async () => answer(200, { user: { language: "uk" } }));
    await api.setLanguage("uk");
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/auth/me/language");
    expect(init?.method).toBe("PUT");
    expect(init?.credentials).toBe("same-origin");
    expect(headersOf(init)["X-CSRF-Token"]).toBe("token-123");
    expect(JSON.parse(String(init?.body))).toEqual({ language: "uk" });

    await request("GET", "/api/health");
    expect(headersOf(fetchMock.mock.calls[1]![1])["X-CSRF-Token"]).toBeUndefined();
  });

  it("turns an error body into an ApiError with code, message and issues", async () => {
    stubFetch(
      answer(400, {
        error: {
          code: "validation_error",
          message: "Invalid input",
          issues: [{ path: "username", code: "too_small", message: "Required" }],
        },
      }),
    );
    const error = await api.login("", "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_error",
      message: "Invalid input",
      issues: [{ path: "username", code: "too_small", message: "Required" }],
    });
  });

  it("answers null from me() when there is no session", async () => {
    stubFetch(answer(401, { error: { code: "unauthorized", message: "sign in first" } }));
    expect(await api.me()).toBeNull();
  });

  it("accepts 204 without a body (sign-out)", async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(api.logout()).resolves.toBeUndefined();
  });

  it("reports a server that cannot be reached as network_error", async () => {
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(api.health()).rejects.toMatchObject({ code: "network_error", status: 0 });
  });

  it("reports a non-JSON error page as unknown", async () => {
    stubFetch(new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(api.health()).rejects.toMatchObject({ code: "unknown", status: 502 });
  });

  it("reads one cookie among several", () => {
    expect(readCookie("opvang_csrf", "a=1; opvang_csrf=x%3Dy; b=2")).toBe("x=y");
    expect(readCookie("missing", "a=1")).toBeNull();
  });
});
