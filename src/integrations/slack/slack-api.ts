import type { AppContext } from "../../platform/app/context.js";
import { permanent, retryable, type DeliveryResult } from "../../platform/outbox/delivery.js";
import { parseRetryAfter } from "../outbound/retry-after.js";
import { OutboundRefusedError, type Resolver } from "../outbound/url-guard.js";
import { slackFailure } from "./slack-errors.js";
import { slackHttp, type SlackHttpResponse } from "./slack-http.js";

export type SlackBody = Record<string, unknown> & { ok?: unknown; error?: unknown };

/** A Slack answer: ok with its body, or the failure as an outbox verdict plus Slack's code. */
export type SlackCall = { ok: true; body: SlackBody } | { ok: false; code: string; result: DeliveryResult };

/**
 * The Slack Web API over plain HTTP: the bot token as Bearer, JSON bodies for the methods that
 * write, query strings for the ones that read (Slack does not take JSON for those).
 */
export class SlackApi {
  constructor(
    private readonly ctx: AppContext,
    private readonly resolve?: Resolver,
  ) {}

  get(method: string, params: Record<string, string>): Promise<SlackCall> {
    return this.call(method, "GET", new URLSearchParams(params).toString(), undefined);
  }

  post(method: string, body: Record<string, unknown>): Promise<SlackCall> {
    return this.call(method, "POST", "", JSON.stringify(body));
  }

  private async call(method: string, verb: "GET" | "POST", query: string, body: string | undefined): Promise<SlackCall> {
    const token = this.ctx.config.slackToken;
    if (!token) return { ok: false, code: "no_token", result: permanent("Slack mirror is off: SLACK_TOKEN is not set; set it, restart, then replay") };
    const base = this.ctx.config.slackApiUrl.replace(/\/*$/, "/");
    let res: SlackHttpResponse;
    try {
      res = await slackHttp({
        url: `${base}${method}${query ? `?${query}` : ""}`,
        method: verb,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          "user-agent": "Trellis-Slack/1",
          ...(body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        },
        ...(body === undefined ? {} : { body }),
        timeoutMs: this.ctx.packs.current().outbox.requestTimeoutSeconds * 1000,
        allowList: this.ctx.config.outboundAllowList,
        ...(this.resolve ? { resolve: this.resolve } : {}),
      });
    } catch (e) {
      const message = `Slack ${method}: ${e instanceof Error ? e.message : String(e)}`;
      if (e instanceof OutboundRefusedError) return { ok: false, code: "refused", result: permanent(message) };
      return { ok: false, code: "network", result: retryable(message) };
    }
    return this.read(method, res);
  }

  private read(method: string, res: SlackHttpResponse): SlackCall {
    const status = res.statusCode;
    const retryAfterSeconds = parseRetryAfter(res.headers["retry-after"], this.ctx.clock.now());
    if (status === 429) return { ok: false, code: "ratelimited", result: slackFailure(method, "ratelimited", { statusCode: status, retryAfterSeconds }) };
    if (status >= 500) {
      const result = retryable(`Slack ${method}: HTTP ${status}`, { statusCode: status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
      return { ok: false, code: `http_${status}`, result };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      const snippet = res.body.replace(/\s+/g, " ").trim().slice(0, 120);
      return { ok: false, code: `http_${status}`, result: permanent(`Slack ${method}: HTTP ${status}, not a Slack API answer${snippet ? `: ${snippet}` : ""}`, status) };
    }
    const answer = parsed as SlackBody;
    if (answer.ok === true && status >= 200 && status < 300) return { ok: true, body: answer };
    const code = typeof answer.error === "string" ? answer.error : `http_${status}`;
    return { ok: false, code, result: slackFailure(method, code, { needed: answer.needed, retryAfterSeconds, statusCode: status }) };
  }
}
