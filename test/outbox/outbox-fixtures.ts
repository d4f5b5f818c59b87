import { sql } from "kysely";
import type { AppContext } from "../../src/platform/app/context.js";
import { enqueue, type EmailPayload } from "../../src/platform/outbox/enqueue.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { createWebhookEndpoint } from "../../src/integrations/webhooks/create-webhook-endpoint.js";
import { emitEvent } from "../../src/integrations/webhooks/emit-webhook-event.js";
import type { Actor } from "../../src/platform/timeline/actor.js";
import type { WebhookReceiver } from "../support/webhook-receiver.js";

export const admin: Actor = { type: "user", id: "00000000-0000-4000-8000-000000000001", label: "Ada Admin", role: "admin" };

/** A worker on the production handlers; jitter off (random 0.5 = no spread) so delays are exact. */
export function workerFor(ctx: AppContext, options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  return new OutboxWorker(ctx, {
    handlers: createChannelHandlers(ctx),
    workerId: "test-worker",
    concurrency: 4,
    pollMs: 50,
    leaseSeconds: 60,
    random: () => 0.5,
    listenUrl: false,
    ...options,
  });
}

export async function enqueueEmail(ctx: AppContext, key: string, payload: Partial<EmailPayload> = {}): Promise<number> {
  const id = await enqueue(ctx.db, {
    channel: "email",
    payload: { to: ["customer@example.com"], subject: `Subject ${key}`, text: `Body of ${key}`, ...payload },
    idempotencyKey: key,
    at: ctx.clock.now(),
    pack: ctx.packs.current(),
  });
  if (id === null) throw new Error(`key ${key} already used`);
  return id;
}

/** An endpoint pointing at the receiver, with the receiver told its secret. */
export async function endpointFor(ctx: AppContext, receiver: WebhookReceiver, eventTypes: string[] = []): Promise<string> {
  const created = await createWebhookEndpoint(ctx, { name: "Receiver", url: receiver.url, eventTypes, actor: admin });
  receiver.setSecret(created.secret);
  return created.endpoint.id;
}

/** Emits one event (committed) and returns the outbox ids. */
export async function emit(ctx: AppContext, key: string, type = "lead.created", data: Record<string, unknown> = { n: 1 }) {
  return ctx.db.transaction().execute((trx) => emitEvent(trx, ctx, { type, data, actor: admin, idempotencyKey: key }));
}

export const outboxRow = (ctx: AppContext, id: number) =>
  ctx.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

export const attemptRows = (ctx: AppContext, id: number) =>
  ctx.db.selectFrom("outbox_attempts").selectAll().where("outbox_id", "=", id).orderBy("id").execute();

export async function countRows(ctx: AppContext, table: "outbox" | "audit_log" | "webhook_endpoints" | "outbox_attempts"): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.db);
  return r.rows[0]?.n ?? 0;
}

/** Rejects if `promise` does not settle in time: turns a hang (a lock held) into a clear failure. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
