import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { queueEmail } from "../trials/queue-email.js";
import { addDays, dayOf } from "../usage/days.js";
import { getRedAccount, type RedAccountActionView } from "./red-account-view.js";
import { lockOpenTracker } from "./tracker-writes.js";
import { trackerUrl } from "./tracker-links.js";

export const ACTION_TITLE_MAX = 200;

export interface AddActionOptions {
  id: string;
  title: string;
  ownerUserId?: string | null | undefined;
  /** 'YYYY-MM-DD'; default today + the pack's redAccounts.actionDueDays. */
  dueOn?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

export interface UpdateActionOptions {
  id: string;
  actionId: string;
  title?: string | undefined;
  ownerUserId?: string | null | undefined;
  dueOn?: string | null | undefined;
  done?: boolean | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

async function activeOwner(trx: Transaction<Database>, userId: string) {
  const user = await trx.selectFrom("users").select(["id", "name", "email", "active"]).where("id", "=", userId).executeTakeFirst();
  if (!user || !user.active) throw invalidField("ownerUserId", `no active user ${userId}`);
  return user;
}

/** The owner hears of an item someone else gave them (the pack's taskAssigned email, linking the tracker). */
async function emailOwner(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: { trackerId: string; actionId: string; accountId: string; accountName: string; title: string; dueOn: string | null; owner: { id: string; name: string; email: string }; actor: Actor },
): Promise<void> {
  if (o.actor.type === "user" && o.actor.id === o.owner.id) return;
  await queueEmail(trx, ctx, {
    template: "taskAssigned",
    to: [o.owner.email],
    vars: {
      name: o.owner.name,
      actor: actorColumns(o.actor).actor_label,
      title: o.title,
      dueOn: o.dueOn ?? "no due date",
      accountPart: ` on red account ${o.accountName}`,
      taskUrl: trackerUrl(ctx, o.trackerId),
    },
    idempotencyKey: `S3.action:${o.actionId}:${o.owner.id}`,
    subject: { type: "account", id: o.accountId },
    actor: o.actor,
  });
}

/** S3: an item of the action plan, with an owner and a due date. */
export async function addAction(ctx: AppContext, o: AddActionOptions): Promise<RedAccountActionView> {
  const title = o.title.trim();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpenTracker(trx, o.id);
    const owner = o.ownerUserId ? await activeOwner(trx, o.ownerUserId) : null;
    const at = ctx.clock.now();
    const dueOn = o.dueOn === undefined ? addDays(dayOf(at), ctx.packs.current().redAccounts.actionDueDays) : o.dueOn;
    const id = randomUUID();
    const by = actorColumns(o.actor).actor_label;
    await trx
      .insertInto("red_account_actions")
      .values({ id, red_account_id: row.id, title, owner_user_id: owner?.id ?? null, due_on: dueOn, created_by: by, created_at: at, updated_at: at })
      .execute();
    await trx.updateTable("red_accounts").set({ updated_at: at, updated_by: by }).where("id", "=", row.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId: row.account_id,
      actor: o.actor,
      action: "red_account.action_added",
      summary: `Red-account action added${owner ? ` for ${owner.name}` : ""}: ${title}${dueOn ? ` (due ${dueOn})` : ""}`,
      data: { redAccountId: row.id, actionId: id, ownerUserId: owner?.id ?? null, dueOn },
      requestId: o.requestId,
    });
    if (owner) await emailOwner(trx, ctx, { trackerId: row.id, actionId: id, accountId: row.account_id, accountName: row.account_name, title, dueOn, owner, actor: o.actor });
    return actionOf(await getRedAccount(trx, ctx, row.id), id);
  });
  ctx.notifyOutbox();
  return result;
}

/** S3: edit an action item, reassign it (the new owner is emailed) or tick it done / undone. */
export async function updateAction(ctx: AppContext, o: UpdateActionOptions): Promise<RedAccountActionView> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockOpenTracker(trx, o.id);
    const current = await trx.selectFrom("red_account_actions").selectAll().where("id", "=", o.actionId).where("red_account_id", "=", row.id).executeTakeFirst();
    if (!current) throw notFound("Action", o.actionId);
    const at = ctx.clock.now();
    const by = actorColumns(o.actor).actor_label;
    const owner = o.ownerUserId ? await activeOwner(trx, o.ownerUserId) : null;
    const set: { title?: string; owner_user_id?: string | null; due_on?: string | null; done_at?: Date | null; done_by?: string | null } = {};
    const what: string[] = [];
    const title = o.title?.trim();
    if (title !== undefined && title !== current.title) {
      set.title = title;
      what.push(`renamed to “${title}”`);
    }
    if (o.ownerUserId !== undefined && (owner?.id ?? null) !== current.owner_user_id) {
      set.owner_user_id = owner?.id ?? null;
      what.push(owner ? `given to ${owner.name}` : "unassigned");
    }
    const currentDue = current.due_on === null ? null : String(current.due_on).slice(0, 10);
    if (o.dueOn !== undefined && o.dueOn !== currentDue) {
      set.due_on = o.dueOn;
      what.push(o.dueOn ? `due ${o.dueOn}` : "no due date");
    }
    if (o.done !== undefined && o.done !== (current.done_at !== null)) {
      set.done_at = o.done ? at : null;
      set.done_by = o.done ? by : null;
      what.push(o.done ? "done" : "reopened");
    }
    if (what.length > 0) {
      await trx.updateTable("red_account_actions").set({ ...set, updated_at: at }).where("id", "=", current.id).execute();
      await trx.updateTable("red_accounts").set({ updated_at: at, updated_by: by }).where("id", "=", row.id).execute();
      await recordAccountChange(trx, ctx, {
        accountId: row.account_id,
        actor: o.actor,
        action: o.done === true && set.done_at ? "red_account.action_done" : "red_account.action_updated",
        summary: `Red-account action “${set.title ?? current.title}”: ${what.join(", ")}`,
        data: { redAccountId: row.id, actionId: current.id, ...set },
        requestId: o.requestId,
      });
      if (owner && set.owner_user_id === owner.id) {
        const dueOn = set.due_on !== undefined ? set.due_on : currentDue;
        await emailOwner(trx, ctx, { trackerId: row.id, actionId: current.id, accountId: row.account_id, accountName: row.account_name, title: set.title ?? current.title, dueOn, owner, actor: o.actor });
      }
    }
    return actionOf(await getRedAccount(trx, ctx, row.id), current.id);
  });
  ctx.notifyOutbox();
  return result;
}

function actionOf(detail: Awaited<ReturnType<typeof getRedAccount>>, actionId: string): RedAccountActionView {
  const action = detail.actions.find((a) => a.id === actionId);
  if (!action) throw notFound("Action", actionId);
  return action;
}
