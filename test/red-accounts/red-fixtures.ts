import { sql } from "kysely";
import { createUser } from "../../src/platform/auth/create-user.js";
import { recomputeAccountHealth } from "../../src/domains/health/recompute.js";
import { addDays, dayOf, previousMonth } from "../../src/domains/usage/days.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import type { TestServer } from "../support/test-server.js";
import { addInstance, makeAccount } from "../health/health-fixtures.js";

const test = systemActor("test");
let n = 0;

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface TeamAccount {
  id: string;
  instanceId: string;
  ae: Person;
  ce: Person;
  ta: Person;
}

async function person(s: TestServer, role: Role): Promise<Person> {
  n += 1;
  const email = `${role}.red${n}@trellis.example`;
  const name = `Red ${role.toUpperCase()} ${n}`;
  const user = await createUser(s.ctx, { email, name, role, actor: test });
  return { id: user.id, name, email };
}

/**
 * An account with its AE, CE and TA and one instance in good use: usage score 40/90 and
 * MAU/seats 0.9 are healthy, no tickets; the rest is missing, so it scores 100, green.
 */
export async function teamAccount(s: TestServer): Promise<TeamAccount> {
  const id = await makeAccount(s, { seats: 100 });
  const ae = await person(s, "ae");
  const ce = await person(s, "ce");
  const ta = await person(s, "ta");
  await s.ctx.db.updateTable("accounts").set({ ae_user_id: ae.id, ce_user_id: ce.id, ta_user_id: ta.id, arr: 120_000, contract_end: "2027-06-30" }).where("id", "=", id).execute();
  const instanceId = await addInstance(s, id, { lastMonthMau: 90, dau: 40 });
  return { id, instanceId, ae, ce, ta };
}

/** Rewrites the instance's last-month MAU and its daily actives of the last 28 days. */
export async function setUsage(s: TestServer, instanceId: string, u: { mau: number; dau: number }): Promise<void> {
  const today = dayOf(s.ctx.clock.now());
  await s.ctx.db.updateTable("usage_months").set({ active_users: u.mau }).where("instance_id", "=", instanceId).where("month", "=", previousMonth(today)).execute();
  await s.ctx.db
    .updateTable("usage_days")
    .set({ active_users: u.dau, events: u.dau })
    .where("instance_id", "=", instanceId)
    .where("day", ">=", addDays(today, -28))
    .execute();
}

/** Usage that makes the account red: usage score 5/42 and MAU/seats 0.42 are poor (Utilization 0). */
export const RED_USAGE = { mau: 42, dau: 5 } as const;
/** Usage that makes it green again. */
export const GREEN_USAGE = { mau: 90, dau: 40 } as const;

/** The on-change recompute (what a ticket, activity or usage ingest runs). */
export async function recompute(s: TestServer, accountId: string, cause = "usage"): Promise<void> {
  await s.ctx.db.transaction().execute((trx) => recomputeAccountHealth(trx, s.ctx, accountId, test, cause));
}

/** The account's tracker rows, oldest first (the simulated clock may not move between them: resolved ones first). */
export async function trackers(s: TestServer, accountId: string) {
  return s.ctx.db
    .selectFrom("red_accounts")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("opened_at")
    .orderBy(sql`resolved_at is null`)
    .orderBy("resolved_at")
    .execute();
}

/** Messages posted about the account to a feed, oldest first. */
export async function feedMessages(s: TestServer, channel: string, accountId: string): Promise<string[]> {
  const rows = await s.ctx.db
    .selectFrom("channel_messages as m")
    .innerJoin("channels as c", "c.id", "m.channel_id")
    .select("m.text")
    .where("c.name", "=", channel)
    .where("m.subject_id", "=", accountId)
    .orderBy("m.id")
    .execute();
  return rows.map((r) => r.text);
}

/** Queued emails whose idempotency key starts with the prefix: [to, subject]. */
export async function queuedEmails(s: TestServer, keyPrefix: string): Promise<{ to: string[]; subject: string; text: string }[]> {
  const rows = await s.ctx.db
    .selectFrom("outbox")
    .select("payload")
    .where("channel", "=", "email")
    .where("idempotency_key", "like", `${keyPrefix}%`)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.payload as unknown as { to: string[]; subject: string; text: string });
}

export async function call(s: TestServer, method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE", url: string, role: Role, payload?: Record<string, unknown>) {
  return s.app.inject({ method, url, headers: { authorization: `Bearer ${await s.tokenFor(role)}` }, ...(payload ? { payload } : {}) });
}
