import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import type { SavedViewRow } from "./schema.js";

/**
 * Saved list views (a name for a set of list filters): each person's own, plus the ones
 * colleagues shared. Only the owner deletes one. Views are preferences, not records, so they
 * are audited but have no timeline.
 */
export interface SavedView {
  id: string;
  page: string;
  name: string;
  query: Record<string, unknown>;
  shared: boolean;
  mine: boolean;
  createdAt: Date;
}

const toView = (r: SavedViewRow, userId: string | null): SavedView => ({ id: r.id, page: r.page, name: r.name, query: r.query, shared: r.shared, mine: r.user_id === userId, createdAt: r.created_at });

/** Mine and the shared ones for the page, by name. A caller without a person (API token) sees the shared ones. */
export async function listSavedViews(ctx: AppContext, o: { page: string; userId: string | null }): Promise<{ items: SavedView[] }> {
  const rows = await ctx.db
    .selectFrom("saved_views")
    .selectAll()
    .where("page", "=", o.page)
    .where((eb) => (o.userId ? eb.or([eb("user_id", "=", o.userId), eb("shared", "=", true)]) : eb("shared", "=", true)))
    .orderBy((eb) => eb.fn("lower", ["name"]))
    .orderBy("id")
    .execute();
  return { items: rows.map((r) => toView(r, o.userId)) };
}

export interface CreateSavedViewOptions {
  userId: string | null;
  page: string;
  name: string;
  query: Record<string, unknown>;
  shared: boolean;
  actor: Actor;
  requestId?: string | undefined;
}

export async function createSavedView(ctx: AppContext, o: CreateSavedViewOptions): Promise<SavedView> {
  const userId = requirePerson(o.userId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("saved_views")
      .values({ id: randomUUID(), user_id: userId, page: o.page, name: o.name, query: JSON.stringify(o.query), shared: o.shared, created_at: ctx.clock.now() })
      // The unique index is (user_id, page, lower(name)): a person names each view of a page once.
      .onConflict((oc) => oc.expression(sql`user_id, page, lower(name)`).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError("already_exists", `name: you already have a view called ${o.name} on ${o.page}.`, { details: { field: "name", name: o.name } });
    await audit(trx, { actor: o.actor, action: "saved_view.created", at: row.created_at, subject: { type: "saved_view", id: row.id }, data: { page: o.page, name: o.name, shared: o.shared }, requestId: o.requestId });
    return toView(row, userId);
  });
}

export async function deleteSavedView(ctx: AppContext, o: { id: string; userId: string | null; actor: Actor; requestId?: string | undefined }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("saved_views").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirst();
    if (!row || (row.user_id !== o.userId && !row.shared)) throw notFound("Saved view", o.id);
    const userId = requirePerson(o.userId);
    if (row.user_id !== userId) throw new AppError("forbidden", `The view ${row.name} is a colleague's; only they can delete it.`);
    await trx.deleteFrom("saved_views").where("id", "=", row.id).execute();
    await audit(trx, { actor: o.actor, action: "saved_view.deleted", at: ctx.clock.now(), subject: { type: "saved_view", id: row.id }, data: { page: row.page, name: row.name }, requestId: o.requestId });
  });
}

/** Views belong to people; an API token has none (400, as other person-bound requests answer a token). */
function requirePerson(userId: string | null): string {
  if (!userId) throw new AppError("validation_failed", "Saved views belong to a person: sign in to save or delete one (an API token has no person behind it).");
  return userId;
}
