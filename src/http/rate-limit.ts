import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import { errorBody } from "./errors";

/**
 * A fixed-window limiter per client address, in memory: enough for one Node process. A
 * deployment with several processes puts its limit in the reverse proxy instead.
 */
export function rateLimit(options: { windowMs: number; max: number }): MiddlewareHandler {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const now = Date.now();
    let key = "unknown";
    try {
      key = getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // app.request() in tests has no socket: all such calls share one bucket.
    }
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
