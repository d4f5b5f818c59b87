import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import { dayOf } from "../usage/days.js";
import type { RedAccountRow, RedTrigger } from "./schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

export interface PersonRef {
  id: string;
  name: string;
}

export interface RedAccountItem {
  id: string;
  account: {
    id: string;
    name: string;
    segment: string | null;
    arr: number | null;
    renewalDate: string | null;
    aeUser: PersonRef | null;
    ceUser: PersonRef | null;
    taUser: PersonRef | null;
  };
  trigger: RedTrigger;
  reason: string;
  scoreAtOpen: number | null;
  /** The account's band and score now. */
  band: string | null;
  score: number | null;
  openedAt: Date;
  openedBy: string;
  /** Whole days from opening to resolution (or to now while open). */
  daysOpen: number;
  currentState: string;
  businessNeeds: string;
  actions: { open: number; overdue: number; total: number };
  lastCommentAt: Date | null;
  updatedAt: Date;
  updatedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface RedAccountActionView {
  id: string;
  title: string;
  owner: PersonRef | null;
  dueOn: string | null;
  doneAt: Date | null;
  doneBy: string | null;
  createdAt: Date;
  createdBy: string;
}

export interface RedAccountCommentView {
  id: string;
  author: PersonRef | null;
  authorLabel: string;
  body: string;
  createdAt: Date;
}

/** The list item, with the action plan itself as `actions` (its counts move to `actionCounts`). */
export interface RedAccountDetail extends Omit<RedAccountItem, "actions"> {
  actionCounts: RedAccountItem["actions"];
  actions: RedAccountActionView[];
  comments: RedAccountCommentView[];
}

export type RedAccountStatus = "open" | "resolved" | "all";

export interface ListRedAccountsOptions {
  status: RedAccountStatus;
  /** A user on the account team (AE, CE or TA). */
  owner?: string | undefined;
  accountId?: string | undefined;
  limit: number;
  offset: number;
}

const day = (v: string | Date | null): string | null => (v === null ? null : typeof v === "string" ? v.slice(0, 10) : v.toISOString().slice(0, 10));
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** S3 tracker rows, open ones newest first (resolved: most recently resolved first), with counts for the list. */
export async function listRedAccounts(ctx: Pick<AppContext, "db" | "clock">, o: ListRedAccountsOptions): Promise<{ items: RedAccountItem[]; total: number }> {
  let q = ctx.db.selectFrom("red_accounts as r").innerJoin("accounts as a", "a.id", "r.account_id");
  if (o.status === "open") q = q.where("r.resolved_at", "is", null);
  if (o.status === "resolved") q = q.where("r.resolved_at", "is not", null);
  if (o.accountId) q = q.where("r.account_id", "=", o.accountId);
  const owner = o.owner;
  if (owner) q = q.where((eb) => eb.or([eb("a.ae_user_id", "=", owner), eb("a.ce_user_id", "=", owner), eb("a.ta_user_id", "=", owner)]));
  const total = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll("r")
    .orderBy(sql`r.resolved_at is null`, "desc")
    .orderBy(sql`coalesce(r.resolved_at, r.opened_at)`, "desc")
    .orderBy("r.id")
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  return { items: await itemsFor(ctx.db, ctx, rows), total: Number(total.n) };
}

/** One tracker with its action plan and discussion (oldest first). */
export async function getRedAccount(db: Executor, ctx: Pick<AppContext, "clock">, id: string): Promise<RedAccountDetail> {
  const row = await db.selectFrom("red_accounts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Red account", id);
  const [item] = await itemsFor(db, ctx, [row]);
  if (!item) throw notFound("Red account", id);
  const actions = await db.selectFrom("red_account_actions").selectAll().where("red_account_id", "=", id).orderBy("created_at").orderBy("id").execute();
  const comments = await db.selectFrom("red_account_comments").selectAll().where("red_account_id", "=", id).orderBy("created_at").orderBy("id").execute();
  const people = await peopleById(db, [...actions.map((a) => a.owner_user_id), ...comments.map((c) => c.author_user_id)]);
  const ref = (userId: string | null) => (userId === null ? null : (people.get(userId) ?? null));
  const { actions: actionCounts, ...rest } = item;
  return {
    ...rest,
    actionCounts,
    actions: actions.map((a) => ({
      id: a.id,
      title: a.title,
      owner: ref(a.owner_user_id),
      dueOn: day(a.due_on),
      doneAt: a.done_at === null ? null : new Date(a.done_at),
      doneBy: a.done_by,
      createdAt: new Date(a.created_at),
      createdBy: a.created_by,
    })),
    comments: comments.map((c) => ({ id: c.id, author: ref(c.author_user_id), authorLabel: c.author, body: c.body, createdAt: new Date(c.created_at) })),
  };
}

async function peopleById(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
}

async function itemsFor(db: Executor, ctx: Pick<AppContext, "clock">, rows: readonly RedAccountRow[]): Promise<RedAccountItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const accounts = await db
    .selectFrom("accounts as a")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .select(["a.id", "a.name", "a.segment", "a.arr", "a.contract_end", "a.ae_user_id", "a.ce_user_id", "a.ta_user_id", "h.band as health_band", "h.score as health_score"])
    .where("a.id", "in", [...new Set(rows.map((r) => r.account_id))])
    .execute();
  const accountOf = new Map(accounts.map((a) => [a.id, a]));
  const people = await peopleById(db, accounts.flatMap((a) => [a.ae_user_id, a.ce_user_id, a.ta_user_id]));
  const now = ctx.clock.now();
  const today = dayOf(now);
  const counts = await db
    .selectFrom("red_account_actions")
    .select((eb) => [
      "red_account_id",
      eb.fn.countAll<string>().as("total"),
      sql<string>`count(*) filter (where done_at is null)`.as("open"),
      sql<string>`count(*) filter (where done_at is null and due_on < ${today}::date)`.as("overdue"),
    ])
    .where("red_account_id", "in", ids)
    .groupBy("red_account_id")
    .execute();
  const countOf = new Map(counts.map((c) => [c.red_account_id, c]));
  const lastComments = await db
    .selectFrom("red_account_comments")
    .select((eb) => ["red_account_id", eb.fn.max("created_at").as("last")])
    .where("red_account_id", "in", ids)
    .groupBy("red_account_id")
    .execute();
  const lastOf = new Map(lastComments.map((c) => [c.red_account_id, c.last]));
  const ref = (userId: string | null) => (userId === null ? null : (people.get(userId) ?? null));
  return rows.flatMap((r) => {
    const a = accountOf.get(r.account_id);
    if (!a) return [];
    const c = countOf.get(r.id);
    const openedAt = new Date(r.opened_at);
    const resolvedAt = r.resolved_at === null ? null : new Date(r.resolved_at);
    const last = lastOf.get(r.id);
    return [
      {
        id: r.id,
        account: {
          id: a.id,
          name: a.name,
          segment: a.segment,
          arr: num(a.arr),
          renewalDate: day(a.contract_end),
          aeUser: ref(a.ae_user_id),
          ceUser: ref(a.ce_user_id),
          taUser: ref(a.ta_user_id),
        },
        trigger: r.trigger,
        reason: r.reason,
        scoreAtOpen: num(r.score_at_open),
        band: a.health_band,
        score: num(a.health_score),
        openedAt,
        openedBy: r.opened_by,
        daysOpen: Math.max(0, Math.floor(((resolvedAt ?? now).getTime() - openedAt.getTime()) / DAY_MS)),
        currentState: r.current_state,
        businessNeeds: r.business_needs,
        actions: { open: Number(c?.open ?? 0), overdue: Number(c?.overdue ?? 0), total: Number(c?.total ?? 0) },
        lastCommentAt: last === undefined || last === null ? null : new Date(last),
        updatedAt: new Date(r.updated_at),
        updatedBy: r.updated_by,
        resolvedAt,
        resolvedBy: r.resolved_by,
        resolution: r.resolution,
      },
    ];
  });
}
