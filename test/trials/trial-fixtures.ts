import type { LightMyRequestResponse } from "fastify";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";
import type { ProcessPack, Role } from "../../src/platform/pack/pack-schema.js";
import { signWebhook } from "../../src/integrations/webhooks/standard-webhooks.js";
import type { ConfigInput } from "../../src/platform/config/config.js";
import { createTestServer, type TestServer } from "../support/test-server.js";

export const PROVISIONER_SECRET = "whsec_" + Buffer.from("trellis-test-provisioner-secret-0123456789").toString("base64");

/** A server for trial tests; `pack` edits the default pack (validated like any pack). */
export async function trialServer(o: { config?: Partial<ConfigInput>; pack?: (p: typeof defaultPack) => typeof defaultPack } = {}): Promise<TestServer> {
  const server = await createTestServer({ config: { supportEmail: "support@vendor.test", ...o.config } });
  if (o.pack) server.ctx.packs.useOnly(validatePack(o.pack(structuredClone(defaultPack)), "test"));
  return server;
}

export const pack = (server: TestServer): ProcessPack => server.ctx.packs.current();

export interface SignupAnswer {
  outcome: string;
  message: string;
  requestId: string | null;
  duplicate: boolean;
  instances: { id: string; slug: string; url: string | null; ssoEnabled: boolean }[];
}

let ipCounter = 0;
/** A fresh client IP per call unless given, so rate limits only bite where a test wants them. */
export async function signup(server: TestServer, body: Record<string, unknown>, ip?: string): Promise<LightMyRequestResponse> {
  ipCounter += 1;
  return server.app.inject({ method: "POST", url: "/api/v1/public/signup", payload: body, remoteAddress: ip ?? `10.1.${Math.floor(ipCounter / 250)}.${ipCounter % 250}` });
}

export const person = (email: string, company: string, extra: Record<string, unknown> = {}) => ({ name: `Ada ${company}`, email, company, ...extra });

export async function signupLead(server: TestServer, email: string, company: string): Promise<string> {
  const res = await signup(server, person(email, company));
  if (res.statusCode !== 201) throw new Error(`signup: ${res.statusCode} ${res.body}`);
  const id = res.json<SignupAnswer>().requestId;
  if (!id) throw new Error("signup gave no request id");
  return id;
}

export async function asRole(server: TestServer, role: Role): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await server.tokenFor(role)}` };
}

export async function qualify(server: TestServer, leadId: string, body: Record<string, unknown>, role: Role = "sdr"): Promise<LightMyRequestResponse> {
  return server.app.inject({ method: "POST", url: `/api/v1/leads/${leadId}/qualification`, headers: await asRole(server, role), payload: body });
}

export async function trialOf(server: TestServer, leadId: string) {
  return server.ctx.db.selectFrom("trials").selectAll().where("lead_id", "=", leadId).executeTakeFirstOrThrow();
}

export async function leadRow(server: TestServer, leadId: string) {
  return server.ctx.db.selectFrom("leads").selectAll().where("id", "=", leadId).executeTakeFirstOrThrow();
}

export async function outboxRows(server: TestServer, channel: string) {
  const rows = await server.ctx.db.selectFrom("outbox").selectAll().where("channel", "=", channel).orderBy("id").execute();
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}

export async function emailsTo(server: TestServer, address: string) {
  return (await outboxRows(server, "email")).filter((r) => (r.payload.to as string[]).includes(address)).map((r) => r.payload as { to: string[]; cc?: string[]; subject: string; text: string });
}

export async function messagesIn(server: TestServer, channel: string): Promise<string[]> {
  const rows = await server.ctx.db
    .selectFrom("channel_messages as m")
    .innerJoin("channels as c", "c.id", "m.channel_id")
    .select("m.text")
    .where("c.name", "=", channel)
    .orderBy("m.id")
    .execute();
  return rows.map((r) => r.text);
}

export async function tableCounts(server: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["leads", "trials", "signup_submissions", "instances", "licenses", "outbox", "access_requests"] as const) {
    const row = await server.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

/** A provisioner callback signed like a Standard Webhooks sender would (timestamp from the test clock). */
export async function callback(server: TestServer, body: Record<string, unknown>, o: { secret?: string; ageSeconds?: number } = {}): Promise<LightMyRequestResponse> {
  const raw = JSON.stringify(body);
  const ts = Math.floor(server.ctx.clock.now().getTime() / 1000) - (o.ageSeconds ?? 0);
  const id = `msg_${Math.random().toString(36).slice(2)}`;
  return server.app.inject({
    method: "POST",
    url: "/api/v1/provisioning/callback",
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signWebhook(o.secret ?? PROVISIONER_SECRET, id, ts, raw) },
    payload: raw,
  });
}
