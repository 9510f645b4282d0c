import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/**
 * argon2 calls, counted: how many were started, how many run now and the most that ran at
 * once. Tests read these instead of timing; `resetArgon2Stats` starts a count afresh.
 */
export const argon2Stats = { hashes: 0, verifies: 0, running: 0, peak: 0 };
export function resetArgon2Stats(): void {
  Object.assign(argon2Stats, { hashes: 0, verifies: 0, running: 0, peak: 0 });
}

async function counted<T>(kind: "hashes" | "verifies", work: () => Promise<T>): Promise<T> {
  argon2Stats[kind]++;
  argon2Stats.running++;
  argon2Stats.peak = Math.max(argon2Stats.peak, argon2Stats.running);
  try {
    return await work();
  } finally {
    argon2Stats.running--;
  }
}

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return counted("hashes", () => hash(password));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return counted("verifies", async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/** A valid hash of a random secret: verified against when the user does not exist, so
 * that an unknown username takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

export function checkPasswordStrength(password: string): string | null {
  if (password.length < 10) return "password must be at least 10 characters";
  return null;
}

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or copied by
 * hand (no 0/O/o, 1/l/I, 5/S/s, 2/Z/z, 8/B): 48 characters.
 */
const ONE_TIME_ALPHABET = "abcdefghijkmnpqrtuvwxyACDEFGHJKLMNPQRTUVWXY34679";

/**
 * A one-time password an administrator hands over: 20 characters from crypto.randomInt
 * (uniform, no modulo bias) in four groups of five, about 111 bits. The user replaces it at
 * the first sign-in.
 */
export function oneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = "";
    for (let i = 0; i < 5; i++) group += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

export class BusyError extends Error {
  constructor() {
    super("too many sign-ins at once");
    this.name = "BusyError";
  }
}

/**
 * A counting semaphore with a short queue: at most `concurrency` tasks run, at most
 * `queue` wait; a task beyond that is refused at once (BusyError) instead of piling up.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    readonly concurrency: number,
    readonly queue: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw new BusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes to the next waiter as it is, so none can be taken in between.
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * Sign-in password checks, process-wide: argon2 takes about 19 MiB and tens of
 * milliseconds of a core each, so two at once (this machine has two cores) with eight
 * waiting; a ninth waiting sign-in is answered 503 at once.
 */
export const SIGN_IN_ARGON2_CONCURRENCY = 2;
export const SIGN_IN_ARGON2_QUEUE = 8;
const signInGate = new Semaphore(SIGN_IN_ARGON2_CONCURRENCY, SIGN_IN_ARGON2_QUEUE);

/**
 * Checks a sign-in's password within the bound; `passwordHash` undefined (no such user)
 * is checked against the dummy hash, inside the same bound, so it costs the same.
 */
export function verifySignInPassword(
  passwordHash: string | undefined,
  password: string,
): Promise<boolean> {
  return signInGate.run(async () =>
    verifyPassword(passwordHash ?? (await dummyPasswordHash()), password),
  );
}
