import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange, type Subject } from "../../platform/timeline/record.js";
import { SLACK_NAME_MAX } from "./channel-name.js";
import { findOrCreateChannel } from "./channel-row.js";
import { isFeedName } from "./feed.js";

import { recordPath } from "./record-links.js";
import { queueSlackPost, slackMirrorOn } from "./slack-mirror.js";

export const MESSAGE_MAX = 4000;
const CHANNEL_NAME = new RegExp(`^#[a-z0-9][a-z0-9_-]{0,${SLACK_NAME_MAX - 1}}$`);

export interface PostToChannelOptions {
  /** "#cloud-trial-alerts": a feed when it is one of the pack's channels, else a company channel. */
  channel: string;
  text: string;
  /** The record the message is about (linked from the UI and from Slack). */
  subject?: Subject | undefined;
  actor: Actor;
  /** Unique within the channel: a second post with the same key posts nothing and returns null. */
  idempotencyKey: string;
}

/**
 * Posts a message to a channel in the caller's transaction (creating the channel on its first
 * message) and, with a Slack token, queues its Slack copy. Uses only `trx`.
 */
export async function postToChannel(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: PostToChannelOptions,
): Promise<{ channelId: string; messageId: number } | null> {
  if (!CHANNEL_NAME.test(o.channel)) throw invalid("channel", `"${o.channel}" is not a channel name like #cloud-trial-alerts`);
  const text = o.text.trim();
  if (text.length === 0 || text.length > MESSAGE_MAX) throw invalid("text", `must be 1 to ${MESSAGE_MAX} characters`);
  const pack = ctx.packs.current();
  const at = ctx.clock.now();
  const kind = isFeedName(pack, o.channel) ? "feed" : "company";
  const { row, created } = await findOrCreateChannel(trx, { name: o.channel, kind, subject: kind === "company" ? o.subject : undefined, at });
  const message = await trx
    .insertInto("channel_messages")
    .values({
      channel_id: row.id,
      at,
      text,
      ...actorColumns(o.actor),
      subject_type: o.subject?.type ?? null,
      subject_id: o.subject?.id ?? null,
      outbox_id: null,
      idempotency_key: o.idempotencyKey,
    })
    .onConflict((oc) => oc.columns(["channel_id", "idempotency_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!message) return null;
  if (created) {
    const what = kind === "feed" ? "Feed" : "Channel";
    await recordChange(trx, { subject: { type: "channel", id: row.id }, action: "channel.created", summary: `${what} ${row.name} created`, actor: o.actor, at });
  }
  const messageId = Number(message.id);
  if (slackMirrorOn(ctx)) {
    const slackText = slackMessageText(ctx, text, o.subject);
    const outboxId = await queueSlackPost(trx, ctx, { channel: row, actor: o.actor, subject: o.subject, text: slackText, messageId, idempotencyKey: o.idempotencyKey });
    if (outboxId !== null) await trx.updateTable("channel_messages").set({ outbox_id: outboxId }).where("id", "=", messageId).execute();
  }
  return { channelId: row.id, messageId };
}

/** Slack mrkdwn: &, < and > escaped (Slack's rule), plus a link to the record when there is one. */
function slackMessageText(ctx: AppContext, text: string, subject: Subject | undefined): string {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const path = subject ? recordPath(subject) : null;
  return path ? `${escaped}\n<${appUrl(ctx.config, path)}|Open in Trellis>` : escaped;
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", `${field}: ${message}`, { details: { issues: [{ path: [field], message }] } });
}
