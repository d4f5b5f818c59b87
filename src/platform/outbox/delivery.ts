import { createHash } from "node:crypto";
import type { OutboxChannel, OutboxChannels } from "./enqueue.js";

/** What a handler knows about the outbox row it delivers. */
export interface DeliveryItem {
  id: number;
  idempotencyKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * performance.now() once the claim of this row had committed. A handler may reuse what it read
   * after this moment (it saw every change committed before the claim) instead of reading again.
   * Absent: read afresh.
   */
  claimedMs?: number;
}

/**
 * A handler's verdict. `permanent` failures go straight to dead (retrying cannot help:
 * a 4xx, an invalid address, a deleted endpoint); others are retried with backoff, or after
 * `retryAfterSeconds` when the receiver said so.
 */
export type DeliveryResult =
  | { ok: true; statusCode?: number | undefined }
  | {
      ok: false;
      permanent: boolean;
      error: string;
      statusCode?: number | undefined;
      retryAfterSeconds?: number | undefined;
    };

/** Delivers one payload. Called with no database transaction open; may take seconds. */
export type ChannelHandler<C extends OutboxChannel> = (payload: OutboxChannels[C], item: DeliveryItem) => Promise<DeliveryResult>;

/** One handler per channel: adding a channel to OutboxChannels fails compilation until it has one. */
export type ChannelHandlers = { [C in OutboxChannel]: ChannelHandler<C> };

export const delivered = (statusCode?: number): DeliveryResult => ({ ok: true, statusCode });

export const retryable = (error: string, extra: { statusCode?: number; retryAfterSeconds?: number } = {}): DeliveryResult => ({
  ok: false,
  permanent: false,
  error,
  ...extra,
});

export const permanent = (error: string, statusCode?: number): DeliveryResult => ({
  ok: false,
  permanent: true,
  error,
  statusCode,
});

/**
 * A stable id for one side effect, the same on every attempt, derived from the idempotency
 * key: used as the webhook-id, the email Message-ID and X-Trellis-Delivery-Id so that a
 * receiver can drop duplicates (delivery is at-least-once).
 */
export function deliveryId(idempotencyKey: string): string {
  return `msg_${createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 27)}`;
}
