import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { MessageView } from "./channel-view.js";
import { getMessage } from "./get-channel.js";
import { postToChannel } from "./post-to-channel.js";

/** A person's message in a channel (the composer); mirrored to Slack like any other. */
export async function postChannelMessage(ctx: AppContext, o: { channelId: string; text: string; actor: Actor }): Promise<MessageView> {
  const posted = await ctx.db.transaction().execute(async (trx) => {
    const channel = await trx.selectFrom("channels").select(["id", "name"]).where("id", "=", o.channelId).executeTakeFirst();
    if (!channel) throw notFound("Channel", o.channelId);
    // Every composer post is its own message: the key only has to be unique.
    return postToChannel(trx, ctx, { channel: channel.name, text: o.text, actor: o.actor, idempotencyKey: `composer:${randomUUID()}` });
  });
  if (!posted) throw new Error("a fresh idempotency key was reported as used");
  return getMessage(ctx, posted.channelId, posted.messageId);
}
