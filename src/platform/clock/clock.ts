/**
 * The only source of time. Nothing else reads Date.now(): time rules are tested by moving
 * a clock, never by sleeping.
 */
export interface Clock {
  readonly kind: ClockKind;
  now(): Date;
}

export type ClockKind = "system" | "fixed" | "simulated";

export class SystemClock implements Clock {
  readonly kind = "system" as const;
  now(): Date {
    return new Date();
  }
}

/** Always returns the same instant; for unit tests. */
export class FixedClock implements Clock {
  readonly kind = "fixed" as const;
  constructor(private readonly instant: Date) {}
  now(): Date {
    return new Date(this.instant.getTime());
  }
}

/**
 * Time that moves only when told to (plus real elapsed time is NOT added: a simulated clock
 * is frozen between advances so that demos and acceptance tests are repeatable).
 * The offset is persisted by the scheduler (see scheduler/simulated-time.ts) so several
 * processes on one database agree on "now".
 */
export class SimulatedClock implements Clock {
  readonly kind = "simulated" as const;
  private current: number;
  constructor(start: Date) {
    this.current = start.getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date): void {
    if (instant.getTime() < this.current) {
      throw new Error("A simulated clock only moves forward.");
    }
    this.current = instant.getTime();
  }
  advance(ms: number): Date {
    if (ms < 0) throw new Error("A simulated clock only moves forward.");
    this.current += ms;
    return this.now();
  }
}

const DURATION = /^(\d+)(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Parses "10d", "36h", "90m", "2w" into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  const unit = UNIT_MS[m[2] ?? ""];
  if (unit === undefined) return null;
  return Number(m[1]) * unit;
}

export const DAY_MS = 86_400_000;
export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);
