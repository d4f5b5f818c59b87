import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { getRedAccount, type RedAccountCommentView, type RedAccountDetail } from "./red-account-view.js";
import type { RedAccountRow } from "./schema.js";

export const TRACKER_TEXT_MAX = 10_000;
export const COMMENT_MAX = 10_000;

/** The tracker under a row lock; 404 when unknown, 409 red_account_resolved when it is closed. */
export async function lockOpenTracker(trx: Transaction<Database>, id: string): Promise<RedAccountRow & { account_name: string }> {
  const row = await trx
    .selectFrom("red_accounts as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .selectAll("r")
    .select("a.name as account_name")
    .where("r.id", "=", id)
    .forUpdate("r")
    .executeTakeFirst();
  if (!row) throw notFound("Red account", id);
  if (row.resolved_at !== null) {
    throw new AppError("red_account_resolved", `The red-account tracker of ${row.account_name} was resolved (${row.resolution ?? "no longer red"}); it takes no more changes.`, {
      details: { id, resolvedAt: row.resolved_at },
    });
  }
  return row;
}

export interface UpdateTrackerOptions {
  id: string;
  currentState?: string | undefined;
  businessNeeds?: string | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** S3: the AE and CE record the account's current state and what they need from the business. */
export async function updateTracker(ctx: AppContext, o: UpdateTrackerOptions): Promise<RedAccountDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpenTracker(trx, o.id);
    const changed: string[] = [];
    const set: { current_state?: string; business_needs?: string } = {};
    if (o.currentState !== undefined && o.currentState !== row.current_state) {
      set.current_state = o.currentState;
      changed.push("current state");
    }
    if (o.businessNeeds !== undefined && o.businessNeeds !== row.business_needs) {
      set.business_needs = o.businessNeeds;
      changed.push("business needs");
    }
    if (changed.length > 0) {
      const at = ctx.clock.now();
      await trx
        .updateTable("red_accounts")
        .set({ ...set, updated_at: at, updated_by: actorColumns(o.actor).actor_label })
        .where("id", "=", row.id)
        .execute();
      await recordAccountChange(trx, ctx, {
        accountId: row.account_id,
        actor: o.actor,
        action: "red_account.updated",
        summary: `Red-account tracker: ${changed.join(" and ")} updated`,
        data: { redAccountId: row.id, currentState: set.current_state, businessNeeds: set.business_needs },
        requestId: o.requestId,
      });
    }
    return getRedAccount(trx, ctx, row.id);
  });
}

export interface AddCommentOptions {
  id: string;
  body: string;
  actor: Actor;
  requestId?: string | undefined;
}

/** S3: a message in the tracker's discussion thread (managers take part too). */
export async function addComment(ctx: AppContext, o: AddCommentOptions): Promise<RedAccountCommentView> {
  const body = o.body.trim();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpenTracker(trx, o.id);
    const at = ctx.clock.now();
    const id = randomUUID();
    const author = actorColumns(o.actor).actor_label;
    const authorUserId = o.actor.type === "user" ? o.actor.id : null;
    await trx.insertInto("red_account_comments").values({ id, red_account_id: row.id, author_user_id: authorUserId, author, body, created_at: at }).execute();
    await trx.updateTable("red_accounts").set({ updated_at: at, updated_by: author }).where("id", "=", row.id).execute();
    const excerpt = body.length > 200 ? `${body.slice(0, 199)}…` : body;
    await recordAccountChange(trx, ctx, {
      accountId: row.account_id,
      actor: o.actor,
      action: "red_account.commented",
      summary: `Red-account discussion: ${excerpt}`,
      data: { redAccountId: row.id, commentId: id },
      requestId: o.requestId,
    });
    const user = authorUserId === null ? undefined : await trx.selectFrom("users").select(["id", "name"]).where("id", "=", authorUserId).executeTakeFirst();
    return { id, author: user ? { id: user.id, name: user.name } : null, authorLabel: author, body, createdAt: at };
  });
}
