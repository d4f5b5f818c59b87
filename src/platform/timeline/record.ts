import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.js";
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
 * transaction so they commit or roll back with the change itself.
 */
export async function recordChange(db: Executor, change: RecordChange): Promise<void> {
  const actor = actorColumns(change.actor);
  await db
    .insertInto("timeline_events")
    .values({
      subject_type: change.subject.type,
      subject_id: change.subject.id,
      at: change.at,
      kind: change.action,
      summary: change.summary,
      ...actor,
      data: JSON.stringify(change.data ?? {}),
    })
    .execute();
  await audit(db, change);
}
