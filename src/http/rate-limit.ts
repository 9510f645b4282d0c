import { isIPv4, isIPv6 } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "./errors";

/**
 * The client's address as every limit in the app sees it (the calculator's rate limit and
 * the sign-in limits): the socket's peer address. No proxy header (X-Forwarded-For,
 * Forwarded) is trusted, since anyone can send one; behind a reverse proxy all clients
 * share the proxy's address, and the proxy should carry its own limits.
 *
 * An IPv4 address mapped into IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address, and an
 * IPv6 address counts by its /64 network: one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would give them 2^64 fresh buckets.
 */
export function clientAddress(c: Context): string {
  let raw: string | undefined;
  try {
    raw = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket: all such calls share one bucket.
  }
  return normaliseAddress(raw);
}

export function normaliseAddress(raw: string | undefined): string {
  if (!raw) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(raw)) return raw;
  const bare = raw.split("%")[0]!; // drop a zone index (fe80::1%eth0)
  if (!isIPv6(bare)) return raw;
  return `${ipv6Groups(bare).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (::1.2.3.4) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array(missing).fill("0"), ...right];
  return groups.map((g) => Number.parseInt(g, 16).toString(16));
}

/**
 * A fixed-window limiter per client address, in memory: enough for one Node process. A
 * deployment with several processes puts its limit in the reverse proxy instead.
 */
export function rateLimit(options: { windowMs: number; max: number }): MiddlewareHandler {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const now = Date.now();
    const key = clientAddress(c);
    let entry = hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + options.windowMs };
      hits.set(key, entry);
      if (hits.size > 10_000) {
        for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
      }
    }
    entry.count++;
    c.header("RateLimit-Limit", String(options.max));
    c.header("RateLimit-Remaining", String(Math.max(0, options.max - entry.count)));
    if (entry.count > options.max) {
      c.header("Retry-After", String(Math.ceil((entry.resetAt - now) / 1000)));
      return c.json(errorBody("rate_limited", "too many requests, try again later"), 429);
    }
    return next();
  };
}
