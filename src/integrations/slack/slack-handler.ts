import type { AppContext } from "../../platform/app/context.js";
import { delivered, type ChannelHandler } from "../../platform/outbox/delivery.js";
import { systemActor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import type { Resolver } from "../outbound/url-guard.js";
import { inviteByEmail } from "./invite-members.js";
import { resolveSlackChannel } from "./resolve-slack-channel.js";
import { SlackApi } from "./slack-api.js";

/**
 * The outbox handler for the slack channel. Every item first makes sure the Slack channel
 * exists (so a message queued before its channel's setup is delivered still lands in the
 * right place), then invites people or posts the message.
 */
export function createSlackHandler(ctx: AppContext, resolve?: Resolver): ChannelHandler<"slack"> {
  const api = new SlackApi(ctx, resolve);
  return async (payload, item) => {
    const channel = await resolveSlackChannel(api, ctx, payload, item.attempt);
    if (!channel.ok) return channel.result;
    switch (payload.op) {
      case "setupChannel": {
        const invited = await inviteByEmail(api, channel.slackId, payload.inviteEmails);
        if (!invited.ok) return invited.result;
        if (invited.missing.length > 0) {
          // Not a failure: the person simply has no Slack account; say so where people look.
          ctx.log.info({ channel: payload.channel, missing: invited.missing }, "Slack: no Slack user for some channel members");
          await ctx.db.transaction().execute((trx) =>
            recordChange(trx, {
              subject: { type: "channel", id: payload.channelId },
              action: "channel.slack_members_missing",
              summary: `Not invited on Slack (no Slack user): ${invited.missing.join(", ")}`,
              actor: systemActor("Slack mirror"),
              at: ctx.clock.now(),
              data: { missing: invited.missing },
            }),
          );
        }
        return delivered(200);
      }
      case "postMessage": {
        const posted = await api.post("chat.postMessage", { channel: channel.slackId, text: payload.text, unfurl_links: false });
        return posted.ok ? delivered(200) : posted.result;
      }
      default: {
        const unreachable: never = payload;
        throw new Error(`unknown Slack operation ${JSON.stringify(unreachable)}`);
      }
    }
  };
}
