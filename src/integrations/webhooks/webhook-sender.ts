import type { AppContext } from "../../platform/app/context.js";
import {
  deliveryId,
  delivered,
  permanent,
  retryable,
  type ChannelHandler,
  type DeliveryResult,
} from "../../platform/outbox/delivery.js";
import { guardedRequest, type OutboundResponse } from "../outbound/guarded-request.js";
import { parseRetryAfter } from "../outbound/retry-after.js";
import { OutboundRefusedError, type Resolver } from "../outbound/url-guard.js";
import { EndpointSnapshots } from "./endpoint-snapshots.js";
import { webhookHeaders } from "./standard-webhooks.js";

export interface SignedPost {
  url: string;
  secret: string;
  /** webhook-id: the same on every retry of one message. */
  id: string;
  timestampSeconds: number;
  body: string;
  timeoutMs: number;
  allowList: readonly string[];
  resolve?: Resolver;
}

/** One signed Standard Webhooks POST through the URL guard. */
export function postSignedWebhook(p: SignedPost): Promise<OutboundResponse> {
  return guardedRequest({
    url: p.url,
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Trellis-Webhooks/1",
      ...webhookHeaders(p.secret, p.id, p.timestampSeconds, p.body),
    },
    body: p.body,
    timeoutMs: p.timeoutMs,
    allowList: p.allowList,
    ...(p.resolve ? { resolve: p.resolve } : {}),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outbox handler for the webhook channel. Endpoint rows are read once per claimed batch
 * (EndpointSnapshots), never older than the delivery's claim.
 */
export function createWebhookHandler(ctx: AppContext, resolve?: Resolver): ChannelHandler<"webhook"> {
  const endpoints = new EndpointSnapshots(ctx);
  return async (payload, item) => {
    const endpoint = UUID.test(payload.endpointId) ? await endpoints.get(payload.endpointId, item.claimedMs) : undefined;
    if (!endpoint) return permanent(`webhook endpoint ${payload.endpointId} does not exist`);
    if (!endpoint.active) {
      return permanent(`webhook endpoint "${endpoint.name}" (${endpoint.id}) is inactive or deleted; activate it, then replay`);
    }
    const body = JSON.stringify({ type: payload.type, timestamp: payload.timestamp, data: payload.data });
    const now = ctx.clock.now();
    let response: OutboundResponse;
    try {
      response = await postSignedWebhook({
        url: endpoint.url,
        secret: endpoint.secret,
        id: deliveryId(item.idempotencyKey),
        timestampSeconds: Math.floor(now.getTime() / 1000),
        body,
        timeoutMs: ctx.packs.current().outbox.requestTimeoutSeconds * 1000,
        allowList: ctx.config.outboundAllowList,
        ...(resolve ? { resolve } : {}),
      });
    } catch (e) {
      // A policy refusal needs an operator (allow-list) and a replay; network errors may pass.
      if (e instanceof OutboundRefusedError) return permanent(`webhook endpoint "${endpoint.name}": ${e.message}`);
      return retryable(`webhook endpoint "${endpoint.name}": ${e instanceof Error ? e.message : String(e)}`);
    }
    return classifyResponse(endpoint.name, response, ctx.clock.now());
  };
}

/** 2xx delivered; 408, 429 and 5xx retried (honouring Retry-After); any other answer is final. */
export function classifyResponse(name: string, res: OutboundResponse, now: Date): DeliveryResult {
  const status = res.statusCode;
  if (status >= 200 && status < 300) return delivered(status);
  const snippet = res.bodySnippet.replace(/\s+/g, " ").trim().slice(0, 200);
  const error = `webhook endpoint "${name}" answered HTTP ${status}${snippet ? `: ${snippet}` : ""}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterSeconds = parseRetryAfter(res.headers["retry-after"], now);
    return retryable(error, { statusCode: status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
  }
  if (status >= 300 && status < 400) return permanent(`${error} (redirects are not followed; update the endpoint URL)`, status);
  return permanent(error, status);
}
