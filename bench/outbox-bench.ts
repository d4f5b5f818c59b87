import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import type { AppContext } from "../src/platform/app/context.js";
import { enqueue } from "../src/platform/outbox/enqueue.js";
import { deliveryId } from "../src/platform/outbox/delivery.js";
import { OutboxWorker } from "../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../src/platform/outbox/default-channel-handlers.js";
import { generateWebhookSecret } from "../src/integrations/webhooks/standard-webhooks.js";
import { postSignedWebhook } from "../src/integrations/webhooks/webhook-sender.js";

export interface OutboxBenchResult {
  deliveriesPerSecond: number;
  bareLoopPerSecond: number;
}

/** Alternating measurement rounds of each side (see benchOutbox). */
const ROUNDS = 5;

/**
 * Outbox deliveries per second to a loopback webhook receiver, next to a bare loop of the same
 * signed POSTs at the same concurrency, in one run: the gap is what claiming, leasing and
 * recording cost. Writes n outbox rows (plus a few for warm-up) and one endpoint into ctx's
 * database (use a scratch one).
 *
 * The comparison is like for like: both sides send through postSignedWebhook (same Standard
 * Webhooks signing, same URL guard, same keep-alive agent) to the same receiver, with the same
 * number of requests in flight; and both are warmed up first (JIT, sockets, the worker's pace
 * estimate, a fifth of n or at most 2,000 deliveries: the database's WebAssembly code on PGlite
 * is optimized only once hot) so that neither pays the other's start-up.
 */
export async function benchOutbox(ctx: AppContext, n: number): Promise<OutboxBenchResult> {
  const receiver = await startSink();
  // The sink is on loopback: allow it for this run only, without touching the caller's config.
  const benchCtx: AppContext = { ...ctx, config: { ...ctx.config, outboundAllowList: [...ctx.config.outboundAllowList, "127.0.0.1"] } };
  const concurrency = ctx.config.workerConcurrency;
  const secret = generateWebhookSecret();
  const endpointId = randomUUID();
  const now = ctx.clock.now();
  const runId = randomUUID();
  const warmup = Math.min(2000, Math.max(concurrency, Math.floor(n / 5)));
  try {
    await ctx.db
      .insertInto("webhook_endpoints")
      .values({ id: endpointId, name: "bench sink", url: receiver.url, secret, event_types: "[]", created_at: now, updated_at: now })
      .execute();
    const enqueueRows = (from: number, to: number) =>
      ctx.db.transaction().execute(async (trx) => {
        for (let i = from; i < to; i++) {
          await enqueue(trx, {
            channel: "webhook",
            payload: { endpointId, type: "bench.ping", data: { i }, timestamp: now.toISOString() },
            idempotencyKey: `bench:${runId}:${i}`,
            at: now,
            pack: ctx.packs.current(),
          });
        }
      });

    const body = (i: number): string => JSON.stringify({ type: "bench.ping", timestamp: now.toISOString(), data: { i } });
    const bareLoop = async (from: number, to: number): Promise<void> => {
      let next = from;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < to; i = next++) {
            const res = await postSignedWebhook({
              url: receiver.url,
              secret,
              id: deliveryId(`bare:${runId}:${i}`),
              timestampSeconds: Math.floor(now.getTime() / 1000),
              body: body(i),
              timeoutMs: ctx.packs.current().outbox.requestTimeoutSeconds * 1000,
              allowList: benchCtx.config.outboundAllowList,
            });
            if (res.statusCode !== 204) throw new Error(`bench: sink answered ${res.statusCode}`);
          }
        }),
      );
    };

    const worker = new OutboxWorker(benchCtx, { handlers: createChannelHandlers(benchCtx), concurrency, listenUrl: false });
    await enqueueRows(0, warmup);
    const warm = await worker.drain();
    if (warm.delivered !== warmup) throw new Error(`bench: expected ${warmup} warm-up deliveries, got ${JSON.stringify(warm)}`);
    await bareLoop(0, warmup);
    // Measured in alternating rounds (outbox, then the bare loop, ROUNDS times) rather than one
    // long stretch each: on a shared machine the pace drifts, and a drift would otherwise fall
    // on one side only.
    let outboxSeconds = 0;
    let bareSeconds = 0;
    for (let round = 0, from = warmup; round < ROUNDS; round++) {
      const to = warmup + Math.round((n * (round + 1)) / ROUNDS);
      await enqueueRows(from, to);
      const t0 = performance.now();
      const counts = await worker.drain();
      outboxSeconds += (performance.now() - t0) / 1000;
      if (counts.delivered !== to - from) throw new Error(`bench: expected ${to - from} deliveries, got ${JSON.stringify(counts)}`);
      const t1 = performance.now();
      await bareLoop(from, to);
      bareSeconds += (performance.now() - t1) / 1000;
      from = to;
    }
    return { deliveriesPerSecond: n / outboxSeconds, bareLoopPerSecond: n / bareSeconds };
  } finally {
    await receiver.close();
  }
}

/** The cheapest receiver: read the body, answer 204. */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sink`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `node --import tsx bench/outbox-bench.ts [n]`: in-memory PGlite, or DATABASE_URL if set. */
async function main(): Promise<void> {
  const { loadConfig } = await import("../src/platform/config/config.js");
  const { createContext } = await import("../src/platform/app/create-context.js");
  const { openDatabase } = await import("../src/platform/db/open-database.js");
  const config = loadConfig({ overrides: { logLevel: "warn" } });
  const database = config.databaseUrl ? undefined : await openDatabase({});
  const ctx = await createContext({ config, ...(database ? { database } : {}) });
  try {
    const n = Number(process.argv[2] ?? 2000);
    const r = await benchOutbox(ctx, n);
    const ratio = r.deliveriesPerSecond / r.bareLoopPerSecond;
    console.log(
      `outbox: ${r.deliveriesPerSecond.toFixed(0)} deliveries/s; bare loop: ${r.bareLoopPerSecond.toFixed(0)} POST/s; ratio ${ratio.toFixed(2)} (n=${n}, concurrency=${config.workerConcurrency}, ${ctx.engine})`,
    );
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
