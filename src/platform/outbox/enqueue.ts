import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { ProcessPack } from "../pack/pack-schema.js";
import type { Actor } from "../timeline/actor.js";
import type { Subject } from "../timeline/record.js";

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * The PostgreSQL NOTIFY channel that wakes outbox workers in other processes. The notification
 * is sent by enqueue inside the caller's transaction, so PostgreSQL delivers it only on commit
 * (and folds duplicates within one transaction into one).
 */
export const OUTBOX_NOTIFY_CHANNEL = "trellis_outbox";

/** Email through SMTP (integrations/smtp). */
export interface EmailPayload {
  to: readonly string[];
  cc?: readonly string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
}

/** Standard Webhooks delivery to one configured endpoint (integrations/webhooks). */
export interface WebhookPayload {
  endpointId: string;
  /** Event type, e.g. "lead.status_changed". */
  type: string;
  /** The event body's `data`. */
  data: Record<string, unknown>;
  /** Event time (ISO) for the body's `timestamp`. */
  timestamp: string;
}

/** A request to the webhook provisioner (T6); URL and secret come from config at delivery. */
export interface ProvisionPayload {
  action: "create" | "cancel";
  trialId: string;
  /** The JSON body sent, signed with the provisioner secret (Standard Webhooks). */
  body: Record<string, unknown>;
}

/**
 * A Slack Web API call mirroring a Trellis channel (integrations/slack). `channelId` is the
 * Trellis channel row: the handler resolves (or creates) the Slack channel from it.
 */
export type SlackPayload =
  | { op: "setupChannel"; channelId: string; channel: string; inviteEmails: string[] }
  | { op: "postMessage"; channelId: string; channel: string; text: string; messageId: number };

/** The catalog of channels: name → payload. A new channel adds a line here and a handler. */
export interface OutboxChannels {
  email: EmailPayload;
  webhook: WebhookPayload;
  slack: SlackPayload;
  provision: ProvisionPayload;
}
export type OutboxChannel = keyof OutboxChannels;

export interface EnqueueOptions<C extends OutboxChannel> {
  channel: C;
  payload: OutboxChannels[C];
  /**
   * Same key, same side effect: a second enqueue with a key already present is ignored, so a
   * retried use case never sends twice. Make it from what makes the effect unique
   * ("T9.warning:lead:<id>").
   */
  idempotencyKey: string;
  at: Date;
  pack: ProcessPack;
  subject?: Subject;
  actor?: Actor;
  /** Deliver no earlier than this (default: at). */
  notBefore?: Date;
}

/**
 * Writes a side effect in the caller's transaction. It is delivered by the outbox workers
 * after commit; nothing is sent if the transaction rolls back. Returns the row id, or null
 * when the idempotency key was already used.
 *
 * One statement: the key goes into outbox_keys (insert-only, its primary key is what refuses a
 * duplicate; a concurrent enqueue of the same key waits for ours to commit or roll back, as a
 * unique index on outbox did) and the row is written only if the key was new. The key is not
 * indexed on outbox itself, so the worker's status updates do not pay for it (migration 0013).
 */
export async function enqueue<C extends OutboxChannel>(db: Executor, o: EnqueueOptions<C>): Promise<number | null> {
  const ruleActor = o.actor?.type === "rule" ? o.actor : null;
  const inserted = await sql<{ id: number }>`
    with outbox_key as (
      insert into outbox_keys (idempotency_key, outbox_id)
      values (${o.idempotencyKey}, nextval('outbox_id_seq'))
      on conflict (idempotency_key) do nothing
      returning outbox_id
    )
    insert into outbox (
      id, channel, idempotency_key, payload, status, max_attempts, next_attempt_at,
      subject_type, subject_id, rule_id, pack_version, created_at, updated_at)
    select outbox_id, ${o.channel}, ${o.idempotencyKey}, ${JSON.stringify(o.payload)}::jsonb, 'pending',
      ${o.pack.outbox.maxAttempts}::int, ${o.notBefore ?? o.at}::timestamptz,
      ${o.subject?.type ?? null}::text, ${o.subject?.id ?? null}::text, ${ruleActor?.ruleId ?? null}::text,
      ${ruleActor ? ruleActor.packVersion : o.pack.version}::text, ${o.at}::timestamptz, ${o.at}::timestamptz
    from outbox_key
    returning id
  `.execute(db);
  const row = inserted.rows[0];
  if (row) await sql`select pg_notify(${OUTBOX_NOTIFY_CHANNEL}, '')`.execute(db);
  return row ? Number(row.id) : null;
}
