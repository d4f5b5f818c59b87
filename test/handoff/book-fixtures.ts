import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import type { AccountRow } from "../../src/domains/accounts/schema.js";
import { createInstance } from "../../src/domains/instances/create-instance.js";
import { addDays, dayOf } from "../../src/domains/usage/days.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { allRules } from "../../src/runtime/rules.js";
import { startSmtpListener, type ReceivedEmail, type SmtpListener } from "../support/smtp-listener.js";
import { createTestServer, type TestServer } from "../support/test-server.js";

export { DAY_MS };
const test = systemActor("test");

export interface Person {
  id: string;
  email: string;
  name: string;
}

/** A server with SMTP on loopback, the real outbox worker, and the people the hand-off involves. */
export interface BookWorld {
  server: TestServer;
  smtp: SmtpListener;
  worker: OutboxWorker;
  leadership: Person;
  ae: Person;
  ce: Person;
  ta: Person;
  ta2: Person;
  ie: Person;
  cloudOps: Person;
  close(): Promise<void>;
}

export async function bookWorld(): Promise<BookWorld> {
  const smtp = await startSmtpListener();
  const keys = mkdtempSync(join(tmpdir(), "trellis-book-"));
  const server = await createTestServer({ config: { smtpUrl: smtp.url, mailFrom: "Trellis <ops@trellis.test>", licenseKeysDir: join(keys, "keys") } });
  const ctx = server.ctx;
  const person = async (role: Role, key: string, name: string): Promise<Person> => {
    const email = `${key}@trellis.example`;
    const user = await createUser(ctx, { email, name, role, actor: test });
    return { id: user.id, email, name };
  };
  const worker = new OutboxWorker(ctx, { handlers: createChannelHandlers(ctx), workerId: "book-test", concurrency: 4, pollMs: 50, leaseSeconds: 60, random: () => 0.5, listenUrl: false });
  return {
    server,
    smtp,
    worker,
    leadership: await person("leadership", "lee-leader", "Lee Leader"),
    ae: await person("ae", "alan-ae", "Alan AE"),
    ce: await person("ce", "cleo-ce", "Cleo CE"),
    ta: await person("ta", "tina-ta", "Tina TA"),
    ta2: await person("ta", "theo-ta", "Theo TA"),
    ie: await person("ce", "ian-ie", "Ian IE"),
    cloudOps: await person("cloud_ops", "cody-ops", "Cody Ops"),
    async close() {
      await server.close();
      await smtp.close();
      rmSync(keys, { recursive: true, force: true });
    },
  };
}

export const today = (w: BookWorld): string => dayOf(w.server.ctx.clock.now());
export const daysFromToday = (w: BookWorld, n: number): string => addDays(today(w), n);

let n = 0;

export interface AccountSeed {
  name?: string;
  expectedCloseDate?: string | null;
  developers?: number | null;
  arr?: number | null;
  seats?: number | null;
  aeUserId?: string | null;
  ceUserId?: string | null;
  ieUserId?: string | null;
  crmId?: string | null;
}

