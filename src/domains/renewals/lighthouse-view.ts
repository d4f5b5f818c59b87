import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Person } from "./renewal-view.js";
import type { LighthouseProgramRow, LighthouseStatus } from "./schema.js";

type Executor = Kysely<Database> | Transaction<Database>;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface LighthouseItem {
  id: string;
  account: { id: string; name: string; arr: number | null; renewalDate: string | null; healthBand: string | null };
  status: LighthouseStatus;
  entryReason: string;
  enteredAt: string;
  enteredBy: string;
  renewalId: string | null;
  execSponsor: Person | null;
  savePlan: string;
  successCriteria: string;
  lastUpdateAt: string | null;
  updatesCount: number;
  /** Whole weeks in the program (until the exit once exited). */
  weeksIn: number;
  exitedAt: string | null;
  exitedBy: string | null;
  exitNote: string | null;
}

export interface LighthouseUpdate {
  id: string;
  author: Person | null;
  authorLabel: string;
  body: string;
  createdAt: string;
}

export interface LighthouseDetail extends LighthouseItem {
  updates: LighthouseUpdate[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function programQuery(db: Executor) {
  return db
    .selectFrom("lighthouse_programs as p")
    .innerJoin("accounts as a", "a.id", "p.account_id")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .leftJoin("users as s", "s.id", "p.exec_sponsor_user_id")
    .selectAll("p")
    .select([
      "a.name as account_name",
      "a.arr as account_arr",
      "a.contract_end as account_contract_end",
      "h.band as account_health_band",
      "s.name as sponsor_name",
      sql<Date | null>`(select max(u.created_at) from lighthouse_updates u where u.program_id = p.id)`.as("last_update_at"),
      sql<string>`(select count(*) from lighthouse_updates u where u.program_id = p.id)`.as("updates_count"),
    ]);
}

type ProgramJoined = LighthouseProgramRow & {
  account_name: string;
  account_arr: number | null;
  account_contract_end: string | null;
  account_health_band: string | null;
  sponsor_name: string | null;
  last_update_at: Date | null;
  updates_count: string | number;
};

function toItem(ctx: AppContext, r: ProgramJoined): LighthouseItem {
  const end = r.exited_at ? new Date(r.exited_at) : ctx.clock.now();
  return {
    id: r.id,
    account: { id: r.account_id, name: r.account_name, arr: r.account_arr === null ? null : Number(r.account_arr), renewalDate: r.account_contract_end, healthBand: r.account_health_band },
    status: r.status,
    entryReason: r.entry_reason,
    enteredAt: new Date(r.entered_at).toISOString(),
    enteredBy: r.entered_by,
    renewalId: r.renewal_cycle_id,
    execSponsor: r.exec_sponsor_user_id && r.sponsor_name ? { id: r.exec_sponsor_user_id, name: r.sponsor_name } : null,
    savePlan: r.save_plan,
    successCriteria: r.success_criteria,
    lastUpdateAt: iso(r.last_update_at),
    updatesCount: Number(r.updates_count),
    weeksIn: Math.max(0, Math.floor((end.getTime() - new Date(r.entered_at).getTime()) / WEEK_MS)),
    exitedAt: iso(r.exited_at),
    exitedBy: r.exited_by,
    exitNote: r.exit_note,
  };
}

export interface LighthouseListQuery {
  status?: LighthouseStatus | "all" | undefined;
  limit: number;
  offset: number;
}

/** GET /lighthouse: active programs (or exited, or all), newest entry first. */
export async function listLighthouse(ctx: AppContext, q: LighthouseListQuery): Promise<{ items: LighthouseItem[]; total: number }> {
  const status = q.status ?? "active";
  let base = ctx.db.selectFrom("lighthouse_programs as p");
  if (status !== "all") base = base.where("p.status", "=", status);
  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirst();
  let rows = programQuery(ctx.db);
  if (status !== "all") rows = rows.where("p.status", "=", status);
  const found = await rows.orderBy("p.entered_at", "desc").orderBy("p.id").limit(q.limit).offset(q.offset).execute();
  return { items: found.map((r) => toItem(ctx, r as ProgramJoined)), total: Number(total?.n ?? 0) };
}

/** GET /lighthouse/:id with the updates thread, newest first (also the answer of the writes). */
export async function getLighthouse(ctx: AppContext, id: string, db: Executor = ctx.db): Promise<LighthouseDetail> {
  const r = (await programQuery(db).where("p.id", "=", id).executeTakeFirst()) as ProgramJoined | undefined;
  if (!r) throw notFound("Lighthouse program", id);
  const updates = await db
    .selectFrom("lighthouse_updates as u")
    .leftJoin("users as usr", "usr.id", "u.author_user_id")
    .select(["u.id", "u.author_user_id", "usr.name as author_name", "u.author", "u.body", "u.created_at"])
    .where("u.program_id", "=", id)
    .orderBy("u.created_at", "desc")
    .orderBy("u.id")
    .execute();
  return {
    ...toItem(ctx, r),
    updates: updates.map((u) => ({
      id: u.id,
      author: u.author_user_id && u.author_name ? { id: u.author_user_id, name: u.author_name } : null,
      authorLabel: u.author,
      body: u.body,
      createdAt: new Date(u.created_at).toISOString(),
    })),
  };
}

/** One update as POST /lighthouse/:id/updates answers it. */
export async function getLighthouseUpdate(db: Executor, id: string): Promise<LighthouseUpdate> {
  const u = await db
    .selectFrom("lighthouse_updates as u")
    .leftJoin("users as usr", "usr.id", "u.author_user_id")
    .select(["u.id", "u.author_user_id", "usr.name as author_name", "u.author", "u.body", "u.created_at"])
    .where("u.id", "=", id)
    .executeTakeFirstOrThrow();
  return { id: u.id, author: u.author_user_id && u.author_name ? { id: u.author_user_id, name: u.author_name } : null, authorLabel: u.author, body: u.body, createdAt: new Date(u.created_at).toISOString() };
}
