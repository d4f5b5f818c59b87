import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { checkOutboundTarget, pinnedLookup, type Resolver } from "./url-guard.js";

export interface OutboundRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string;
  /** Whole-exchange limit (connect, send, response body). */
  timeoutMs: number;
  /** ctx.config.outboundAllowList. */
  allowList: readonly string[];
  resolve?: Resolver;
}

export interface OutboundResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  /** The start of the response body, for error messages. */
  bodySnippet: string;
}

const SNIPPET_BYTES = 2048;

/**
 * HTTP(S) to a user-configured URL: checks the destination with the URL guard, then connects
 * to exactly the checked address (TLS still verifies the certificate against the hostname).
 * Redirects are not followed: a redirect target would bypass the check.
 */
export async function guardedRequest(req: OutboundRequest): Promise<OutboundResponse> {
  const target = await checkOutboundTarget(req.url, req.allowList, req.resolve);
  const client = target.url.protocol === "https:" ? https : http;
  const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
  const headers = { ...req.headers, ...(body ? { "content-length": String(body.length) } : {}) };
  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = client.request(target.url, { method: req.method, headers, lookup: pinnedLookup(target) }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (chunk: Buffer) => {
        if (kept < SNIPPET_BYTES) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers,
          bodySnippet: Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString("utf8"),
        });
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