/** An account as helper A's POST leaves it (built directly: the hand-off is tested on its own). */
export async function makeAccount(w: BookWorld, s: AccountSeed = {}): Promise<{ id: string; name: string }> {
  n += 1;
  const id = randomUUID();
  const name = s.name ?? `Bookco ${n}`;
  const now = w.server.ctx.clock.now();
  await w.server.ctx.db
    .insertInto("accounts")
    .values({
      id,
      name,
      domain: `bookco${n}.example`,
      crm_id: s.crmId ?? null,
      expected_close_date: s.expectedCloseDate === undefined ? daysFromToday(w, 60) : s.expectedCloseDate,
      developers: s.developers === undefined ? 800 : s.developers,
      arr: s.arr === undefined ? 120_000 : s.arr,
      seats: s.seats === undefined ? 100 : s.seats,
      ae_user_id: s.aeUserId === undefined ? w.ae.id : s.aeUserId,
      ce_user_id: s.ceUserId === undefined ? w.ce.id : s.ceUserId,
      ie_user_id: s.ieUserId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name };
}

export async function call(w: BookWorld, method: "POST" | "DELETE", url: string, role: Role, payload?: Record<string, unknown>) {
  return w.server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await w.server.tokenFor(role)}` },
    ...(payload ? { payload } : {}),
  });
}

/** POST that must succeed; returns the AccountDetail. */
export async function ok(w: BookWorld, url: string, role: Role, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await call(w, "POST", url, role, payload);
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const setSupportLevel = (w: BookWorld, id: string, level = "Dedicated TA") => ok(w, `/api/v1/accounts/${id}/support-level`, "leadership", { level });
export const assignTa = (w: BookWorld, id: string, taUserId: string) => ok(w, `/api/v1/accounts/${id}/ta`, "leadership", { taUserId });

export interface CloseBody {
  closedOn?: string;
  contractStart?: string;
  contractEnd?: string;
  arr?: number;
  seats?: number;
  deployment?: "cloud_managed" | "self_hosted";
  adminEmail?: string;
  licenseTags?: string[];
}

export const closeBody = (w: BookWorld, b: CloseBody = {}): Record<string, unknown> => ({
  closedOn: b.closedOn ?? today(w),
  contractStart: b.contractStart ?? b.closedOn ?? today(w),
  contractEnd: b.contractEnd ?? daysFromToday(w, 365),
  arr: b.arr ?? 120_000,
  seats: b.seats ?? 100,
  deployment: b.deployment ?? "self_hosted",
  ...(b.adminEmail ? { adminEmail: b.adminEmail } : {}),
  ...(b.licenseTags ? { licenseTags: b.licenseTags } : {}),
});

export const closeAccount = (w: BookWorld, id: string, b: CloseBody = {}) => ok(w, `/api/v1/accounts/${id}/close`, "ae", closeBody(w, b));

/** An active instance of the account (kind production unless said), with its admin. */
export async function addInstance(w: BookWorld, accountId: string, o: { slug: string; adminEmail?: string; kind?: "trial" | "production" }): Promise<string> {
  const created = await createInstance(w.server.ctx, { slug: o.slug, name: o.slug, kind: o.kind ?? "production", adminEmail: o.adminEmail ?? null, actor: test });
  await w.server.ctx.db.updateTable("instances").set({ account_id: accountId }).where("id", "=", created.instance.id).execute();
  return created.instance.id;
}

/**
 * Rollups that give the instance `mau` monthly active users and `dau` daily actives on each of
 * the 28 days before `asOf` (default today), so an evaluation on `asOf` sees MAU `mau` and a
 * 4-week average DAU of exactly `dau`. Pass the day the evaluation will run (tomorrow's L.evaluate).
 */
export async function setUsage(w: BookWorld, instanceId: string, u: { mau: number; dau: number; asOf?: string }): Promise<void> {
  const db = w.server.ctx.db;
  const asOf = u.asOf ?? today(w);
  await db.deleteFrom("usage_users").where("instance_id", "=", instanceId).execute();
  await db.deleteFrom("usage_days").where("instance_id", "=", instanceId).execute();
  if (u.mau > 0) {
    await db
      .insertInto("usage_users")
      .values(Array.from({ length: u.mau }, (_, i) => ({ instance_id: instanceId, user_key: `u${i}`, first_seen_at: w.server.ctx.clock.now(), last_active_day: addDays(asOf, -1), traits: "{}" })))
      .execute();
  }
  await db
    .insertInto("usage_days")
    .values(Array.from({ length: 28 }, (_, i) => ({ instance_id: instanceId, day: addDays(asOf, -(i + 1)), active_users: u.dau, events: u.dau })))
    .execute();
}

/** Moves simulated time through the scheduler (each rule fires at its own due time), then delivers the outbox. */
export async function advance(w: BookWorld, days: number): Promise<Record<string, number>> {
  const result = await advanceClock(w.server.ctx, allRules(), { by: Math.round(days * DAY_MS), actor: test });
  if (result.ruleErrors.length > 0 || Object.keys(result.failed).length > 0) {
    throw new Error(`rules failed: ${JSON.stringify({ ruleErrors: result.ruleErrors, failed: result.failed })}`);
  }
  await w.worker.drain();
  return result.fired;
}

export const accountRow = (w: BookWorld, id: string): Promise<AccountRow> => w.server.ctx.db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Emails received for an address (to or cc), oldest first. */
export const mailTo = (w: BookWorld, address: string): ReceivedEmail[] => w.smtp.messages.filter((m) => m.envelopeTo.includes(address));

/** Emails about an account's name with a subject containing `text`. */
export const mailAbout = (w: BookWorld, address: string, text: string): ReceivedEmail[] => mailTo(w, address).filter((m) => m.subject.includes(text));

/** Messages of a feed by name ("#customer-success-alerts") about a record, oldest first. */
export async function feedMessages(w: BookWorld, name: string, subjectId?: string): Promise<{ text: string; rule_id: string | null }[]> {
  let q = w.server.ctx.db
    .selectFrom("channel_messages as m")
    .innerJoin("channels as c", "c.id", "m.channel_id")
    .select(["m.text", "m.rule_id"])
    .where("c.name", "=", name);
  if (subjectId) q = q.where("m.subject_id", "=", subjectId);
  return q.orderBy("m.id").execute();
}

export async function firings(w: BookWorld, ruleId: string, subjectId: string): Promise<{ period_key: string; due_at: Date }[]> {
  return w.server.ctx.db.selectFrom("scheduler_firings").select(["period_key", "due_at"]).where("rule_id", "=", ruleId).where("subject_id", "=", subjectId).orderBy("due_at").execute();
}

export async function stageHistory(w: BookWorld, accountId: string): Promise<{ from_stage: string | null; to_stage: string; reason: string; manual: boolean; rule_id: string | null }[]> {
  return w.server.ctx.db
    .selectFrom("account_stage_history")
    .select(["from_stage", "to_stage", "reason", "manual", "rule_id"])
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
}

export async function tasksOf(w: BookWorld, accountId: string) {
  return w.server.ctx.db.selectFrom("tasks").selectAll().where("account_id", "=", accountId).orderBy("due_on").orderBy("title").execute();
}

/** Row counts a refused request must leave untouched. */
export async function counts(w: BookWorld): Promise<Record<string, number>> {
  const db = w.server.ctx.db;
  const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
  const out: Record<string, number> = {};
  for (const t of ["timeline_events", "outbox", "subscriptions", "licenses", "tasks", "docs", "account_stage_history", "channel_messages"]) out[t] = await count(t);
  return out;
}
