import type { TestServer } from "../support/test-server.js";

export interface MadeInstance {
  id: string;
  token: string;
}

/** Registers an instance through the API and returns its id and ingestion token. */
export async function makeInstance(
  server: TestServer,
  body: { slug: string; kind?: "trial" | "production"; seats?: number | null; name?: string; adminEmail?: string },
): Promise<MadeInstance> {
  const res = await server.app.inject({
    method: "POST",
    url: "/api/v1/instances",
    headers: { authorization: `Bearer ${await server.tokenFor("growth")}` },
    payload: { name: body.name ?? body.slug, kind: body.kind ?? "trial", slug: body.slug, ...(body.seats !== undefined ? { seats: body.seats } : {}), ...(body.adminEmail ? { adminEmail: body.adminEmail } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`create instance: ${res.statusCode} ${res.body}`);
  const created = res.json<{ instance: { id: string }; ingestToken: string }>();
  return { id: created.instance.id, token: created.ingestToken };
}

export interface TestEvent {
  id?: string;
  user: string;
  event: string;
  timestamp: string;
  properties?: Record<string, unknown>;
}

export async function sendEvents(server: TestServer, token: string, events: TestEvent[], batchId?: string) {
  return server.app.inject({
    method: "POST",
    url: "/api/v1/ingest/events",
    headers: { authorization: `Bearer ${token}` },
    payload: { ...(batchId ? { batchId } : {}), events },
  });
}

export async function sendPing(server: TestServer, token: string, ping: Record<string, unknown>) {
  return server.app.inject({
    method: "POST",
    url: "/api/v1/ingest/pings",
    headers: { authorization: `Bearer ${token}` },
    payload: {
      totalUsers: 1,
      dau: 1,
      wau: 1,
      mau: 1,
      codeHostsConfigured: 0,
      repositories: 0,
      version: "6.1.0",
      preciseCodeIntelEnabled: false,
      featuresUsed: [],
      ...ping,
    },
  });
}

/** Signal kinds on an instance's timeline, oldest first. */
export async function signalsOf(server: TestServer, instanceId: string): Promise<{ kind: string; data: Record<string, unknown>; rule_id: string | null }[]> {
  return server.ctx.db
    .selectFrom("timeline_events")
    .select(["kind", "data", "rule_id"])
    .where("subject_type", "=", "instance")
    .where("subject_id", "=", instanceId)
    .where("kind", "like", "usage.%")
    .orderBy("id")
    .execute();
}

/** An ISO timestamp `days` days (may be fractional) before the server's clock. */
export const daysAgo = (server: TestServer, days: number): string => new Date(server.ctx.clock.now().getTime() - days * 86_400_000).toISOString();

/** Authorization header of an API token acting with the role. */
export const asRole = async (server: TestServer, role: Parameters<TestServer["tokenFor"]>[0]) => ({
  authorization: `Bearer ${await server.tokenFor(role)}`,
});

/** Any body to POST /api/v1/ingest/events (for malformed batches). */
export async function sendEventsBody(server: TestServer, token: string, payload: unknown, headers: Record<string, string> = {}) {
  return server.app.inject({
    method: "POST",
    url: "/api/v1/ingest/events",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
}

/** A Segment HTTP API batch, authenticated the way Segment sends its write key (Basic, token as user name). */
export async function sendSegment(server: TestServer, token: string, batch: Record<string, unknown>[], headers: Record<string, string> = {}) {
  return server.app.inject({
    method: "POST",
    url: "/api/v1/ingest/segment/batch",
    headers: { authorization: `Basic ${Buffer.from(`${token}:`).toString("base64")}`, ...headers },
    payload: { batch, sentAt: server.ctx.clock.now().toISOString() },
  });
}

export interface InstanceDetail {
  id: string;
  slug: string;
  kind: string;
  status: string;
  seats: number | null;
  metrics: { totalUsers: number; mau: number; pqlMetAt: string | null; pqlCriteria: string[]; nonAdminJoined: boolean; codeHostConfigured: boolean };
  features: { key: string; firstUsedAt: string | null }[];
}

export async function getInstance(server: TestServer, id: string): Promise<InstanceDetail> {
  const res = await server.app.inject({ method: "GET", url: `/api/v1/instances/${id}`, headers: await asRole(server, "ae") });
  if (res.statusCode !== 200) throw new Error(`get instance: ${res.statusCode} ${res.body}`);
  return res.json<InstanceDetail>();
}

export async function patchInstance(server: TestServer, id: string, body: Record<string, unknown>, role: Parameters<TestServer["tokenFor"]>[0] = "growth") {
  return server.app.inject({ method: "PATCH", url: `/api/v1/instances/${id}`, headers: await asRole(server, role), payload: body });
}

/** Raw events stored for an instance (to prove a refused batch stored nothing). */
export async function storedEvents(server: TestServer, instanceId: string): Promise<number> {
  const row = await server.ctx.db
    .selectFrom("usage_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("instance_id", "=", instanceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const DAY_MS = 86_400_000;

/** The UTC day ("YYYY-MM-DD") `days` days before the server's clock. */
export const dayAgo = (server: TestServer, days: number): string => new Date(server.ctx.clock.now().getTime() - days * DAY_MS).toISOString().slice(0, 10);

/** An ISO timestamp on a UTC day at the given hour. */
export const onDay = (day: string, hour = 12): string => `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** Moves the simulated clock forward by whole days. */
export const advanceDays = (server: TestServer, days: number): void => {
  server.ctx.clock.advance(days * DAY_MS);
};
