import { describe, expect, it } from "vitest";
import { ExpiringMap, SignInLimits } from "./sign-in-limits";

const MIN = 60_000;

/** A wrong password: begin and fail; answers the refusal if there was one. */
function fail(limits: SignInLimits, username: string, address: string, now: number) {
  const refused = limits.begin(username, address, now);
  if (!refused) limits.failed(username, address, now);
  return refused;
}

describe("sign-in limits", () => {
  it("locks a (username, address) pair after five failures, doubling with each further one", () => {
    const limits = new SignInLimits();
    let now = 0;
    for (let i = 0; i < 5; i++) expect(fail(limits, "a", "x", now)).toBeNull();
    expect(limits.begin("a", "x", now)).toEqual({ reason: "pair_locked", retryAfterSeconds: 60 });
    const locks: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Wait out the lock, fail once more, and read the new lock.
      now += 16 * MIN;
      expect(fail(limits, "a", "x", now)).toBeNull();
      locks.push(limits.begin("a", "x", now)!.retryAfterSeconds / 60);
    }
    expect(locks).toEqual([2, 4, 8, 15, 15, 15]);
  });

  it("security: a locked pair leaves the same username from another address alone", () => {
    const limits = new SignInLimits();
    for (let i = 0; i < 5; i++) fail(limits, "a", "x", 0);
    expect(limits.begin("a", "x", 0)?.reason).toBe("pair_locked");
    expect(limits.begin("a", "y", 0)).toBeNull();
  });

  it("a success forgets the pair's failures", () => {
    const limits = new SignInLimits();
    for (let i = 0; i < 4; i++) fail(limits, "a", "x", 0);
    expect(limits.begin("a", "x", 0)).toBeNull();
    limits.succeeded("a", "x", 0);
    for (let i = 0; i < 4; i++) expect(fail(limits, "a", "x", 0)).toBeNull();
  });

  it("a pair's failures are forgotten an hour after the last", () => {
    const limits = new SignInLimits();
    for (let i = 0; i < 4; i++) fail(limits, "a", "x", 0);
    const later = 61 * MIN;
    for (let i = 0; i < 4; i++) expect(fail(limits, "a", "x", later)).toBeNull();
    expect(limits.begin("a", "x", later)).toBeNull();
  });

  it("refuses an address after its failures in the window, whatever the usernames, until the window ends", () => {
    const limits = new SignInLimits({ addressMaxFailures: 3 });
    for (let i = 0; i < 3; i++) expect(fail(limits, `u${i}`, "x", 0)).toBeNull();
    expect(limits.begin("other", "x", MIN)).toEqual({
      reason: "address_limit",
      retryAfterSeconds: 14 * 60,
    });
    expect(limits.begin("other", "y", MIN)).toBeNull();
    expect(limits.begin("other", "x", 15 * MIN)).toBeNull();
  });

  it("gives back an attempt that succeeded or never ran", () => {
    const limits = new SignInLimits({ addressMaxFailures: 2 });
    for (let i = 0; i < 10; i++) {
      expect(limits.begin("a", "x", 0)).toBeNull();
      if (i % 2) limits.succeeded("a", "x", 0);
      else limits.abandoned("x", 0);
    }
    expect(fail(limits, "b", "x", 0)).toBeNull();
  });

  it("security: the username ceiling refuses new addresses but not one the user signed in from", () => {
    const limits = new SignInLimits({ usernameMaxFailures: 10 });
    expect(limits.begin("a", "home", 0)).toBeNull();
    limits.succeeded("a", "home", 0);
    // Two failures from each of five addresses: no pair lock, but ten for the username.
    for (let i = 0; i < 10; i++) expect(fail(limits, "a", `bot${i % 5}`, 0)).toBeNull();
    expect(limits.begin("a", "bot9", 0)?.reason).toBe("username_ceiling");
    expect(limits.begin("a", "home", 0)).toBeNull();
    // Other usernames are not affected, and the ceiling lifts after its window.
    expect(limits.begin("b", "bot9", 0)).toBeNull();
    expect(limits.begin("a", "bot9", 60 * MIN)).toBeNull();
  });

  it("keeps its memory bounded: each map holds at most maxEntries", () => {
    const limits = new SignInLimits({ maxEntries: 100 });
    for (let i = 0; i < 5_000; i++) {
      fail(limits, `user${i}`, `10.0.${i >> 8}.${i & 255}`, 0);
      limits.begin(`ok${i}`, `10.1.${i >> 8}.${i & 255}`, 0);
      limits.succeeded(`ok${i}`, `10.1.${i >> 8}.${i & 255}`, 0);
    }
    for (const size of Object.values(limits.sizes())) expect(size).toBeLessThanOrEqual(100);
  });
});

describe("expiring map", () => {
  it("forgets expired entries and drops the oldest live ones when full", () => {
    const m = new ExpiringMap<{ expiresAt: number; v: number }>(10);
    for (let i = 0; i < 10; i++) m.set(`k${i}`, { expiresAt: i < 5 ? 10 : 100, v: i }, 0);
    expect(m.get("k0", 10)).toBeUndefined();
    expect(m.get("k9", 10)?.v).toBe(9);
    // Full: the expired go first, then the oldest live ones.
    for (let i = 10; i < 20; i++) m.set(`k${i}`, { expiresAt: 100, v: i }, 20);
    expect(m.size).toBeLessThanOrEqual(10);
    expect(m.get("k19", 20)?.v).toBe(19);
  });
});
