import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicKey, verify } from "node:crypto";
import { sql } from "kysely";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { makeInstance } from "../usage/usage-fixtures.js";
import { tempKeysDir } from "./license-fixtures.js";

const keys = tempKeysDir();
let server: TestServer;
let auth: (role?: "admin" | "sales_ops" | "support" | "leadership") => Promise<{ authorization: string }>;
beforeAll(async () => {
  server = await createTestServer({ config: { licenseKeysDir: keys.dir } });
  auth = async (role = "sales_ops") => ({ authorization: `Bearer ${await server.tokenFor(role)}` });
});
afterAll(async () => {
  await server.close();
  keys.cleanup();
});

const DAY = 86_400_000;
const inDays = (n: number) => new Date(server.ctx.clock.now().getTime() + n * DAY).toISOString();
interface Created {
  subscriptionId: string;
  licenseId: string;
  licenseKey: string;
}
interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string[] }[] } };
}

async function createSub(body: Record<string, unknown>, role: "admin" | "sales_ops" = "sales_ops"): Promise<Created> {
  const res = await server.app.inject({ method: "POST", url: "/api/v1/subscriptions", headers: await auth(role), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Created>();
}
const counts = async () =>
  (await sql<{ s: number; l: number }>`select (select count(*)::int from subscriptions) as s, (select count(*)::int from licenses) as l`.execute(server.ctx.db)).rows[0];

describe("license routes", () => {
  it("the public-key endpoint needs no sign-in, and its PEM verifies a key with plain node:crypto", async () => {
    const created = await createSub({ name: "Acme Corp", userCount: 0, tags: ["plan:enterprise-1", "  true-up "], expiresAt: inDays(365) });
    const res = await server.app.inject({ method: "GET", url: "/api/v1/license-keys" });
    expect(res.statusCode).toBe(200);
    const { keys: published } = res.json<{ keys: { kid: string; publicKey: string; current: boolean }[] }>();
    const [body = "", sig = ""] = created.licenseKey.split(".");
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as { kid: string; tags: string[]; userCount: number; licensee: string };
    const pem = published.find((k) => k.kid === payload.kid)?.publicKey ?? "";
    expect(pem).toContain("BEGIN PUBLIC KEY");
    expect(JSON.stringify(published)).not.toContain("PRIVATE");
    expect(verify(null, Buffer.from(body), createPublicKey(pem), Buffer.from(sig, "base64url"))).toBe(true);
    expect(payload).toMatchObject({ licensee: "acme-corp", userCount: 0, tags: ["plan:enterprise-1", "true-up"] });
  });

  it("lists subscriptions with their latest license; filters by kind, expiring soon (X: 7 days) and instance", async () => {
    const instance = await makeInstance(server, { slug: "soonco", kind: "production" });
    const soon = await createSub({ name: "Soon Co", instanceId: instance.id, userCount: 10, tags: [], expiresAt: inDays(5) });
    await createSub({ name: "Later Co", userCount: 10, tags: [], expiresAt: inDays(30) });
    const list = async (qs: string) => {
      const res = await server.app.inject({ method: "GET", url: `/api/v1/subscriptions?${qs}`, headers: await auth("support") });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { id: string; name: string; kind: string; expiringSoon: boolean; instance: { slug: string } | null; latest: { expiresInDays: number } | null }[]; nextCursor: string | null }>();
    };
    const expiring = await list("expiringSoon=true");
    expect(expiring.items.map((i) => i.name)).toEqual(["Soon Co"]);
    expect(expiring.items[0]).toMatchObject({ expiringSoon: true, instance: { slug: "soonco" }, latest: { expiresInDays: 5 } });
    expect((await list(`instanceId=${instance.id}`)).items.map((i) => i.id)).toEqual([soon.subscriptionId]);
    expect((await list("kind=trial")).items).toEqual([]);
    expect((await list("q=later")).items.map((i) => i.name)).toEqual(["Later Co"]);
    const page1 = await list("kind=production&limit=1");
    expect(page1.items).toHaveLength(1);
    const page2 = await list(`kind=production&limit=1&cursor=${page1.nextCursor ?? ""}`);
    expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
  });

  it("adds licenses to a subscription (renewal), newest first; a license shows its key, payload and verification", async () => {
    const created = await createSub({ name: "Renew Co", licensee: "renew-co-prod", userCount: 100, tags: ["a"], expiresAt: inDays(30) });
    server.ctx.clock.advance(60_000);
    const res = await server.app.inject({
      method: "POST",
      url: `/api/v1/subscriptions/${created.subscriptionId}/licenses`,
      headers: await auth("admin"),
      payload: { userCount: 150, tags: ["a", "b"], expiresAt: inDays(395).slice(0, 10) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const renewed = res.json<Created>();
    const detail = (await server.app.inject({ method: "GET", url: `/api/v1/subscriptions/${created.subscriptionId}`, headers: await auth("leadership") })).json<{
      licenses: { id: string; licensee: string; userCount: number }[];
    }>();
    expect(detail.licenses.map((l) => [l.id, l.licensee, l.userCount])).toEqual([
      [renewed.licenseId, "renew-co-prod", 150],
      [created.licenseId, "renew-co-prod", 100],
    ]);
    const lic = (await server.app.inject({ method: "GET", url: `/api/v1/licenses/${renewed.licenseId}`, headers: await auth("support") })).json<{
      licenseKey: string;
      verification: { valid: boolean; payload: { userCount: number; expiresAt: string } };
    }>();
    expect(lic.licenseKey).toBe(renewed.licenseKey);
    expect(lic.verification).toMatchObject({ valid: true, payload: { userCount: 150 } });
    expect(lic.verification.payload.expiresAt).toMatch(/T00:00:00.000Z$/);
  });

  it("verify reports tampered, unknown and expired keys with a clear reason", async () => {
    const created = await createSub({ name: "Verify Co", userCount: 5, tags: [], expiresAt: inDays(2) });
    const check = async (licenseKey: string) => {
      const res = await server.app.inject({ method: "POST", url: "/api/v1/licenses/verify", headers: await auth("support"), payload: { licenseKey } });
      expect(res.statusCode).toBe(200);
      return res.json<{ valid: boolean; reason: string | null; message: string; payload: unknown }>();
    };
    expect(await check(created.licenseKey)).toMatchObject({ valid: true, reason: null });
    const [body = "", sig = ""] = created.licenseKey.split(".");
    const p = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...p, userCount: 0 })).toString("base64url")}.${sig}`;
    expect(await check(tampered)).toMatchObject({ valid: false, reason: "bad_signature" });
    const unknown = `${Buffer.from(JSON.stringify({ ...p, kid: "0123456789abcdef" })).toString("base64url")}.${sig}`;
    expect(await check(unknown)).toMatchObject({ valid: false, reason: "unknown_key" });
    expect(await check("garbage")).toMatchObject({ valid: false, reason: "malformed", payload: null });
    server.ctx.clock.advance(3 * DAY);
    const expired = await check(created.licenseKey);
    expect(expired).toMatchObject({ valid: false, reason: "expired", payload: { userCount: 5 } });
    expect(expired.message).toMatch(/^Signature valid/);
  });

  it("bad input gets 400 naming the field and stores nothing", async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "X", userCount: -1, tags: [], expiresAt: inDays(10) }, "userCount"],
      [{ name: "X", userCount: 1.5, tags: [], expiresAt: inDays(10) }, "userCount"],
      [{ name: "X", userCount: 1, tags: "a,b", expiresAt: inDays(10) }, "tags"],
      [{ name: "X", userCount: 1, tags: [], expiresAt: "next tuesday" }, "expiresAt"],
      [{ name: "X", userCount: 1, tags: [], expiresAt: inDays(-1) }, "expiresAt"],
      [{ name: "", userCount: 1, tags: [], expiresAt: inDays(10) }, "name"],
      [{ name: "X", userCount: 1, tags: [], expiresAt: inDays(10), instanceId: "00000000-0000-4000-8000-000000000000" }, "instanceId"],
    ];
    for (const [payload, field] of cases) {
      const res = await server.app.inject({ method: "POST", url: "/api/v1/subscriptions", headers: await auth(), payload });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      const err = res.json<ErrorBody>().error;
      expect(err.code).toBe("validation_failed");
      expect(err.details?.issues?.[0]?.path, JSON.stringify(payload)).toEqual(["body", field]);
    }
    const missing = await server.app.inject({
      method: "POST",
      url: "/api/v1/subscriptions/00000000-0000-4000-8000-000000000000/licenses",
      headers: await auth(),
      payload: { userCount: 1, tags: [], expiresAt: inDays(10) },
    });
    expect(missing.statusCode).toBe(404);
    const empty = await server.app.inject({ method: "POST", url: "/api/v1/licenses/verify", headers: await auth(), payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("only admin, growth, cloud ops and sales ops issue licenses", async () => {
    const before = await counts();
    const res = await server.app.inject({ method: "POST", url: "/api/v1/subscriptions", headers: await auth("support"), payload: { name: "Nope", userCount: 1, tags: [], expiresAt: inDays(10) } });
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
