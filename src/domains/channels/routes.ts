import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { pageQuery } from "../../platform/http/pagination.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import type { Role } from "../../platform/pack/pack-schema.js";
import { addChannelMembers } from "./add-channel-members.js";
import { slackMirrorInfo } from "./channel-view.js";
import { getChannel } from "./get-channel.js";
import { listChannels } from "./list-channels.js";
import { postChannelMessage } from "./post-channel-message.js";
import { MESSAGE_MAX } from "./post-to-channel.js";

const idParams = z.object({ id: z.uuid() });

export function channelRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/channels",
      {
        schema: {
          tags: ["channels"],
          summary: "Alert feeds and company channels with members, last message and Slack mirror state",
          querystring: z.object({ q: z.string().max(200).optional(), kind: z.enum(["feed", "company"]).optional(), ...pageQuery }),
        },
      },
      async (req) => ({ ...(await listChannels(ctx, req.query)), slackMirror: slackMirrorInfo(ctx) }),
    );

    app.get(
      "/api/v1/channels/:id",
      {
        schema: {
          tags: ["channels"],
          summary: "One channel: members, and messages newest first (cursor pagination) with their Slack delivery",
          params: idParams,
          querystring: z.object(pageQuery),
        },
      },
      async (req) => ({ ...(await getChannel(ctx, { id: req.params.id, ...req.query })), slackMirror: slackMirrorInfo(ctx) }),
    );

    app.post(
      "/api/v1/channels/:id/messages",
      {
        schema: {
          tags: ["channels"],
          summary: "Post a message (mirrored to Slack when the mirror is on)",
          params: idParams,
          body: z.object({ text: z.string().trim().min(1).max(MESSAGE_MAX) }),
        },
      },
      async (req, reply) => {
        const message = await postChannelMessage(ctx, { channelId: req.params.id, text: req.body.text, actor: requirePrincipal(req).actor });
        ctx.notifyOutbox();
        return reply.status(201).send(message);
      },
    );

    app.post(
      "/api/v1/channels/:id/members",
      {
        schema: {
          tags: ["channels"],
          summary: "Add people to a channel (invited on Slack when the mirror is on)",
          params: idParams,
          body: z.object({ userIds: z.array(z.uuid()).min(1).max(100) }),
        },
      },
      async (req) => {
        const added = await addChannelMembers(ctx, {
          channelId: req.params.id,
          userIds: req.body.userIds,
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        });
        ctx.notifyOutbox();
        const pack = ctx.packs.current();
        return { added: added.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: u.role, roleLabel: pack.roles[u.role as Role]?.label ?? u.role })) };
      },
    );
  };
}
