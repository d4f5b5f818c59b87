import { randomUUID } from "node:crypto";
import { createInstance } from "../../src/domains/instances/create-instance.js";
import { addDays, dayOf, previousMonth } from "../../src/domains/usage/days.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { allRules } from "../../src/runtime/rules.js";
import type { TestServer } from "../support/test-server.js";

const test = systemActor("test");
let n = 0;

/** An account row as the customer book leaves it (built directly: health is tested on its own). */
export async function makeAccount(s: TestServer, o: { seats?: number | null; segment?: string | null } = {}): Promise<string> {
  n += 1;
  const id = randomUUID();
  const now = s.ctx.clock.now();
  await s.ctx.db
    .insertInto("accounts")
    .values({ id, name: `Healthco ${n}`, domain: `healthco${n}.example`, seats: o.seats === undefined ? 100 : o.seats, segment: o.segment ?? null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export interface InstanceUsage {
  /** usage_state.version */
  version?: string | null;
  preciseCodeIntel?: boolean | null;
  /** Last calendar month's MAU (usage_months). */
  lastMonthMau?: number;
  /** DAU on each of the 28 days before today (usage_days). */
  dau?: number;
}

/** An active instance of the account with its usage rollups. */
export async function addInstance(s: TestServer, accountId: string, u: InstanceUsage = {}): Promise<string> {
  n += 1;
  const created = await createInstance(s.ctx, { slug: `health${n}`, name: `health${n}`, kind: "production", adminEmail: null, actor: test });
  const id = created.instance.id;
  const db = s.ctx.db;
  const now = s.ctx.clock.now();
  const today = dayOf(now);
  await db.updateTable("instances").set({ account_id: accountId }).where("id", "=", id).execute();
  await db
    .insertInto("usage_state")
    .values({ instance_id: id, version: u.version ?? null, precise_code_intel: u.preciseCodeIntel ?? null, pql_criteria: "[]", updated_at: now })
    .onConflict((oc) => oc.column("instance_id").doUpdateSet({ version: u.version ?? null, precise_code_intel: u.preciseCodeIntel ?? null }))
    .execute();
  if (u.lastMonthMau !== undefined) await db.insertInto("usage_months").values({ instance_id: id, month: previousMonth(today), active_users: u.lastMonthMau }).execute();
  if (u.dau !== undefined) {
    const dau = u.dau;
    await db
      .insertInto("usage_days")
      .values(Array.from({ length: 28 }, (_, i) => ({ instance_id: id, day: addDays(today, -(i + 1)), active_users: dau, events: dau })))
      .execute();
  }
  return id;
}

/** A support ticket opened `daysAgo` days ago (written directly: H2 owns the ticket API). */
export async function addTicket(s: TestServer, accountId: string, kind: "defect" | "help", daysAgo: number): Promise<void> {
  const now = s.ctx.clock.now();
  await s.ctx.db
    .insertInto("support_tickets")
    .values({ id: randomUUID(), account_id: accountId, source: "api", external_id: null, kind, severity: null, subject: null, opened_at: new Date(now.getTime() - daysAgo * DAY_MS), closed_at: null, created_at: now, updated_at: now })
    .execute();
}

/** A logged activity `daysAgo` days ago. */
export async function addActivity(s: TestServer, accountId: string, daysAgo: number): Promise<void> {
  const now = s.ctx.clock.now();
  await s.ctx.db
    .insertInto("account_activities")
    .values({ id: randomUUID(), account_id: accountId, kind: "call", at: new Date(now.getTime() - daysAgo * DAY_MS), summary: "Check-in call", user_id: null, created_by: "test", created_at: now })
    .execute();
}

export async function api(s: TestServer, method: "GET" | "PUT" | "POST", url: string, role: Role, payload?: Record<string, unknown>) {
  return s.app.inject({ method, url, headers: { authorization: `Bearer ${await s.tokenFor(role)}` }, ...(payload ? { payload } : {}) });
}

/** Moves simulated time through the scheduler (the daily rules fire at 00:00 UTC). */
export async function advanceDays(s: TestServer, days: number): Promise<void> {
  const result = await advanceClock(s.ctx, allRules(), { by: Math.round(days * DAY_MS), actor: test });
  if (result.ruleErrors.length > 0) throw new Error(`rules failed: ${JSON.stringify(result.ruleErrors)}`);
}

export async function timeline(s: TestServer, accountId: string): Promise<{ action: string; summary: string }[]> {
  return s.ctx.db
    .selectFrom("timeline_events")
    .select(["kind as action", "summary"])
    .where("subject_type", "=", "account")
    .where("subject_id", "=", accountId)
    .orderBy("id")
    .execute();
}
