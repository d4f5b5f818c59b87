import type { AppContext } from "../../platform/app/context.js";
import { deliveryId, permanent, retryable, type ChannelHandler } from "../../platform/outbox/delivery.js";
import type { OutboundResponse } from "../outbound/guarded-request.js";
import { OutboundRefusedError } from "../outbound/url-guard.js";
import { classifyResponse, postSignedWebhook } from "../webhooks/webhook-sender.js";

/**
 * The outbox handler of the webhook provisioner (T6): POSTs the request, signed with the
 * provisioner secret (Standard Webhooks, webhook-id stable across retries so the receiver can
 * drop duplicates), to TRELLIS_PROVISIONER_URL. URL and secret are read at delivery, so a fixed
 * configuration and a replay deliver what was stuck.
 */
export function createProvisionHandler(ctx: AppContext): ChannelHandler<"provision"> {
  return async (payload, item) => {
    const { provisionerUrl: url, provisionerSecret: secret } = ctx.config;
    if (ctx.config.provisioner !== "webhook" || !url || !secret) {
      return permanent("the webhook provisioner is not configured (TRELLIS_PROVISIONER=webhook with URL and secret); configure it, then replay");
    }
    const body = JSON.stringify({ type: `trial.provisioning.${payload.action}`, trialId: payload.trialId, ...payload.body });
    let response: OutboundResponse;
    try {
      response = await postSignedWebhook({
        url,
        secret,
        id: deliveryId(item.idempotencyKey),
        timestampSeconds: Math.floor(ctx.clock.now().getTime() / 1000),
        body,
        timeoutMs: ctx.packs.current().outbox.requestTimeoutSeconds * 1000,
        allowList: ctx.config.outboundAllowList,
      });
    } catch (e) {
      if (e instanceof OutboundRefusedError) return permanent(`provisioner: ${e.message}`);
      return retryable(`provisioner: ${e instanceof Error ? e.message : String(e)}`);
    }
    return classifyResponse("provisioner", response, ctx.clock.now());
  };
}
