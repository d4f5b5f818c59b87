import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { checkOutboundTarget, pinnedLookup, type Resolver } from "../outbound/url-guard.js";

export interface SlackHttpRequest {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  allowList: readonly string[];
  resolve?: Resolver;
}

export interface SlackHttpResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Enough for a page of conversations.list (200 channels); more is refused, not truncated. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * One HTTP exchange with the Slack API through the URL guard (the API URL is configurable, so
 * it gets the same SSRF policy as webhooks). Unlike guardedRequest it keeps the whole body:
 * Slack answers are JSON that must be read in full.
 */
export async function slackHttp(req: SlackHttpRequest): Promise<SlackHttpResponse> {
  const target = await checkOutboundTarget(req.url, req.allowList, req.resolve);
  const client = target.url.protocol === "https:" ? https : http;
  const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
  const headers = { ...req.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  return new Promise<SlackHttpResponse>((resolve, reject) => {
    const request = client.request(target.url, { method: req.method, headers, lookup: pinnedLookup(target) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) request.destroy(new Error(`Slack answer larger than ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", fail);
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no complete response within ${Math.round(req.timeoutMs / 1000)}s (timed out)`));
    }, req.timeoutMs);
    function fail(e: Error): void {
      clearTimeout(timer);
      reject(e);
    }
    request.on("error", fail);
    request.end(body);
  });
}
