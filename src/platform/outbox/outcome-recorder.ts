import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import type { Logger } from "../log/logger.js";
import { recordOutcome, recordOutcomes, type AttemptRecord, type RecordedOutcome } from "./record-outcome.js";

export interface OutcomeRecorderOptions {
  /** Most outcomes per statement. */
  maxBatch: number;
  /** Longest an outcome waits for company before it is written (real time, ms). */
  delayMs: number;
}

interface Buffered {
  record: AttemptRecord;
  resolve: (outcome: RecordedOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes delivery outcomes in groups: one statement (one commit) for every outcome that finished
 * while the previous group was being written, or within delayMs of the first one buffered, up
 * to maxBatch. Each outcome is still checked against its own lease (recordOutcomes). At most one
 * write is in progress at a time, so under load the groups grow by themselves.
 *
 * Nothing here changes the delivery guarantee: until its outcome is written the row stays
 * 'sending' under our lease, exactly as while the call was running; if the process dies first,
 * the row is taken back when the lease expires and delivered again (receivers dedupe).
 */
export class OutcomeRecorder {
  private buffer: Buffered[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Write each outcome as soon as it arrives (a stopping or stopped worker). */
  eager = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly options: OutcomeRecorderOptions,
  ) {}

  /** Resolves once the outcome is written (or kept as lease_lost); rejects if it could not be. */
  record(record: AttemptRecord): Promise<RecordedOutcome> {
    return new Promise<RecordedOutcome>((resolve, reject) => {
      this.buffer.push({ record, resolve, reject });
      if (this.eager || this.buffer.length >= this.options.maxBatch || this.options.delayMs <= 0) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.delayMs);
    });
  }

  /** Outcomes buffered and not yet written. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered now; resolves when nothing is buffered or being written. Never rejects. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing ??= this.writeAll().finally(() => {
      this.writing = undefined;
      // Outcomes that arrived during the last write and did not fill a batch: wait for company again.
      if (this.buffer.length > 0) {
        if (this.eager) this.kick();
        else this.timer ??= setTimeout(() => this.kick(), this.options.delayMs);
      }
    });
  }

  private async writeAll(): Promise<void> {
    // Keep writing while full batches are waiting (they would be written at once anyway).
    do {
      await this.write(this.buffer.splice(0, this.options.maxBatch));
    } while (this.buffer.length >= this.options.maxBatch || (this.eager && this.buffer.length > 0));
  }

  private async write(group: Buffered[]): Promise<void> {
    if (group.length === 0) return;
    let results: PromiseSettledResult<RecordedOutcome>[];
    try {
      results = await recordOutcomes(
        this.db,
        group.map((g) => g.record),
      );
    } catch (err) {
      // Nothing of the batch was written. One bad outcome must not sink the others: write them
      // one by one.
      this.log.warn({ err, outcomes: group.length }, "outbox outcomes could not be written together; writing them one by one");
      for (const g of group) {
        try {
          g.resolve(await recordOutcome(this.db, g.record));
        } catch (e) {
          g.reject(e);
        }
      }
      return;
    }
    group.forEach((g, i) => {
      const result = results[i];
      if (result?.status === "fulfilled") g.resolve(result.value);
      else g.reject(result?.reason ?? new Error("outbox outcome missing from a batch write"));
    });
  }
}
