import { DAY_MS } from "../../platform/clock/clock.js";
import { AppError } from "../../platform/errors/app-error.js";

/** A report period: whole UTC days, `from` and `to` inclusive (as people say "1–31 January"). */
export interface ReportPeriod {
  /** "YYYY-MM-DD" */
  from: string;
  /** "YYYY-MM-DD", inclusive. */
  to: string;
  days: number;
  /** Instants for SQL: [start, end). */
  start: Date;
  end: Date;
}

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);
const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** Same path shape as the route schema's own errors ("querystring"), so clients map both alike. */
function invalid(field: "from" | "to", message: string): AppError {
  return new AppError("validation_failed", `querystring.${field}: ${message}`, {
    details: { issues: [{ path: ["querystring", field], message }] },
  });
}

/**
 * Resolves the requested period against today (UTC, from the injected clock). Without `to` the
 * period ends today; without `from` it spans DEFAULT_PERIOD_DAYS ending at `to`. The format of
 * each date is checked by the route schema; the order and the span are checked here.
 */
export function resolvePeriod(now: Date, q: { from?: string | undefined; to?: string | undefined }): ReportPeriod {
  const to = q.to ?? dayKey(now);
  const from = q.from ?? dayKey(new Date(dayStart(to).getTime() - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
  const start = dayStart(from);
  const end = new Date(dayStart(to).getTime() + DAY_MS);
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days < 1) throw invalid("to", `must be on or after from (${from})`);
  if (days > MAX_PERIOD_DAYS) throw invalid("to", `the period may span at most ${MAX_PERIOD_DAYS} days; ${from} to ${to} is ${days}`);
  return { from, to, days, start, end };
}
