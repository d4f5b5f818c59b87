import http, { type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../../src/integrations/webhooks/standard-webhooks.js";

/**
 * A scripted answer: a status, a status with Retry-After, or `hold` (never answer until
 * released: the request is in flight, for crash and transaction tests). Steps are used in
 * order by first-time, correctly signed requests; when they run out the receiver answers 200.
 */
export type ReceiverStep = number | { status?: number; retryAfter?: number | string; hold?: boolean };

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  verified: boolean;
  verifyError: string | null;
  /** The id had already been processed: answered 200 without processing again. */
  duplicate: boolean;
  status: number | "held";
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedWebhook[];
  /** Distinct webhook-ids processed (answered 2xx, or held: processed, answer never arrived). */
  processedIds(): string[];
  setSecret(secret: string): void;
  script(steps: ReceiverStep[]): void;
  /** Answers every held request. */
  releaseHeld(status?: number): void;
  waitFor(predicate: (requests: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A Standard Webhooks receiver on loopback that verifies signatures and dedupes on webhook-id. */
export async function startWebhookReceiver(options: { secret?: string } = {}): Promise<WebhookReceiver> {
  let secret = options.secret ?? "";
  const steps: ReceiverStep[] = [];
  const requests: ReceivedWebhook[] = [];
  const processed = new Set<string>();
  const held: ServerResponse[] = [];
  const waiters = new Set<() => void>();
  const changed = (): void => {
    for (const w of waiters) w();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const h = (name: string): string => String(req.headers[name] ?? "");
      const check = verifyWebhook({ secret, headers: req.headers, body });
      const record: ReceivedWebhook = {
        id: h("webhook-id"),
        timestamp: h("webhook-timestamp"),
        signature: h("webhook-signature"),
        body,
        verified: check.ok,
        verifyError: check.ok ? null : check.reason,
        duplicate: false,
        status: 200,
      };
      requests.push(record);
      if (!check.ok) record.status = 401;
      else if (processed.has(record.id)) record.duplicate = true;
      else {
        const step = steps.shift() ?? 200;
        const s = typeof step === "number" ? { status: step } : step;
        if (s.hold) {
          processed.add(record.id);
          record.status = "held";
          held.push(res);
          changed();
          return;
        }
        record.status = s.status ?? 200;
        if (s.retryAfter !== undefined) res.setHeader("retry-after", String(s.retryAfter));
        if (record.status >= 200 && record.status < 300) processed.add(record.id);
      }
      res.writeHead(record.status as number, { "content-type": "text/plain" }).end(check.ok ? "ok" : check.reason);
      changed();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    processedIds: () => [...processed],
    setSecret(s) {
      secret = s;
    },
    script(more) {
      steps.push(...more);
    },
    releaseHeld(status = 200) {
      for (const res of held.splice(0)) if (!res.destroyed) res.writeHead(status).end("released");
    },
    async waitFor(predicate, timeoutMs = 5000) {
      if (predicate(requests)) return requests;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`webhook receiver: condition not met within ${timeoutMs} ms (${requests.length} requests)`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate(requests)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
      return requests;
    },
    async close() {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
