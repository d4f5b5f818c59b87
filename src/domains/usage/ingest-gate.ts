import { AppError } from "../../platform/errors/app-error.js";

export interface IngestGateOptions {
  /** Batches processed at once. */
  concurrency: number;
  /** Batches allowed to wait; one more is refused at once. */
  queueLimit: number;
  /** A waiting batch gives up after this long, well before a client's own timeout. */
  maxWaitMs: number;
}

/**
 * Backpressure for ingestion: a bounded number of batches run, a bounded number wait, and the
 * rest get 503 with Retry-After at once, so a flood never turns into timeouts or unbounded
 * memory. Per process: with several `trellis serve` processes each has its own gate.
 */
export class IngestGate {
  private active = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly options: IngestGateOptions) {}

  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queueLimit) return Promise.reject(saturated());
    return new Promise<void>((resolve, reject) => {
      const entry = {
        resolve: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(saturated());
        }, this.options.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private leave(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next.resolve();
    else this.active--;
  }
}

const saturated = () =>
  new AppError("unavailable", "Ingestion is saturated; retry after the Retry-After delay.", { retryAfterSeconds: 1, details: { reason: "ingest_saturated" } });
