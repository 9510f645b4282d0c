import { describe, expect, it } from "vitest";
import { BusyError, checkPasswordStrength, oneTimePassword, Semaphore } from "./password";

/** A task that runs until released. */
function gated() {
  let release!: () => void;
  const done = new Promise<void>((r) => {
    release = r;
  });
  return { release, task: () => done };
}

describe("semaphore", () => {
  it("runs at most `concurrency` tasks, queues `queue` more and refuses the rest at once", async () => {
    const s = new Semaphore(2, 2);
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 5 }, gated);
    const runs = gates.map((g) =>
      s.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await g.task();
        running--;
        return "done";
      }),
    );
    await expect(runs[4]).rejects.toBeInstanceOf(BusyError);
    await Promise.resolve();
    expect(running).toBe(2);
    for (const g of gates) g.release();
    expect(await Promise.all(runs.slice(0, 4))).toEqual(["done", "done", "done", "done"]);
    expect(peak).toBe(2);
  });

  it("frees the slot when a task fails", async () => {
    const s = new Semaphore(1, 0);
    await expect(s.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await s.run(async () => 1)).toBe(1);
  });
});

describe("one-time passwords", () => {
  it("are four groups of five characters that cannot be mistaken for one another", () => {
    for (let i = 0; i < 200; i++) {
      const password = oneTimePassword();
      expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
      expect(password).not.toMatch(/[0O1lIoSs5Zz2B8]/);
      expect(checkPasswordStrength(password)).toBeNull();
    }
  });

  it("differ each time and use the whole alphabet", () => {
    const passwords = Array.from({ length: 1000 }, oneTimePassword);
    expect(new Set(passwords).size).toBe(1000);
    const used = new Set(passwords.join("").replaceAll("-", ""));
    expect(used.size).toBe(48);
  });
});
