import { describe, expect, it } from "vitest";
import { authenticateSession } from "../../src/platform/auth/authenticate-session.js";
import { signOut } from "../../src/platform/auth/sign-out.js";
import { verifyCsrf } from "../../src/platform/auth/verify-csrf.js";
import { sha256Hex } from "../../src/platform/auth/secrets.js";
import { MINUTE, makeUser, signInAda, useTestContext } from "./auth-fixtures.js";
import type { TestContext } from "../support/test-context.js";
import { AppError } from "../../src/platform/errors/app-error.js";

const context = useTestContext();
const HOUR = 60 * MINUTE;

async function lastSeenAt(ctx: TestContext, token: string): Promise<Date> {
  const row = await ctx.db.selectFrom("sessions").select("last_seen_at").where("id_hash", "=", sha256Hex(token)).executeTakeFirstOrThrow();
  return row.last_seen_at;
}

describe("sessions", () => {
  it("end after sessionIdleMinutes without a request", async () => {
    const ctx = await context({ config: { sessionIdleMinutes: 30 } });
    await makeUser(ctx);
    const { token } = await signInAda(ctx);
    ctx.clock.advance(29 * MINUTE);
    const alive = await authenticateSession(ctx, { token });
    expect(alive?.session.idleExpiresAt).toEqual(new Date(ctx.clock.now().getTime() + 30 * MINUTE));
    ctx.clock.advance(29 * MINUTE);
    expect(await authenticateSession(ctx, { token })).not.toBeNull();
    ctx.clock.advance(30 * MINUTE);
    expect(await authenticateSession(ctx, { token })).toBeNull();
  });

  it("end at sessionAbsoluteHours however active they are", async () => {
    const ctx = await context({ config: { sessionIdleMinutes: 120, sessionAbsoluteHours: 8 } });
    await makeUser(ctx);
    const { token, expiresAt } = await signInAda(ctx);
    for (let h = 1; h < 8; h++) {
      ctx.clock.advance(HOUR);
      expect(await authenticateSession(ctx, { token })).not.toBeNull();
    }
    ctx.clock.set(new Date(expiresAt.getTime() - 1));
    expect(await authenticateSession(ctx, { token })).not.toBeNull();
    ctx.clock.advance(1);
    expect(await authenticateSession(ctx, { token })).toBeNull();
  });

  it("write last_seen_at at most once a minute", async () => {
    const ctx = await context();
    await makeUser(ctx);
    const { token } = await signInAda(ctx);
    const signedInAt = ctx.clock.now();
    ctx.clock.advance(59_000);
    await authenticateSession(ctx, { token });
    expect(await lastSeenAt(ctx, token)).toEqual(signedInAt);
    ctx.clock.advance(1_000);
    await authenticateSession(ctx, { token });
    expect(await lastSeenAt(ctx, token)).toEqual(ctx.clock.now());
  });

  it("refuse unknown, empty and absurd tokens", async () => {
    const ctx = await context();
    await makeUser(ctx);
    await signInAda(ctx);
    for (const token of [undefined, null, "", "x".repeat(43), "y".repeat(10_000)]) {
      expect(await authenticateSession(ctx, { token })).toBeNull();
    }
  });

  it("end on sign-out, which is idempotent and audited once", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const { token } = await signInAda(ctx);
    expect(await signOut(ctx, { token })).toBe(true);
    expect(await authenticateSession(ctx, { token })).toBeNull();
    expect(await signOut(ctx, { token })).toBe(false);
    expect(await signOut(ctx, { token: "never issued" })).toBe(false);
    const rows = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "session.signed_out").execute();
    expect(rows).toMatchObject([{ actor_id: user.id, subject_id: user.id }]);
  });

  it("carry a CSRF token that verifies only for its own session", async () => {
    const ctx = await context();
    await makeUser(ctx);
    const mine = await signInAda(ctx);
    const other = await signInAda(ctx);
    const auth = await authenticateSession(ctx, { token: mine.token });
    if (!auth) throw new Error("session should authenticate");
    expect(() => verifyCsrf({ expected: auth.csrfToken, provided: mine.csrfToken })).not.toThrow();
    let error: unknown;
    try {
      verifyCsrf({ expected: auth.csrfToken, provided: other.csrfToken });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("csrf_failed");
    expect((error as AppError).status).toBe(403);
  });
});
