import type { TestServer } from "../support/test-server.js";

export interface MadeInstance {
  id: string;
  token: string;
}

/** Registers an instance through the API and returns its id and ingestion token. */
export async function makeInstance(
  server: TestServer,
  body: { slug: string; kind?: "trial" | "production"; seats?: number | null; name?: string },
): Promise<MadeInstance> {
  const res = await server.app.inject({
    method: "POST",
    url: "/api/v1/instances",
    headers: { authorization: `Bearer ${await server.tokenFor("growth")}` },
    payload: { name: body.name ?? body.slug, kind: body.kind ?? "trial", slug: body.slug, ...(body.seats !== undefined ? { seats: body.seats } : {}) },
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
