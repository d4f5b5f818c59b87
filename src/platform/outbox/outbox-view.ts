import type { OutboxRow, OutboxStatus } from "../db/database.js";

/** The shape the API and CLI show for an outbox row (camelCase, with a one-line summary). */
export const OUTBOX_STATUSES = ["pending", "sending", "retrying", "delivered", "dead", "cancelled"] as const satisfies readonly OutboxStatus[];

export interface OutboxItemView {
  id: number;
  channel: string;
  idempotencyKey: string;
  status: OutboxStatus;
  summary: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  subject: { type: string; id: string } | null;
  ruleId: string | null;
  packVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

export function toOutboxView(row: OutboxRow): OutboxItemView {
  return {
    id: row.id,
    channel: row.channel,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    summary: summarize(row.channel, row.payload),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    ruleId: row.rule_id,
    packVersion: row.pack_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

/** "email to a@x.com: Subject" / "webhook lead.created to endpoint <id>"; tolerant of odd payloads. */
function summarize(channel: string, payload: Record<string, unknown>): string {
  const str = (v: unknown): string => (typeof v === "string" ? v : "?");
  if (channel === "email") {
    const to = Array.isArray(payload.to) ? payload.to.map(str).join(", ") : "?";
    return `email to ${to}: ${str(payload.subject)}`;
  }
  if (channel === "webhook") return `webhook ${str(payload.type)} to endpoint ${str(payload.endpointId)}`;
  if (channel === "slack") {
    if (payload.op === "setupChannel") return `Slack: set up ${str(payload.channel)}`;
    const text = str(payload.text);
    return `Slack ${str(payload.channel)}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
  }
  if (channel === "provision") return `provisioner: ${str(payload.action)} trial ${str(payload.trialId)}`;
  return channel;
}
