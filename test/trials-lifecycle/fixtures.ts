import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createInstance } from "../../src/domains/instances/create-instance.js";
import { createTrialLicense } from "../../src/domains/licenses/create-trial-license.js";
import type { TrialRow } from "../../src/domains/trials/schema.js";
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

/** A server with SMTP on loopback, the real outbox worker, and one person per role the lifecycle mails. */
export interface LifecycleWorld {
  server: TestServer;
  smtp: SmtpListener;
  worker: OutboxWorker;
  growth: Person;
  ae: Person;
  sdr: Person;
  ce: Person;
  salesOps: Person;
  leadership: Person;
  close(): Promise<void>;
}

export async function lifecycleWorld(): Promise<LifecycleWorld> {
  const smtp = await startSmtpListener();
  const keys = mkdtempSync(join(tmpdir(), "trellis-lifecycle-"));
  const server = await createTestServer({ config: { smtpUrl: smtp.url, mailFrom: "Trellis <ops@trellis.test>", licenseKeysDir: join(keys, "keys") } });
  const ctx = server.ctx;
  const person = async (role: Role, name: string, bookingUrl?: string): Promise<Person> => {
    const email = `${role.replace("_", "-")}@trellis.example`;
    const user = await createUser(ctx, { email, name, role, actor: test, ...(bookingUrl ? { bookingUrl } : {}) });
    return { id: user.id, email, name };
  };
  const worker = new OutboxWorker(ctx, { handlers: createChannelHandlers(ctx), workerId: "lifecycle-test", concurrency: 4, pollMs: 50, leaseSeconds: 60, random: () => 0.5, listenUrl: false });
  return {
    server,
    smtp,
    worker,
    growth: await person("growth", "Grace Growth"),
    ae: await person("ae", "Alan AE"),
    sdr: await person("sdr", "Sam SDR"),
    ce: await person("ce", "Cleo CE", "https://calendar.example.com/cleo"),
    salesOps: await person("sales_ops", "Sol Salesops"),
    leadership: await person("leadership", "Lee Leader"),
    async close() {
      await server.close();
      await smtp.close();
      rmSync(keys, { recursive: true, force: true });
    },
  };
}

let n = 0;

export interface HandedOff {
  trialId: string;
  leadId: string;
  instanceId: string;
  ingestToken: string;
  slug: string;
  company: string;
  adminEmail: string;
  handedOffAt: Date;
}

export interface HandedOffOptions {
  growthUserId?: string | null;
  aeUserId?: string | null;
  sdrUserId?: string | null;
  ceUserId?: string | null;
  /** A key of pack leads.trialStatuses (default handedOff). */
  status?: "handedOff" | "pql";
}

/**
 * A trial as hand-off (T7) leaves it: the trial instance registered with its URL, the lead
 * `Trial Instance Handed Off`, the trial running until hand-off + trials.lengthDays, and the
 * T6 trial license. Built directly (the hand-off flow is tested on its own).
 */
