import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  clientAddress,
  normaliseAddress,
  rateLimit,
  resolveClientAddress,
  TrustedProxies,
} from "./rate-limit";

describe("client address", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(normaliseAddress("203.0.113.7")).toBe("203.0.113.7");
  });

  it("reads an IPv4 address mapped into IPv6 as the IPv4 address", () => {
    expect(normaliseAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("security: counts IPv6 addresses by their /64, so one subscriber is one client", () => {
    const a = normaliseAddress("2001:db8:1:2:aaaa::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe(a);
    expect(normaliseAddress("2001:db8:1:3::1")).not.toBe(a);
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("names no address 'unknown' (app.request in tests has no socket)", async () => {
    expect(normaliseAddress(undefined)).toBe("unknown");
    const app = new Hono().get("/", (c) => c.text(clientAddress(c)));
    expect(await (await app.request("/")).text()).toBe("unknown");
  });

  it("reads the socket's peer address and ignores X-Forwarded-For", async () => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c)));
    const res = await app.request(
      "/",
      { headers: { "X-Forwarded-For": "198.51.100.1" } },
      { incoming: { socket: { remoteAddress: "203.0.113.9" } } },
    );
    expect(await res.text()).toBe("203.0.113.9");
  });
});

describe("trusted proxies (OPVANG_TRUSTED_PROXIES)", () => {
  const proxies = new TrustedProxies(["10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.10"]);

  it("behind a trusted proxy the client is the first untrusted hop from the right", () => {
    expect(resolveClientAddress("10.1.2.3", "203.0.113.5", proxies)).toBe("203.0.113.5");
    // Two proxies of ours in a row, and a forged address the client sent first.
    expect(resolveClientAddress("10.1.2.3", "1.2.3.4, 203.0.113.5, 10.9.9.9", proxies)).toBe(
      "203.0.113.5",
    );
    expect(resolveClientAddress("::ffff:10.1.2.3", "198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("2001:db8:ffff:1::2", "2001:db8:1:2::9", proxies)).toBe(
      "2001:db8:1:2::9",
    );
  });

  it("security: X-Forwarded-For from anyone else is ignored", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", "10.1.1.1", proxies)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.1.2.3", "198.51.100.1", new TrustedProxies([]))).toBe(
      "10.1.2.3",
    );
  });

  it("a hop that is not an address stops the walk at the last proxy we vouch for", () => {
    expect(resolveClientAddress("10.1.2.3", "unknown, 10.2.2.2", proxies)).toBe("10.2.2.2");
    expect(resolveClientAddress("10.1.2.3", "", proxies)).toBe("10.1.2.3");
  });

  it("refuses a configuration entry that is not an address or network, naming it", () => {
    expect(() => new TrustedProxies(["10.0.0.0/33"])).toThrow(/"10.0.0.0\/33"/);
    expect(() => new TrustedProxies(["proxy.local"])).toThrow(/proxy.local/);
  });

  it("the limits count the client behind the proxy, not the proxy", async () => {
    const app = new Hono()
      .use(rateLimit({ windowMs: 60_000, max: 1, trusted: proxies }))
      .get("/", (c) => c.text(clientAddress(c, proxies)));
    const via = (client: string) =>
      app.request(
        "/",
        { headers: { "X-Forwarded-For": client } },
        { incoming: { socket: { remoteAddress: "10.0.0.5" } } },
      );
    expect(await (await via("203.0.113.1")).text()).toBe("203.0.113.1");
    expect((await via("203.0.113.2")).status).toBe(200);
    expect((await via("203.0.113.1")).status).toBe(429);
  });
});

describe("rate limit", () => {
  it("counts per client address and answers 429 with Retry-After beyond the limit", async () => {
    const app = new Hono()
      .use(rateLimit({ windowMs: 60_000, max: 2 }))
      .get("/", (c) => c.text("ok"));
    const from = (remoteAddress: string) =>
      app.request("/", {}, { incoming: { socket: { remoteAddress } } });
    expect((await from("203.0.113.1")).status).toBe(200);
    expect((await from("203.0.113.1")).status).toBe(200);
    const third = await from("203.0.113.1");
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await from("203.0.113.2")).status).toBe(200);
  });
});
