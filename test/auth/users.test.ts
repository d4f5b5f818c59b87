import { describe, expect, it } from "vitest";
import { createUser } from "../../src/platform/auth/create-user.js";
import { updateUser } from "../../src/platform/auth/update-user.js";
import { setPassword } from "../../src/platform/auth/set-password.js";
import { listUsers } from "../../src/platform/auth/list-users.js";
import { ensureInitialAdmin } from "../../src/platform/auth/ensure-initial-admin.js";
import { signIn } from "../../src/platform/auth/sign-in.js";
import { authenticateSession } from "../../src/platform/auth/authenticate-session.js";
import { actorFromUser } from "../../src/platform/auth/actors.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { PASSWORD, appErrorOf, countRows, makeUser, signInAda, useTestContext } from "./auth-fixtures.js";

const context = useTestContext();
const admin = systemActor("test admin");

describe("creating users", () => {
  it("normalises the email, stores no readable password and audits the creation without the hash", async () => {
    const ctx = await context();
    const user = await makeUser(ctx, { email: "  Ada@Example.COM ", bookingUrl: "https://cal.example.com/ada" });
    expect(user).toMatchObject({ email: "ada@example.com", role: "ce", hasPassword: true, active: true });
    expect(user).not.toHaveProperty("password_hash");
    expect(user.createdAt).toEqual(ctx.clock.now());
    const audit = await ctx.db.selectFrom("audit_log").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "user.created", subject_id: user.id, actor_label: "test" });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|correct horse/);
  });

  it("refuses a duplicate email (whatever its case) with already_exists and writes nothing", async () => {
    const ctx = await context();
    await makeUser(ctx);
    const before = { users: await countRows(ctx, "users"), audit: await countRows(ctx, "audit_log") };
    const error = await appErrorOf(makeUser(ctx, { email: "ADA@example.com", name: "Other Ada" }));
    expect(error.code).toBe("already_exists");
    expect(error.message).toBe("A user with the email ada@example.com already exists.");
    expect({ users: await countRows(ctx, "users"), audit: await countRows(ctx, "audit_log") }).toEqual(before);
  });

  it("refuses bad fields with validation_failed naming the field, and writes nothing", async () => {
    const ctx = await context();
    const cases = [
      [{ email: "not-an-email" }, "email"],
      [{ name: "   " }, "name"],
      [{ role: "wizard" }, "role"],
      [{ password: "too short" }, "password"],
      [{ password: "ada@example.com" }, "password"],
      [{ bookingUrl: "http://cal.example.com/ada" }, "bookingUrl"],
    ] as const;
    for (const [override, field] of cases) {
      const error = await appErrorOf(makeUser(ctx, override));
      expect(error.code).toBe("validation_failed");
      expect(error.details).toEqual({ field });
    }
    expect(await countRows(ctx, "users")).toBe(0);
    expect(await countRows(ctx, "audit_log")).toBe(0);
  });

  it("creates a user without a password who cannot sign in until one is set", async () => {
    const ctx = await context();
    const user = await makeUser(ctx, { password: undefined });
    expect(user.hasPassword).toBe(false);
    expect((await appErrorOf(signInAda(ctx))).code).toBe("invalid_credentials");
    await setPassword(ctx, { userId: user.id, password: PASSWORD, actor: admin });
    expect((await signInAda(ctx)).user.id).toBe(user.id);
  });
});

