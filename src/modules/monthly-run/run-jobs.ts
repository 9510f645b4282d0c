/**
 * The server's background jobs for monthly runs: a preparation started over HTTP runs
 * here, and every half minute (and at start) a run whose worker stopped (a restart, a
 * killed process) is taken over and resumed where it stopped.
 */
import type { Db } from "../../db/connection";
import * as repo from "./monthly-run.repository";
import { newWorkerId, runJob, STALE_SECONDS } from "./monthly-run.service";

export class RunJobs {
  readonly worker = newWorkerId();
  private readonly running = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  /** Runs the job of a run unless this process runs it already. */
  start(runId: number): void {
    if (this.running.has(runId)) return;
    const job = runJob(this.db, runId, { worker: this.worker })
      .then(() => undefined)
      .catch((e: { code?: string; name?: string }) => {
        // The run records the failure (status failed); the log gets the code only.
        console.error(`monthly run ${runId}: job stopped (${e.code ?? e.name ?? "error"})`);
      })
      .finally(() => this.running.delete(runId));
    this.running.set(runId, job);
  }

  /** Resumes runs whose worker has not been heard of for a while. */
  async sweep(): Promise<void> {
    for (const id of await repo.stalePreparingRuns(this.db, STALE_SECONDS)) this.start(id);
  }

  /** Sweeps now and then every `STALE_SECONDS`, without keeping the process alive. */
  watch(): void {
    if (this.timer) return;
    const tick = () => this.sweep().catch(() => undefined);
    void tick();
    this.timer = setInterval(tick, STALE_SECONDS * 1000);
    this.timer.unref();
  }

  /** Resolves when no job of this process is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
