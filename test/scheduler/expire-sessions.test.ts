import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { runDue } from "../../src/platform/scheduler/scheduler.js";
import { createRuleRegistry } from "../../src/platform/scheduler/scheduled-rule.js";
import { platformRules } from "../../src/platform/scheduler/rules/index.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { T0, at } from "./scheduler-test-kit.js";

const RULE = "platform.sessions-expire";
const HOUR = 3_600_000;
let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

/** Sessions and login attempts around T0 (Monday 2026-01-05 09:00 UTC). */
async function sessionWorld(): Promise<TestContext> {
  const c = await createTestContext({ now: T0 });
  ctx = c;
  const userId = randomUUID();
  await c.db
    .insertInto("users")
    .values({ id: userId, email: "u@example.com", name: "U", role: "admin", password_hash: null, booking_url: null, updated_at: T0 })
    .execute();
  const session = (id: string, expiresAt: Date, revokedAt: Date | null = null) => ({
    id_hash: id, user_id: userId, csrf_token: "c", created_at: at(-1), last_seen_at: at(-1),
    expires_at: expiresAt, ip: null, user_agent: null, revoked_at: revokedAt,
  });
  await c.db
    .insertInto("sessions")
    .values([
      session("in-an-hour", new Date(T0.getTime() + HOUR)),
      session("in-3-days", at(3)),
      session("in-60-days", at(60)),
      session("revoked-before", new Date(T0.getTime() - HOUR), at(-1)),
    ])
    .execute();
  const attempt = (email: string, when: Date) => ({ email, ip: "10.0.0.1", at: when, ok: false });
  await c.db
    .insertInto("login_attempts")
    .values([attempt("40-days-ago", at(-40)), attempt("20-days-ago", at(-20)), attempt("in-20-days", at(20))])
    .execute();
  return c;
}

const revokedAt = async (c: TestContext) =>
  Object.fromEntries(
    (await c.db.selectFrom("sessions").select(["id_hash", "revoked_at"]).execute()).map((s) => [s.id_hash, s.revoked_at?.toISOString() ?? null]),
  );
const attemptsLeft = async (c: TestContext) =>
  (await c.db.selectFrom("login_attempts").select("email").orderBy("email").execute()).map((a) => a.email);

describe("platform.sessions-expire", () => {
  it("sweeps at 00:00 UTC after each expiry while time advances, and only on days with work", async () => {
    const c = await sessionWorld();
    await advanceClock(c, createRuleRegistry(platformRules), { by: 45 * 24 * HOUR, actor: systemActor("test") });

    expect(await revokedAt(c)).toEqual({
      "in-an-hour": "2026-01-06T00:00:00.000Z",
      "in-3-days": "2026-01-09T00:00:00.000Z",
      "in-60-days": null,
      "revoked-before": at(-1).toISOString(),
    });
    expect(await attemptsLeft(c)).toEqual(["in-20-days"]);
    const firings = await c.db.selectFrom("scheduler_firings").select(["period_key", "due_at"]).where("rule_id", "=", RULE).orderBy("period_key").execute();
    // Day 0: the 40-day-old attempt was already due at T0; day 11: the 20-day-old one turned 30.
    expect(firings.map((f) => f.period_key)).toEqual(["2026-01-05", "2026-01-06", "2026-01-09", "2026-01-16"]);
    const audits = await c.db.selectFrom("audit_log").select(["data", "rule_id", "actor_type"]).where("action", "=", "sessions.expired").orderBy("id").execute();
    expect(audits.map((a) => a.data)).toEqual([
      { period: "2026-01-05", revokedSessions: 0, deletedLoginAttempts: 1 },
      { period: "2026-01-06", revokedSessions: 1, deletedLoginAttempts: 0 },
      { period: "2026-01-09", revokedSessions: 1, deletedLoginAttempts: 0 },
      { period: "2026-01-16", revokedSessions: 0, deletedLoginAttempts: 1 },
    ]);
    expect(audits.every((a) => a.rule_id === RULE && a.actor_type === "rule")).toBe(true);
  });

  it("catches up on every missed day with one sweep after downtime, and only once a day", async () => {
    const c = await sessionWorld();
    const registry = createRuleRegistry(platformRules);
    c.clock.set(at(45));
    const first = await runDue(c, registry, { workerId: "w" });
    const again = await runDue(c, registry, { workerId: "w" });

    expect(first.fired).toEqual({ [RULE]: 1 });
    expect(again.fired).toEqual({});
    const revoked = await revokedAt(c);
    expect([revoked["in-an-hour"], revoked["in-3-days"], revoked["in-60-days"]]).toEqual([at(45).toISOString(), at(45).toISOString(), null]);
    expect(await attemptsLeft(c)).toEqual(["in-20-days"]);
    const firings = await c.db.selectFrom("scheduler_firings").select(["period_key", "due_at"]).execute();
    expect(firings).toEqual([{ period_key: "2026-02-19", due_at: new Date("2026-02-19T00:00:00Z") }]);
  });
});
