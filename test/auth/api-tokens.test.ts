import { describe, expect, it } from "vitest";
import { createApiToken } from "../../src/platform/auth/create-api-token.js";
import { authenticateApiToken } from "../../src/platform/auth/authenticate-api-token.js";
import { listApiTokens } from "../../src/platform/auth/list-api-tokens.js";
import { revokeApiToken } from "../../src/platform/auth/revoke-api-token.js";
import { actorFromToken, actorFromUser } from "../../src/platform/auth/actors.js";
import { MINUTE, appErrorOf, countRows, makeUser, useTestContext } from "./auth-fixtures.js";

const context = useTestContext();
const DAY = 24 * 60 * MINUTE;

describe("API tokens", () => {
  it("are returned once as trl_…, stored as a hash with an 8-character display prefix, and authenticate", async () => {
    const ctx = await context();
    const creator = await makeUser(ctx, { role: "admin" });
    const created = await createApiToken(ctx, { name: "billing sync", role: "sales_ops", actor: actorFromUser(creator) });
    expect(created.token).toMatch(/^trl_[A-Za-z0-9_-]{43}$/);
    expect(created.display).toBe(`${created.token.slice(0, 12)}…`);
    expect(created).toMatchObject({ name: "billing sync", role: "sales_ops", status: "active", createdByUserId: creator.id });

    const rows = await ctx.db.selectFrom("api_tokens").selectAll().execute();
    expect(rows[0]?.prefix).toBe(created.token.slice(4, 12));
    expect(JSON.stringify(rows)).not.toContain(created.token);
    const audit = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "api_token.created").execute();
    expect(audit).toMatchObject([{ actor_id: creator.id, subject_id: created.id }]);
    expect(JSON.stringify(audit)).not.toContain(created.token);

    const auth = await authenticateApiToken(ctx, { token: created.token });
    expect(auth).toEqual({ tokenId: created.id, name: "billing sync", role: "sales_ops" });
    if (!auth) throw new Error("token should authenticate");
    expect(actorFromToken(auth)).toEqual({ type: "api_token", id: created.id, label: 'API token "billing sync"', role: "sales_ops" });

    const listed = await listApiTokens(ctx);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("token");
    expect(JSON.stringify(listed)).not.toContain(rows[0]?.token_hash);
  });

  it("stop authenticating once revoked; revoking twice is a no-op", async () => {
    const ctx = await context();
    const created = await createApiToken(ctx, { name: "ci", role: "admin", actor: { type: "system", label: "cli" } });
    const revoked = await revokeApiToken(ctx, { id: created.id, actor: { type: "system", label: "cli" } });
    expect(revoked.status).toBe("revoked");
    expect(await authenticateApiToken(ctx, { token: created.token })).toBeNull();
    await revokeApiToken(ctx, { id: created.id, actor: { type: "system", label: "cli" } });
    expect(await ctx.db.selectFrom("audit_log").select("action").where("action", "=", "api_token.revoked").execute()).toHaveLength(1);
    expect(await listApiTokens(ctx)).toEqual([]);
    expect((await listApiTokens(ctx, { includeRevoked: true }))[0]?.status).toBe("revoked");
  });

  it("stop authenticating at their expiry", async () => {
    const ctx = await context();
    const expiresAt = new Date(ctx.clock.now().getTime() + 30 * DAY);
    const created = await createApiToken(ctx, { name: "trial", role: "growth", expiresAt, actor: { type: "system", label: "cli" } });
    ctx.clock.set(new Date(expiresAt.getTime() - 1));
    expect(await authenticateApiToken(ctx, { token: created.token })).not.toBeNull();
    ctx.clock.advance(1);
    expect(await authenticateApiToken(ctx, { token: created.token })).toBeNull();
    expect((await listApiTokens(ctx))[0]?.status).toBe("expired");
  });

  it("record last use at most once a minute", async () => {
    const ctx = await context();
    const created = await createApiToken(ctx, { name: "sync", role: "ae", actor: { type: "system", label: "cli" } });
    const lastUsed = async () =>
      (await ctx.db.selectFrom("api_tokens").select("last_used_at").executeTakeFirstOrThrow()).last_used_at;
    await authenticateApiToken(ctx, { token: created.token });
    const first = ctx.clock.now();
    expect(await lastUsed()).toEqual(first);
    ctx.clock.advance(59_000);
    await authenticateApiToken(ctx, { token: created.token });
    expect(await lastUsed()).toEqual(first);
    ctx.clock.advance(1_000);
    await authenticateApiToken(ctx, { token: created.token });
    expect(await lastUsed()).toEqual(ctx.clock.now());
  });

  it("refuse malformed and unknown tokens without error", async () => {
    const ctx = await context();
    for (const token of [undefined, "", "Bearer trl_x", "trl_unknown", `trl_${"a".repeat(500)}`]) {
      expect(await authenticateApiToken(ctx, { token })).toBeNull();
    }
  });

  it("refuse a past expiry, an unknown role or an empty name, writing nothing", async () => {
    const ctx = await context();
    const actor = { type: "system", label: "cli" } as const;
    const past = new Date(ctx.clock.now().getTime() - 1);
    expect((await appErrorOf(createApiToken(ctx, { name: "x", role: "ae", expiresAt: past, actor }))).details).toEqual({ field: "expiresAt" });
    expect((await appErrorOf(createApiToken(ctx, { name: "x", role: "root", actor }))).details).toEqual({ field: "role" });
    expect((await appErrorOf(createApiToken(ctx, { name: " ", role: "ae", actor }))).details).toEqual({ field: "name" });
    expect(await countRows(ctx, "api_tokens")).toBe(0);
    expect(await countRows(ctx, "audit_log")).toBe(0);
    expect((await appErrorOf(revokeApiToken(ctx, { id: "nope", actor }))).code).toBe("not_found");
  });
});
