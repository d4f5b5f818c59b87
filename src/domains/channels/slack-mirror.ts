import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { Subject } from "../../platform/timeline/record.js";
import type { ChannelRow } from "./schema.js";

/** The environment variable that turns the mirror on (config.ts ENV_KEYS), for messages. */
export const SLACK_TOKEN_ENV = "SLACK_TOKEN";

/** The Slack mirror runs only with a token; without one nothing is queued for Slack. */
export const slackMirrorOn = (ctx: AppContext): boolean => Boolean(ctx.config.slackToken);

/** Outbox key of a channel's first Slack setup (create or find it, invite its members). */
export const slackSetupKey = (channelId: string): string => `slack.setup:${channelId}`;

interface MirrorBase {
  channel: ChannelRow;
  actor: Actor;
  subject?: Subject | undefined;
}

/**
 * Queues the Slack side of a channel: create (or find) it and invite people by email. While
 * the channel has no Slack id, its first setup (one key per channel) invites every member;
 * people added later get an item of their own, keyed by who is invited, so each addition is
 * sent once even when the first setup is still waiting.
 */
export async function queueSlackSetup(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: MirrorBase & { memberEmails: string[]; addedEmails: string[] },
): Promise<number | null> {
  const base = {
    channel: "slack" as const,
    at: ctx.clock.now(),
    pack: ctx.packs.current(),
    subject: o.subject ?? { type: "channel", id: o.channel.id },
    actor: o.actor,
  };
  const payload = (inviteEmails: string[]) => ({ op: "setupChannel" as const, channelId: o.channel.id, channel: o.channel.name, inviteEmails });
  if (o.channel.slack_channel_id === null) {
    const first = await enqueue(trx, { ...base, payload: payload(o.memberEmails), idempotencyKey: slackSetupKey(o.channel.id) });
    if (first !== null) return first;
  }
  if (o.addedEmails.length === 0) return null;
  const who = createHash("sha256").update([...o.addedEmails].sort().join(",")).digest("hex").slice(0, 16);
  return enqueue(trx, { ...base, payload: payload(o.addedEmails), idempotencyKey: `slack.invite:${o.channel.id}:${who}` });
}

/** Queues one message for Slack; the key is scoped to the channel like the message's own key. */
export async function queueSlackPost(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: MirrorBase & { text: string; messageId: number; idempotencyKey: string },
): Promise<number | null> {
  return enqueue(trx, {
    channel: "slack",
    payload: { op: "postMessage", channelId: o.channel.id, channel: o.channel.name, text: o.text, messageId: o.messageId },
    idempotencyKey: `slack.post:${o.channel.id}:${o.idempotencyKey}`,
    at: ctx.clock.now(),
    pack: ctx.packs.current(),
    ...(o.subject ? { subject: o.subject } : {}),
    actor: o.actor,
  });
}
