/**
 * Limits on sign-in attempts, in memory (one Node process; docs/decisions.md):
 *
 * - per (username, client address): five failures free, then a lock that doubles with each
 *   further failure (1, 2, 4, 8 minutes, at most 15). Only that pair is locked: the real
 *   user signs in from their own address whatever someone elsewhere tries.
 * - per client address: at most 30 failed attempts in 15 minutes over all usernames, so one
 *   address cannot make the server run argon2 for endless made-up usernames.
 * - per username, a generous ceiling against guessing from many addresses: 100 failures in
 *   an hour refuse that username from addresses that have not signed in as it in the last
 *   30 days; addresses it signed in from before still get through.
 *
 * An attempt is counted against its address when it starts (so parallel attempts cannot
 * all pass the check) and given back when it succeeds or never reached argon2. Every entry
 * expires, and each map holds at most `maxEntries` (the oldest go first when full).
 */

export interface SignInLimitOptions {
  pairFreeFailures: number;
  pairBaseLockMs: number;
  pairMaxLockMs: number;
  /** How long a pair's failures are remembered after its last failure or lock ends. */
  pairForgetMs: number;
  addressMaxFailures: number;
  addressWindowMs: number;
  usernameMaxFailures: number;
  usernameWindowMs: number;
  trustedAddressMs: number;
  trustedAddressesPerUser: number;
  maxEntries: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  pairFreeFailures: 5,
  pairBaseLockMs: 60_000,
  pairMaxLockMs: 15 * 60_000,
  pairForgetMs: 60 * 60_000,
  addressMaxFailures: 30,
  addressWindowMs: 15 * 60_000,
  usernameMaxFailures: 100,
  usernameWindowMs: 60 * 60_000,
  trustedAddressMs: 30 * 24 * 60 * 60_000,
  trustedAddressesPerUser: 4,
  maxEntries: 10_000,
};

export interface Refusal {
  reason: "pair_locked" | "address_limit" | "username_ceiling";
  retryAfterSeconds: number;
}

/** A Map whose entries expire and whose size is capped (the oldest entry goes first). */
export class ExpiringMap<V extends { expiresAt: number }> {
  private readonly entries = new Map<string, V>();
  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, now: number): V | undefined {
    const v = this.entries.get(key);
    if (v && v.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return v;
  }

  /** Stores `value` as the newest entry. */
  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.maxEntries) return;
    for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
    // Still full of live entries: drop the oldest tenth, so that the sweep above runs once
    // per many insertions rather than on each.
    const target = Math.floor(this.maxEntries * 0.9);
    for (const k of this.entries.keys()) {
      if (this.entries.size <= target) break;
      this.entries.delete(k);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

interface Window {
  count: number;
  expiresAt: number;
}
interface PairEntry {
  failures: number;
  lockedUntil: number;
  expiresAt: number;
}
interface Trusted {
  addresses: Map<string, number>;
  expiresAt: number;
}

export class SignInLimits {
  readonly options: SignInLimitOptions;
  private readonly pairs: ExpiringMap<PairEntry>;
  private readonly addresses: ExpiringMap<Window>;
  private readonly usernames: ExpiringMap<Window>;
  private readonly trusted: ExpiringMap<Trusted>;

  constructor(options: Partial<SignInLimitOptions> = {}) {
    this.options = { ...DEFAULT_SIGN_IN_LIMITS, ...options };
    const cap = this.options.maxEntries;
    this.pairs = new ExpiringMap(cap);
    this.addresses = new ExpiringMap(cap);
    this.usernames = new ExpiringMap(cap);
    this.trusted = new ExpiringMap(cap);
  }

  /**
   * Before argon2: refuses the attempt, or counts it against its address. Each attempt
   * that is not refused ends in `failed`, `succeeded` or `abandoned`.
   */
  begin(username: string, address: string, now = Date.now()): Refusal | null {
    const o = this.options;
    const pair = this.pairs.get(pairKey(username, address), now);
    if (pair && pair.lockedUntil > now) return refusal("pair_locked", pair.lockedUntil - now);
    const byAddress = this.addresses.get(address, now);
    if (byAddress && byAddress.count >= o.addressMaxFailures) {
      return refusal("address_limit", byAddress.expiresAt - now);
    }
    const byUsername = this.usernames.get(username, now);
    if (
      byUsername &&
      byUsername.count >= o.usernameMaxFailures &&
      !this.isTrusted(username, address, now)
    ) {
      return refusal("username_ceiling", byUsername.expiresAt - now);
    }
    if (byAddress) byAddress.count++;
    else this.addresses.set(address, { count: 1, expiresAt: now + o.addressWindowMs }, now);
    return null;
  }

  /** The password was wrong or the user unknown or inactive. */
  failed(username: string, address: string, now = Date.now()): void {
    const o = this.options;
    const key = pairKey(username, address);
    const pair = this.pairs.get(key, now) ?? { failures: 0, lockedUntil: 0, expiresAt: 0 };
    pair.failures++;
    if (pair.failures >= o.pairFreeFailures) {
      const lockMs = Math.min(
        o.pairMaxLockMs,
        o.pairBaseLockMs * 2 ** Math.min(30, pair.failures - o.pairFreeFailures),
      );
      pair.lockedUntil = now + lockMs;
    }
    pair.expiresAt = Math.max(pair.lockedUntil, now) + o.pairForgetMs;
    this.pairs.set(key, pair, now);

    const byUsername = this.usernames.get(username, now);
    if (byUsername) byUsername.count++;
    else this.usernames.set(username, { count: 1, expiresAt: now + o.usernameWindowMs }, now);
  }

  /** Signed in: the attempt is given back, the pair forgotten and the address trusted. */
  succeeded(username: string, address: string, now = Date.now()): void {
    this.abandoned(address, now);
    this.pairs.delete(pairKey(username, address));
    const o = this.options;
    const t = this.trusted.get(username, now) ?? { addresses: new Map(), expiresAt: 0 };
    t.addresses.delete(address);
    t.addresses.set(address, now + o.trustedAddressMs);
    for (const [a, until] of t.addresses) if (until <= now) t.addresses.delete(a);
    while (t.addresses.size > o.trustedAddressesPerUser) {
      t.addresses.delete(t.addresses.keys().next().value!);
    }
    t.expiresAt = now + o.trustedAddressMs;
    this.trusted.set(username, t, now);
  }

  /** The attempt never reached argon2 (the server was busy): it does not count. */
  abandoned(address: string, now = Date.now()): void {
    const byAddress = this.addresses.get(address, now);
    if (byAddress && byAddress.count > 0) byAddress.count--;
  }

  private isTrusted(username: string, address: string, now: number): boolean {
    const until = this.trusted.get(username, now)?.addresses.get(address);
    return until !== undefined && until > now;
  }

  /** Entries held, for tests of the memory bound. */
  sizes() {
    return {
      pairs: this.pairs.size,
      addresses: this.addresses.size,
      usernames: this.usernames.size,
      trusted: this.trusted.size,
    };
  }
}

function pairKey(username: string, address: string): string {
  return `${username}\n${address}`;
}

function refusal(reason: Refusal["reason"], ms: number): Refusal {
  return { reason, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}
