import { z } from "zod";
import type { OutboxChannel, OutboxChannels } from "./enqueue.js";
import { permanent, type ChannelHandlers, type DeliveryItem, type DeliveryResult } from "./delivery.js";

/**
 * The catalog: channel name → payload schema → handler. Rows are JSON written by any version
 * of the code, so a payload is validated before its handler sees it; a payload that does not
 * fit can never be delivered and goes straight to dead with the reason.
 */
const address = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/, "is not an email address");

const slackChannel = { channelId: z.string().min(1), channel: z.string().regex(/^#[a-z0-9][a-z0-9_-]{0,79}$/, "is not a channel name") };

const payloadSchemas: { [C in OutboxChannel]: z.ZodType<OutboxChannels[C]> } = {
  email: z.object({
    to: z.array(address).min(1, "needs at least one recipient"),
    cc: z.array(address).optional(),
    replyTo: address.optional(),
    subject: z.string(),
    text: z.string(),
    html: z.string().optional(),
  }),
  webhook: z.object({
    endpointId: z.string().min(1),
    type: z.string().min(1),
    data: z.record(z.string(), z.unknown()),
    timestamp: z.string().min(1),
  }),
  slack: z.discriminatedUnion("op", [
    z.object({ op: z.literal("setupChannel"), ...slackChannel, inviteEmails: z.array(address) }),
    z.object({ op: z.literal("postMessage"), ...slackChannel, text: z.string().min(1), messageId: z.number().int() }),
  ]),
  provision: z.object({
    action: z.enum(["create", "cancel"]),
    trialId: z.string().min(1),
    body: z.record(z.string(), z.unknown()),
  }),
};

export const OUTBOX_CHANNELS = Object.keys(payloadSchemas) as OutboxChannel[];

export function isOutboxChannel(name: string): name is OutboxChannel {
  return (OUTBOX_CHANNELS as string[]).includes(name);
}

/** Validates the stored payload and calls the channel's handler. */
export async function dispatch(
  handlers: ChannelHandlers,
  channel: string,
  payload: unknown,
  item: DeliveryItem,
): Promise<DeliveryResult> {
  if (!isOutboxChannel(channel)) return permanent(`unknown outbox channel "${channel}"`);
  switch (channel) {
    case "email": {
      const parsed = payloadSchemas.email.safeParse(payload);
      return parsed.success ? handlers.email(parsed.data, item) : invalid(channel, parsed.error);
    }
    case "webhook": {
      const parsed = payloadSchemas.webhook.safeParse(payload);
      return parsed.success ? handlers.webhook(parsed.data, item) : invalid(channel, parsed.error);
    }
    case "provision": {
      const parsed = payloadSchemas.provision.safeParse(payload);
      return parsed.success ? handlers.provision(parsed.data, item) : invalid(channel, parsed.error);
    }
    case "slack": {
      const parsed = payloadSchemas.slack.safeParse(payload);
      return parsed.success ? handlers.slack(parsed.data, item) : invalid(channel, parsed.error);
    }
    default: {
      const unreachable: never = channel;
      return permanent(`unknown outbox channel "${String(unreachable)}"`);
    }
  }
}

function invalid(channel: OutboxChannel, error: z.ZodError): DeliveryResult {
  const issue = error.issues[0];
  const where = issue ? issue.path.join(".") || "payload" : "payload";
  return permanent(`invalid ${channel} payload: ${where} ${issue?.message ?? "is invalid"}`);
}
