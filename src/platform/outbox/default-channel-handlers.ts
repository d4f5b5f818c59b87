import type { AppContext } from "../app/context.js";
import { createEmailHandler } from "../../integrations/smtp/smtp-sender.js";
import { createWebhookHandler } from "../../integrations/webhooks/webhook-sender.js";
import { createSlackHandler } from "../../integrations/slack/slack-handler.js";
import { createProvisionHandler } from "../../integrations/provisioner/provision-sender.js";
import type { ChannelHandlers } from "./delivery.js";

/**
 * The production catalog: every channel bound to its integration. This is the one place the
 * kernel reaches into integrations/, as the composition root for delivery; tests pass their
 * own ChannelHandlers to the worker instead.
 */
export function createChannelHandlers(ctx: AppContext): ChannelHandlers {
  return {
    email: createEmailHandler(ctx),
    webhook: createWebhookHandler(ctx),
    slack: createSlackHandler(ctx),
    provision: createProvisionHandler(ctx),
  };
}
