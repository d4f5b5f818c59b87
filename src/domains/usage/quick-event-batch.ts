import type { EventBatchBody } from "./event-input.js";

/**
 * A fast path in front of the Zod schema of event batches: a batch that is plainly valid in
 * the common form (trimmed strings, canonical `toISOString()` timestamps) is taken as is; any
 * doubt returns null and the full schema decides, with its precise error paths. It only ever
 * accepts a subset of what the schema accepts, so the outcome never differs. Why: per-event
 * Zod parsing was the largest CPU cost of ingestion after the insert itself.
 */
export function quickEventBatch(body: unknown): EventBatchBody | null {
  if (!isPlainObject(body)) return null;
  for (const k in body) if (k !== "batchId" && k !== "events") return null;
  const { batchId, events } = body as { batchId?: unknown; events?: unknown };
  if (batchId !== undefined && !isKey(batchId)) return null;
  if (!Array.isArray(events) || events.length === 0) return null;
  for (const e of events as unknown[]) if (!isEvent(e)) return null;
  return body as unknown as EventBatchBody;
}

function isEvent(e: unknown): boolean {
  if (!isPlainObject(e)) return false;
  for (const k in e) if (k !== "id" && k !== "user" && k !== "event" && k !== "timestamp" && k !== "properties") return false;
  const { id, user, event, timestamp, properties } = e as Record<string, unknown>;
  if (id !== undefined && !isKey(id)) return false;
  if (!isKey(user) || !isKey(event)) return false;
  if (typeof timestamp !== "string" || !isCanonicalIso(timestamp)) return false;
  return properties === undefined || isPlainObject(properties);
}

const isKey = (v: unknown): boolean => typeof v === "string" && v.length >= 1 && v.length <= 200 && !/^\s|\s$/.test(v);

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function isCanonicalIso(ts: string): boolean {
  if (!CANONICAL.test(ts)) return false;
  const d = new Date(ts);
  return !Number.isNaN(d.getTime()) && d.toISOString() === ts;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
