import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { AppContext } from "../../src/platform/app/context.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import type { Database } from "../../src/platform/db/database.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { ruleActor, systemActor, type Actor } from "../../src/platform/timeline/actor.js";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startSlackReceiver, type SlackReceiver } from "../support/slack-receiver.js";

export interface ChannelWorld {
  ctx: TestContext;
  slack: SlackReceiver;
  close(): Promise<void>;
}

/** Slack mirror config pointing at the loopback receiver (allow-listed like test/outbox does). */
export const slackConfig = (slack: SlackReceiver) => ({ slackToken: slack.token, slackApiUrl: slack.url, outboundAllowList: ["127.0.0.1"] });

/** A context with (or without) a Slack token; the receiver runs either way, to prove silence. */
export async function channelWorld(o: { slackToken: boolean }): Promise<ChannelWorld> {
  const slack = await startSlackReceiver();
  const ctx = await createTestContext({ config: o.slackToken ? slackConfig(slack) : { outboundAllowList: ["127.0.0.1"] } });
  return {
    ctx,
    slack,
    async close() {
      await ctx.close();
      await slack.close();
    },
  };
}

/** The production handlers on a worker; jitter off so Retry-After delays are exact. */
export function workerFor(ctx: AppContext): OutboxWorker {
  return new OutboxWorker(ctx, {
    handlers: createChannelHandlers(ctx),
    workerId: "channels-test",
    concurrency: 4,
    pollMs: 50,
    leaseSeconds: 60,
    random: () => 0.5,
    listenUrl: false,
  });
}

export const inTrx = <T>(ctx: AppContext, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> => ctx.db.transaction().execute(fn);

export const ruleT = (ctx: AppContext, ruleId: string): Actor => ruleActor(ruleId, ctx.packs.current().version);

let n = 0;
/** A user of the role; `email` defaults to a unique one. */
export async function person(ctx: AppContext, role: Role, name: string, email?: string): Promise<{ id: string; email: string; name: string }> {
  n += 1;
  const address = email ?? `${role}.${n}@trellis.example`;
  const user = await createUser(ctx, { email: address, name, role, actor: systemActor("test") });
  return { id: user.id, email: address, name };
}

export async function count(ctx: AppContext, table: "channels" | "channel_messages" | "channel_members" | "outbox" | "timeline_events" | "audit_log"): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.db);
  return r.rows[0]?.n ?? 0;
}

export const timelineOf = (ctx: AppContext, type: string, id: string) =>
  ctx.db.selectFrom("timeline_events").selectAll().where("subject_type", "=", type).where("subject_id", "=", id).orderBy("id").execute();

export const LEAD = { type: "lead", id: "5b0c3f38-58a4-4a8e-9a43-3f1f2d1c0a11" };
