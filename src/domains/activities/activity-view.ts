import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import type { ActivityKind } from "../health/schema.js";

/** A call, meeting, email or note logged on an account (S2 "days since last activity"). */
export interface Activity {
  id: string;
  accountId: string;
  kind: ActivityKind;
  at: Date;
  summary: string;
  /** The person who logged it; null when an API token or the system did. */
  user: { id: string; name: string } | null;
  createdBy: string;
  createdAt: Date;
}

const LIST_LIMIT = 200;

function activityQuery(db: Executor) {
  return db
    .selectFrom("account_activities as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.account_id", "a.kind", "a.at", "a.summary", "a.user_id", "a.created_by", "a.created_at", "u.name as user_name"]);
}

type ActivityJoinRow = Awaited<ReturnType<ReturnType<typeof activityQuery>["executeTakeFirstOrThrow"]>>;

const toActivity = (r: ActivityJoinRow): Activity => ({
  id: r.id,
  accountId: r.account_id,
  kind: r.kind,
  at: r.at,
  summary: r.summary,
  user: r.user_id ? { id: r.user_id, name: r.user_name ?? "" } : null,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function getActivity(db: Executor, id: string): Promise<Activity> {
  const row = await activityQuery(db).where("a.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Activity", id);
  return toActivity(row);
}

/** The account's activities, latest first (the most recent 200). */
export async function listActivities(ctx: AppContext, accountId: string): Promise<{ items: Activity[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const rows = await activityQuery(ctx.db).where("a.account_id", "=", accountId).orderBy("a.at", "desc").orderBy("a.created_at", "desc").orderBy("a.id").limit(LIST_LIMIT).execute();
  return { items: rows.map(toActivity) };
}
