import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/database.js";
import { copyRows } from "../db/copy-rows.js";
import { actorColumns, type Actor } from "./actor.js";

type Executor = Kysely<Database> | Transaction<Database>;

export interface Subject {
  type: string;
  id: string;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  at: Date;
  subject?: Subject | undefined;
  reason?: string | undefined;
  data?: Record<string, unknown> | undefined;
  requestId?: string | undefined;
}

/** Appends to the audit log (who did what, when, why). Never updated or deleted. */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: entry.at,
      ...actorColumns(entry.actor),
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      reason: entry.reason ?? null,
      data: JSON.stringify(entry.data ?? {}),
      request_id: entry.requestId ?? null,
    })
    .execute();
}

export interface RecordChange extends AuditEntry {
  subject: Subject;
  /** Short human sentence for the timeline ("Status changed to Approved trial"). */
  summary: string;
}

/**
 * A change to a record: one timeline event on the record and one audit row, in the caller's
 * transaction so they commit or roll back with the change itself. One statement (a
 * data-modifying CTE) writes both: every use case records changes, so the round trip counts.
 */
export async function recordChange(db: Executor, change: RecordChange): Promise<void> {
  const a = actorColumns(change.actor);
  const data = JSON.stringify(change.data ?? {});
  const subject = change.subject;
  await sql`
    with timeline as (
      insert into timeline_events (subject_type, subject_id, at, kind, summary, actor_type, actor_id, actor_label, rule_id, pack_version, data)
      values (${subject.type}, ${subject.id}, ${change.at}, ${change.action}, ${change.summary}, ${a.actor_type}, ${a.actor_id}, ${a.actor_label}, ${a.rule_id}, ${a.pack_version}, ${data}::jsonb)
    )
    insert into audit_log (at, actor_type, actor_id, actor_label, rule_id, pack_version, action, subject_type, subject_id, reason, data, request_id)
    values (${change.at}, ${a.actor_type}, ${a.actor_id}, ${a.actor_label}, ${a.rule_id}, ${a.pack_version}, ${change.action}, ${subject.type}, ${subject.id}, ${change.reason ?? null}, ${data}::jsonb, ${change.requestId ?? null})
  `.execute(db);
}

/**
 * Many changes at once (a CSV import's thousands of rows, a full health recompute's band
 * changes): the same timeline event and audit row per change as recordChange, appended with
 * COPY (copy-rows.ts), `batch` changes per statement. A transaction only: the events and the
 * audit rows are two statements, which must commit together.
 */
export async function recordChanges(db: Transaction<Database>, changes: readonly RecordChange[], batch = 5000): Promise<void> {
  for (let i = 0; i < changes.length; i += batch) {
    // The data as JSON text once: the event and the audit row carry the same.
    const part = changes.slice(i, i + batch).map((c) => ({ c, a: actorColumns(c.actor), data: JSON.stringify(c.data ?? {}) }));
    await copyRows(
      db,
      "timeline_events",
      ["subject_type", "subject_id", "at", "kind", "summary", "actor_type", "actor_id", "actor_label", "rule_id", "pack_version", "data"],
      part.map(({ c, a, data }) => [c.subject.type, c.subject.id, c.at, c.action, c.summary, a.actor_type, a.actor_id, a.actor_label, a.rule_id, a.pack_version, data]),
    );
    await copyRows(
      db,
      "audit_log",
      ["at", "actor_type", "actor_id", "actor_label", "rule_id", "pack_version", "action", "subject_type", "subject_id", "reason", "data", "request_id"],
      part.map(({ c, a, data }) => [c.at, a.actor_type, a.actor_id, a.actor_label, a.rule_id, a.pack_version, c.action, c.subject.type, c.subject.id, c.reason ?? null, data, c.requestId ?? null]),
    );
  }
}
