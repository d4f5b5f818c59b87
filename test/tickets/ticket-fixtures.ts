import type { LightMyRequestResponse } from "fastify";
import { signWebhook } from "../../src/integrations/webhooks/standard-webhooks.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { createTestServer, type TestServer } from "../support/test-server.js";

export const TICKETS_SECRET = "whsec_" + Buffer.from("trellis-test-tickets-webhook-secret-0123").toString("base64");

export function ticketServer(o: { secret?: boolean } = {}): Promise<TestServer> {
  return createTestServer(o.secret === false ? {} : { config: { ticketsWebhookSecret: TICKETS_SECRET } });
}

/** The instant `days` days before the test clock's now, ISO. */
export const daysAgo = (server: TestServer, days: number): string => new Date(server.ctx.clock.now().getTime() - days * DAY_MS).toISOString();

/** A ticket webhook signed like a Standard Webhooks sender would (timestamp from the test clock). */
export async function sendTicket(server: TestServer, body: Record<string, unknown>, o: { secret?: string; ageSeconds?: number; tamper?: boolean } = {}): Promise<LightMyRequestResponse> {
  const raw = JSON.stringify(body);
  const ts = Math.floor(server.ctx.clock.now().getTime() / 1000) - (o.ageSeconds ?? 0);
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  return server.app.inject({
    method: "POST",
    url: "/api/v1/inbound/tickets",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signWebhook(o.secret ?? TICKETS_SECRET, id, ts, raw) },
    payload: o.tamper ? raw.replace("}", ',"x":1}') : raw,
  });
}

export interface LatestHealth {
  cause: string;
  traits: Record<string, unknown>;
  count: number;
}

/** The account's current health: what last computed it and the trait inputs it rests on; `count`: the scores it has had (the superseded ones and the one in force). */
export async function latestHealth(server: TestServer, accountId: string): Promise<LatestHealth | null> {
  const current = await server.ctx.db.selectFrom("account_health").select(["cause", "inputs"]).where("account_id", "=", accountId).executeTakeFirst();
  if (!current) return null;
  const history = await server.ctx.db.selectFrom("health_scores").select("id").where("account_id", "=", accountId).execute();
  const inputs = current.inputs as unknown as { traits: Record<string, unknown> };
  return { cause: current.cause, traits: inputs.traits, count: history.length + 1 };
}

/** Row counts of the tables a ticket or activity write touches. */
export async function writeCounts(server: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["support_tickets", "account_activities", "health_scores", "account_health", "timeline_events"] as const) {
    const row = await server.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}