describe("updating users", () => {
  it("audits only the fields that changed, never the hash", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const updated = await updateUser(ctx, { id: user.id, name: "Ada King", role: "ce", bookingUrl: "https://cal.example.com/a", actor: admin });
    expect(updated).toMatchObject({ name: "Ada King", bookingUrl: "https://cal.example.com/a" });
    const row = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "user.updated").executeTakeFirstOrThrow();
    expect(row.data).toEqual({
      email: "ada@example.com",
      changes: { name: { from: "Ada Lovelace", to: "Ada King" }, bookingUrl: { from: null, to: "https://cal.example.com/a" } },
    });
  });

  it("deactivating a user ends their sessions and refuses their sign-in", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const session = await signInAda(ctx);
    await updateUser(ctx, { id: user.id, active: false, actor: admin });
    expect(await authenticateSession(ctx, { token: session.token })).toBeNull();
    const error = await appErrorOf(signInAda(ctx));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe("This account is deactivated. Ask an admin to reactivate it.");
  });

  it("keeps at least one active admin", async () => {
    const ctx = await context();
    const only = await makeUser(ctx, { email: "root@example.com", role: "admin" });
    expect((await appErrorOf(updateUser(ctx, { id: only.id, role: "ce", actor: admin }))).code).toBe("invalid_state");
    expect((await appErrorOf(updateUser(ctx, { id: only.id, active: false, actor: admin }))).code).toBe("invalid_state");
    await makeUser(ctx, { email: "second@example.com", role: "admin" });
    expect((await updateUser(ctx, { id: only.id, role: "ce", actor: admin })).role).toBe("ce");
  });

  it("answers not_found for an unknown or malformed id", async () => {
    const ctx = await context();
    for (const id of ["3f0b6c1e-0000-4000-8000-000000000000", "nope"]) {
      expect((await appErrorOf(updateUser(ctx, { id, name: "X", actor: admin }))).code).toBe("not_found");
    }
  });
});

describe("setting passwords", () => {
  it("asks people changing their own password for the current one and signs out their other sessions", async () => {
    const ctx = await context();
    const user = await makeUser(ctx);
    const here = await signInAda(ctx);
    const elsewhere = await signInAda(ctx);
    const self = actorFromUser(user);
    const wrong = await appErrorOf(setPassword(ctx, { userId: user.id, password: "a brand new secret", currentPassword: "wrong", actor: self }));
    expect(wrong.code).toBe("invalid_credentials");

    await setPassword(ctx, { userId: user.id, password: "a brand new secret", currentPassword: PASSWORD, keepSessionToken: here.token, actor: self });
    expect(await authenticateSession(ctx, { token: here.token })).not.toBeNull();
    expect(await authenticateSession(ctx, { token: elsewhere.token })).toBeNull();
    expect((await appErrorOf(signInAda(ctx))).code).toBe("invalid_credentials");
    await signIn(ctx, { email: user.email, password: "a brand new secret", ip: "192.0.2.1" });
  });
});

describe("listing users", () => {
  it("lists active users by name, optionally by role or with the inactive ones", async () => {
    const ctx = await context();
    await makeUser(ctx, { email: "zed@example.com", name: "Zed", role: "ae" });
    const bea = await makeUser(ctx, { email: "bea@example.com", name: "Bea", role: "ce" });
    await makeUser(ctx, { email: "root@example.com", name: "Root", role: "admin" });
    await updateUser(ctx, { id: bea.id, active: false, actor: admin });
    expect((await listUsers(ctx)).map((u) => u.name)).toEqual(["Root", "Zed"]);
    expect((await listUsers(ctx, { includeInactive: true })).map((u) => u.name)).toEqual(["Bea", "Root", "Zed"]);
    expect((await listUsers(ctx, { role: "ae" })).map((u) => u.name)).toEqual(["Zed"]);
  });
});

describe("first start", () => {
  it("creates the initial admin once with a usable random password, then returns null", async () => {
    const ctx = await context({ config: { initialAdminEmail: "Boss@Example.com" } });
    const first = await ensureInitialAdmin(ctx);
    expect(first?.user).toMatchObject({ email: "boss@example.com", role: "admin", hasPassword: true });
    expect(first?.password.length).toBeGreaterThanOrEqual(20);
    expect(await ensureInitialAdmin(ctx)).toBeNull();
    expect(await countRows(ctx, "users")).toBe(1);
    const session = await signIn(ctx, { email: "boss@example.com", password: first?.password ?? "", ip: "192.0.2.1" });
    expect(session.user.role).toBe("admin");
  });

  it("does nothing when users already exist", async () => {
    const ctx = await context();
    await createUser(ctx, { email: "someone@example.com", name: "Someone", role: "ce", actor: admin });
    expect(await ensureInitialAdmin(ctx)).toBeNull();
    expect(await countRows(ctx, "users")).toBe(1);
  });
});
