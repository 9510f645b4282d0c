import { BlockList, isIP, isIPv4, isIPv6 } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { errorBody } from "./errors";

/**
 * The client's address as every limit in the app sees it (the calculator's rate limit and
 * the sign-in limits): the socket's peer address, unless that peer is a trusted reverse
 * proxy (OPVANG_TRUSTED_PROXIES, docs/operations.md). Then X-Forwarded-For is read from
 * the right: each hop appended by a trusted proxy is skipped, and the first address that
 * is not a trusted proxy is the client. Nobody else's X-Forwarded-For is believed, since
 * anyone can send one.
 *
 * An IPv4 address mapped into IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address, and an
 * IPv6 address counts by its /64 network: one subscriber usually holds a whole /64, so
 * counting single IPv6 addresses would give them 2^64 fresh buckets.
 */
export function clientAddress(c: Context, trusted: TrustedProxies = NO_PROXIES): string {
  // Resolved once per request by the app (with the configured proxies): see createApp.
  const resolved = c.get("clientAddress" as never) as string | undefined;
  if (resolved) return resolved;
  let raw: string | undefined;
  try {
    raw = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket: all such calls share one bucket.
  }
  return normaliseAddress(resolveClientAddress(raw, c.req.header("x-forwarded-for"), trusted));
}

/** Networks of trusted reverse proxies; built once from the configuration. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  /** `cidrs`: "10.0.0.0/8", "2001:db8::/32" or a single address; a bad entry throws. */
  constructor(cidrs: readonly string[]) {
    for (const entry of cidrs) {
      const [address = "", prefixText] = entry.trim().split("/");
      const family = isIP(address);
      const max = family === 4 ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(
          `OPVANG_TRUSTED_PROXIES: "${entry}" is not an address or network (such as 10.0.0.0/8 or 2001:db8::/32)`,
        );
      }
      this.list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
    }
    this.size = cidrs.length;
  }

  has(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    const plain = mapped ? mapped[1]! : address.split("%")[0]!;
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 4 ? "ipv4" : "ipv6");
  }
}

const NO_PROXIES = new TrustedProxies([]);

/** The client behind trusted proxies (see clientAddress); the socket's peer otherwise. */
export function resolveClientAddress(
  socket: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (!socket || trusted.size === 0 || !forwardedFor || !trusted.has(socket)) return socket;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter((h) => h !== "");
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address: the proxy before it is the last one we can vouch for.
    if (isIP(hop.split("%")[0]!) === 0) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
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
export function rateLimit(options: {
  windowMs: number;
  max: number;
  trusted?: TrustedProxies;
}): MiddlewareHandler {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const now = Date.now();
    const key = clientAddress(c, options.trusted);
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
