import { randomUUID } from "node:crypto";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { advance, daysFromToday, type BookWorld } from "../handoff/book-fixtures.js";

export { advance, bookWorld, counts, daysFromToday, mailAbout, mailTo, tasksOf, today, accountRow, firings, type BookWorld } from "../handoff/book-fixtures.js";

let n = 0;

export interface CustomerSeed {
  name?: string;
  /** Days from today to the renewal date (contract_end). */
  renewsIn?: number;
  contractEnd?: string | null;
  arr?: number | null;
  seats?: number | null;
  taUserId?: string | null;
  aeUserId?: string | null;
  accountType?: string;
  inBook?: boolean;
}

/** An in-book customer account (as H5 close leaves it) renewing `renewsIn` days from today. */
export async function makeCustomer(w: BookWorld, s: CustomerSeed = {}): Promise<{ id: string; name: string }> {
  n += 1;
  const id = randomUUID();
  const name = s.name ?? `Renewco ${n}`;
  const now = w.server.ctx.clock.now();
  const pack = w.server.ctx.packs.current();
  const contractEnd = s.contractEnd === undefined ? daysFromToday(w, s.renewsIn ?? 200) : s.contractEnd;
  await w.server.ctx.db
    .insertInto("accounts")
    .values({
      id,
      name,
      domain: `renewco${n}.example`,
      account_type: s.accountType ?? pack.accounts.types.customer,
      customer: true,
      closed_on: daysFromToday(w, -200),
      developers: 800,
      arr: s.arr === undefined ? 200_000 : s.arr,
      seats: s.seats === undefined ? 100 : s.seats,
      contract_start: contractEnd ? daysFromToday(w, -165) : null,
      contract_end: contractEnd,
      ae_user_id: s.aeUserId === undefined ? w.ae.id : s.aeUserId,
      ce_user_id: w.ce.id,
      ta_user_id: s.taUserId === undefined ? w.ta.id : s.taUserId,
      ta_assigned_at: now,
      segment: "Enterprise",
      in_book_at: s.inBook === false ? null : now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name };
}

export async function api(w: BookWorld, method: "GET" | "POST" | "PUT" | "PATCH", url: string, role: Role, payload?: Record<string, unknown>) {
  return w.server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${await w.server.tokenFor(role)}` },
    ...(payload ? { payload } : {}),
  });
}

/** A request that must answer `status` (default 200); returns the JSON body. */
export async function must<T = Record<string, unknown>>(w: BookWorld, method: "GET" | "POST" | "PUT" | "PATCH", url: string, role: Role, payload?: Record<string, unknown>, status = 200): Promise<T> {
  const res = await api(w, method, url, role, payload);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** The cycles of an account, oldest renewal first. */
export const cyclesOf = (w: BookWorld, accountId: string) =>
  w.server.ctx.db.selectFrom("renewal_cycles").selectAll().where("account_id", "=", accountId).orderBy("renewal_date").execute();

export const docsOf = (w: BookWorld, accountId: string) => w.server.ctx.db.selectFrom("docs").selectAll().where("account_id", "=", accountId).orderBy("created_at").execute();

export const programsOf = (w: BookWorld, accountId: string) =>
  w.server.ctx.db.selectFrom("lighthouse_programs").selectAll().where("account_id", "=", accountId).orderBy("entered_at").execute();

export async function eventsOf(w: BookWorld, accountId: string, kindPrefix: string): Promise<{ kind: string; summary: string }[]> {
  return w.server.ctx.db
    .selectFrom("timeline_events")
    .select(["kind", "summary"])
    .where("subject_type", "=", "account")
    .where("subject_id", "=", accountId)
    .where("kind", "like", `${kindPrefix}%`)
    .orderBy("id")
    .execute();
}

/** A customer whose renewal cycle is open (renewing in `renewsIn` days, default 100): the account and the cycle id. */
export async function openRenewal(w: BookWorld, s: CustomerSeed = {}): Promise<{ id: string; name: string; renewalId: string }> {
  const a = await makeCustomer(w, { renewsIn: 100, ...s });
  await advance(w, 0.01);
  const cycle = (await cyclesOf(w, a.id))[0];
  if (!cycle) throw new Error(`no cycle opened for ${a.name}`);
  return { ...a, renewalId: cycle.id };
}

/** How an API token of the test server signs its changes (rated_by, timeline actor label…). */
export const tokenLabel = (role: Role): string => `API token "test ${role}"`;
