import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, client, csvBody, data, download, readCookie } from "./api";

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** Replaces fetch; the client hands it one Request per call. */
function stubFetch(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn(async (_request: Request) =>
    typeof response === "function" ? response() : response,
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

function sent(fetchMock: ReturnType<typeof stubFetch>, call = 0): Request {
  return fetchMock.mock.calls[call]![0];
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
    const request = sent(fetchMock);
    expect(new URL(request.url).pathname).toBe("/api/auth/me/language");
    expect(request.method).toBe("PUT");
    expect(request.credentials).toBe("same-origin");
    expect(request.headers.get("X-CSRF-Token")).toBe("token-123");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(await request.json()).toEqual({ language: "uk" });

    await client.GET("/api/health");
    expect(sent(fetchMock, 1).headers.get("X-CSRF-Token")).toBeNull();
  });

  it("asks for JSON, with the same-origin cookie", async () => {
    const fetchMock = stubFetch(answer(200, { status: "ok", database: "pglite", version: "1" }));
    await api.health();
    expect(sent(fetchMock).headers.get("Accept")).toBe("application/json");
    expect(sent(fetchMock).credentials).toBe("same-origin");
  });

  it("fills the path and leaves empty query values out", async () => {
    const fetchMock = stubFetch(async () => answer(200, { results: [] }));
    await data(
      client.GET("/api/v1/persons", { params: { query: { q: "Олена", bsn: "", limit: 200 } } }),
    );
    await data(client.GET("/api/v1/persons/{id}/audit", { params: { path: { id: 7 } } }));
    const first = new URL(sent(fetchMock).url);
    expect(first.pathname).toBe("/api/v1/persons");
    expect(Object.fromEntries(first.searchParams)).toEqual({ q: "Олена", limit: "200" });
    expect(new URL(sent(fetchMock, 1).url).pathname).toBe("/api/v1/persons/7/audit");
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

  it("keeps a 409's current record", async () => {
    stubFetch(
      answer(409, {
        error: { code: "stale_version", message: "changed", current: { id: 4, version: 3 } },
      }),
    );
    const error = await data(
      client.PUT("/api/v1/incomes/{id}", {
        params: { path: { id: 4 } },
        body: {
          month: "2026-11",
          netCents: 1,
          kind: "work",
          source: "caseworker",
          reason: "x",
          version: 2,
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 409,
      code: "stale_version",
      current: { id: 4, version: 3 },
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

  it("sends a CSV file as the body itself, with the CSRF header", async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: the test plays the server's part
    document.cookie = "opvang_csrf=token-9; path=/";
    const fetchMock = stubFetch(
      answer(200, { dryRun: true, rows: 0, counts: {}, personsAffected: 0, results: [] }),
    );
    const file = new Blob(["bsn,month\n"], { type: "text/csv" });
    await data(
      client.POST("/api/v1/income-imports", {
        params: { query: { dryRun: "true" } },
        ...csvBody(file),
      }),
    );
    const request = sent(fetchMock);
    expect(new URL(request.url).search).toBe("?dryRun=true");
    expect(request.headers.get("Content-Type")).toBe("text/csv");
    expect(request.headers.get("X-CSRF-Token")).toBe("token-9");
    expect(await request.text()).toBe("bsn,month\n");
  });

  it("downloads a file with the name the server proposes", async () => {
    stubFetch(
      new Response("a;b\n", {
        status: 200,
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": 'attachment; filename="collections-2027-01.csv"',
        },
      }),
    );
    const file = await download(
      client.GET("/api/v1/monthly-runs/{id}/collections.csv", {
        params: { path: { id: 1 } },
        headers: { Accept: "text/csv" },
        parseAs: "blob",
      }),
      "collections.csv",
    );
    expect(file.filename).toBe("collections-2027-01.csv");
    expect(await file.blob.text()).toBe("a;b\n");
  });

  it("reads one cookie among several", () => {
    expect(readCookie("opvang_csrf", "a=1; opvang_csrf=x%3Dy; b=2")).toBe("x=y");
    expect(readCookie("missing", "a=1")).toBeNull();
  });
});
