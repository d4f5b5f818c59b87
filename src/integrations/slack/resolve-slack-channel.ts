import type { AppContext } from "../../platform/app/context.js";
import { permanent, retryable, type DeliveryResult } from "../../platform/outbox/delivery.js";
import { systemActor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { slackName } from "../../domains/channels/channel-name.js";
import type { SlackApi, SlackBody } from "./slack-api.js";

export type Resolved = { ok: true; slackId: string } | { ok: false; result: DeliveryResult };

/** conversations.list pages read at most when looking for a taken name (200 channels a page). */
const MAX_LIST_PAGES = 50;

/**
 * The Slack id of a Trellis channel: the stored one, else the channel is created in Slack (or,
 * when the name is taken, found by name and joined) and its id stored on the channel row, so
 * that retries and later messages skip this. Runs after commit with no transaction open.
 */
export async function resolveSlackChannel(
  api: SlackApi,
  ctx: AppContext,
  o: { channelId: string; channel: string },
  attempt = 1,
): Promise<Resolved> {
  const row = await ctx.db.selectFrom("channels").select(["id", "name", "slack_channel_id"]).where("id", "=", o.channelId).executeTakeFirst();
  if (!row) return { ok: false, result: permanent(`channel ${o.channel} (${o.channelId}) does not exist in Trellis`) };
  if (row.slack_channel_id) return { ok: true, slackId: row.slack_channel_id };

  const name = slackName(row.name);
  const created = await api.post("conversations.create", { name, is_private: false });
  let slackId: string;
  let how: string;
  if (created.ok) {
    slackId = channelIdOf(created.body);
    how = "created";
  } else if (created.code === "name_taken") {
    const found = await findByName(api, name, attempt);
    if (!found.ok) return found;
    slackId = found.slackId;
    how = "found (the name was taken)";
  } else return { ok: false, result: created.result };
  if (!slackId) return { ok: false, result: permanent(`Slack conversations.create: no channel id in the answer for #${name}`) };

  const stored = await ctx.db
    .updateTable("channels")
    .set({ slack_channel_id: slackId })
    .where("id", "=", row.id)
    .where("slack_channel_id", "is", null)
    .executeTakeFirst();
  if (Number(stored.numUpdatedRows) > 0) {
    await ctx.db.transaction().execute((trx) =>
      recordChange(trx, {
        subject: { type: "channel", id: row.id },
        action: "channel.slack_linked",
        summary: `Slack channel #${name} ${how} (${slackId})`,
        actor: systemActor("Slack mirror"),
        at: ctx.clock.now(),
        data: { slackChannelId: slackId },
      }),
    );
  }
  return { ok: true, slackId };
}

/** A public channel by exact name; joined when the app is not a member (it could not post). */
async function findByName(api: SlackApi, name: string, attempt: number): Promise<Resolved> {
  let cursor = "";
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const params: Record<string, string> = { types: "public_channel", exclude_archived: "true", limit: "200" };
    if (cursor) params.cursor = cursor;
    const listed = await api.get("conversations.list", params);
    if (!listed.ok) return { ok: false, result: listed.result };
    const channels = Array.isArray(listed.body.channels) ? (listed.body.channels as SlackBody[]) : [];
    const hit = channels.find((c) => c.name === name);
    if (hit && typeof hit.id === "string") {
      if (hit.is_member === false) {
        const joined = await api.post("conversations.join", { channel: hit.id });
        if (!joined.ok) return { ok: false, result: joined.result };
      }
      return { ok: true, slackId: hit.id };
    }
    const meta = listed.body.response_metadata as { next_cursor?: unknown } | undefined;
    cursor = typeof meta?.next_cursor === "string" ? meta.next_cursor : "";
    if (!cursor) break;
  }
  const unseen = `Slack: #${name} exists but the app cannot see it (private or archived); invite the app or rename the channel, then replay`;
  // Another delivery may have created it a moment ago and the list may lag: look again before giving up.
  return { ok: false, result: attempt < 3 ? retryable(unseen) : permanent(unseen) };
}

function channelIdOf(body: SlackBody): string {
  const channel = body.channel as { id?: unknown } | undefined;
  return typeof channel?.id === "string" ? channel.id : "";
}