export async function handedOffTrial(w: LifecycleWorld, o: HandedOffOptions = {}): Promise<HandedOff> {
  const ctx = w.server.ctx;
  const pack = ctx.packs.current();
  n += 1;
  const slug = `life${n}`;
  const company = `Lifeco ${n}`;
  const domain = `lifeco${n}.example`;
  const adminEmail = `admin@${domain}`;
  const now = ctx.clock.now();
  const created = await createInstance(ctx, { slug, name: company, kind: "trial", company, adminEmail, actor: test });
  const instanceId = created.instance.id;
  const leadId = randomUUID();
  const trialId = randomUUID();
  const endsAt = new Date(now.getTime() + pack.trials.lengthDays * DAY_MS);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("instances").set({ url: `https://${slug}.cloud.example` }).where("id", "=", instanceId).execute();
    await trx
      .insertInto("leads")
      .values({
        id: leadId,
        email: adminEmail,
        email_domain: domain,
        name: `Admin ${n}`,
        company,
        fields: "{}",
        campaign: pack.leads.campaign,
        status: pack.leads.trialStatuses[o.status ?? "handedOff"],
        checks: "[]",
        existing_instance_ids: "[]",
        sdr_user_id: o.sdrUserId ?? null,
        ae_user_id: o.aeUserId ?? null,
        ce_user_id: o.ceUserId ?? null,
        qualified_at: now,
        handed_off_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto("trials")
      .values({
        id: trialId,
        lead_id: leadId,
        state: "running",
        slug,
        company,
        admin_email: adminEmail,
        admin_name: `Admin ${n}`,
        instance_id: instanceId,
        growth_user_id: o.growthUserId === undefined ? w.growth.id : o.growthUserId,
        provisioner: "manual",
        approved_at: now,
        ready_at: now,
        handed_off_at: now,
        ends_at: endsAt,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await createTrialLicense(trx, ctx, { trialId, customerName: company, expiresAt: endsAt, actor: test });
  });
  return { trialId, leadId, instanceId, ingestToken: created.ingestToken, slug, company, adminEmail, handedOffAt: now };
}

/** Moves simulated time through the scheduler (each rule fires at its own due time), then delivers the outbox. */
export async function advance(w: LifecycleWorld, days: number): Promise<Record<string, number>> {
  const result = await advanceClock(w.server.ctx, allRules(), { by: Math.round(days * DAY_MS), actor: test });
  // A rule that cannot evaluate or fire is a bug here, not something to retry later.
  if (result.ruleErrors.length > 0 || Object.keys(result.failed).length > 0) {
    throw new Error(`rules failed: ${JSON.stringify({ ruleErrors: result.ruleErrors, failed: result.failed })}`);
  }
  await w.worker.drain();
  return result.fired;
}

export const trialRow = (w: LifecycleWorld, id: string): Promise<TrialRow> =>
  w.server.ctx.db.selectFrom("trials").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

export const leadRow = (w: LifecycleWorld, id: string) => w.server.ctx.db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

export const instanceRow = (w: LifecycleWorld, id: string) => w.server.ctx.db.selectFrom("instances").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

/** Emails received for an address (to or cc), oldest first. */
export const mailTo = (w: LifecycleWorld, address: string): ReceivedEmail[] => w.smtp.messages.filter((m) => m.envelopeTo.includes(address));

/** Firings recorded for a rule and trial (exactly-once proof). */
export async function firings(w: LifecycleWorld, ruleId: string, trialId: string): Promise<{ period_key: string; due_at: Date }[]> {
  return w.server.ctx.db
    .selectFrom("scheduler_firings")
    .select(["period_key", "due_at"])
    .where("rule_id", "=", ruleId)
    .where("subject_id", "=", trialId)
    .orderBy("due_at")
    .execute();
}

/** Timeline kinds of a record, oldest first, with the rule that caused each. */
export async function timeline(w: LifecycleWorld, type: string, id: string): Promise<{ kind: string; rule_id: string | null; pack_version: string | null; summary: string }[]> {
  return w.server.ctx.db
    .selectFrom("timeline_events")
    .select(["kind", "rule_id", "pack_version", "summary"])
    .where("subject_type", "=", type)
    .where("subject_id", "=", id)
    .orderBy("id")
    .execute();
}

/** Messages of a channel by name ("#cloud-trial-alerts"), oldest first. */
export async function channelMessages(w: LifecycleWorld, name: string): Promise<{ text: string; subject_id: string | null; rule_id: string | null }[]> {
  return w.server.ctx.db
    .selectFrom("channel_messages as m")
    .innerJoin("channels as c", "c.id", "m.channel_id")
    .select(["m.text", "m.subject_id", "m.rule_id"])
    .where("c.name", "=", name)
    .orderBy("m.id")
    .execute();
}

/** Everything a refused request must leave untouched, to compare before and after. */
export async function snapshot(w: LifecycleWorld): Promise<Record<string, unknown>> {
  const db = w.server.ctx.db;
  const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);
  return {
    trials: await db.selectFrom("trials").selectAll().orderBy("id").execute(),
    leads: await db.selectFrom("leads").selectAll().orderBy("id").execute(),
    instances: await db.selectFrom("instances").select(["id", "kind", "status", "seats"]).orderBy("id").execute(),
    timeline: await count("timeline_events"),
    outbox: await count("outbox"),
    licenses: await count("licenses"),
    subscriptions: await count("subscriptions"),
    channels: await count("channels"),
    messages: await count("channel_messages"),
  };
}
