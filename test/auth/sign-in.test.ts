import { describe, expect, it } from "vitest";
import { signIn } from "../../src/platform/auth/sign-in.js";
import { authenticateSession } from "../../src/platform/auth/authenticate-session.js";
import { sha256Hex } from "../../src/platform/auth/secrets.js";
import { PASSWORD, appErrorOf, countRows, makeUser, signInAda, useTestContext } from "./auth-fixtures.js";

const context = useTestContext();

describe("signing in", () => {
  it("creates a session whose token authenticates, storing only the token's hash", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const result = await signIn(ctx, { email: " ADA@example.com", password: PASSWORD, ip: "192.0.2.1", userAgent: "vitest" });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.expiresAt).toEqual(new Date(ctx.clock.now().getTime() + ctx.config.sessionAbsoluteHours * 3_600_000));

    const sessions = await ctx.db.selectFrom("sessions").selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ id_hash: sha256Hex(result.token), user_id: user.id, ip: "192.0.2.1", user_agent: "vitest" });
    expect(JSON.stringify(sessions)).not.toContain(result.token);

    const auth = await authenticateSession(ctx, { token: result.token });
    expect(auth?.user.id).toBe(user.id);
    expect(auth?.csrfToken).toBe(result.csrfToken);

    const attempts = await ctx.db.selectFrom("login_attempts").selectAll().execute();
    expect(attempts).toMatchObject([{ email: "ada@example.com", ip: "192.0.2.1", ok: true }]);
    const audit = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "session.signed_in").execute();
    expect(audit).toMatchObject([{ actor_type: "user", actor_id: user.id, subject_id: user.id }]);
  });

  it("refuses a wrong password with invalid_credentials, records the attempt and audits it without the password", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const error = await appErrorOf(signIn(ctx, { email: user.email, password: "wrong password 123", ip: "192.0.2.7" }));
    expect(error.code).toBe("invalid_credentials");
    expect(error.message).toBe("Email or password is incorrect.");
    expect(await ctx.db.selectFrom("login_attempts").selectAll().execute()).toMatchObject([
      { email: "ada@example.com", ip: "192.0.2.7", ok: false },
    ]);
    const audit = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "session.sign_in_failed").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ email: "ada@example.com", reason: "wrong_password" });
    expect(JSON.stringify(audit)).not.toContain("wrong password 123");
    expect(await countRows(ctx, "sessions")).toBe(0);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const ctx = await context();
    const error = await appErrorOf(signIn(ctx, { email: "nobody@example.com", password: PASSWORD, ip: "192.0.2.1" }));
    expect(error.code).toBe("invalid_credentials");
    expect(error.message).toBe("Email or password is incorrect.");
    expect(await countRows(ctx, "login_attempts")).toBe(1);
  });

  it("revokes the previous session when the browser signs in again (rotation)", async () => {
    const ctx = await context();
    await makeUser(ctx);
    const first = await signInAda(ctx);
    const second = await signInAda(ctx, { previousSessionToken: first.token });
    expect(second.token).not.toBe(first.token);
    expect(await authenticateSession(ctx, { token: first.token })).toBeNull();
    expect(await authenticateSession(ctx, { token: second.token })).not.toBeNull();
    const revoked = await ctx.db.selectFrom("sessions").select("revoked_at").where("id_hash", "=", sha256Hex(first.token)).executeTakeFirstOrThrow();
    expect(revoked.revoked_at).toEqual(ctx.clock.now());
  });

  it("refuses an inactive user even with the right password", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    await ctx.db.updateTable("users").set({ active: false }).where("id", "=", user.id).execute();
    const error = await appErrorOf(signInAda(ctx));
    expect(error.code).toBe("forbidden");
    expect(await countRows(ctx, "sessions")).toBe(0);
    expect(await ctx.db.selectFrom("login_attempts").select("ok").execute()).toEqual([{ ok: false }]);
  });

  it("upgrades a hash made with older parameters on a successful sign-in", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash(PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await ctx.db.updateTable("users").set({ password_hash: weak }).where("id", "=", user.id).execute();
    await signInAda(ctx);
    const row = await ctx.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/m=65536,t=2,p=1/);
  });
});
