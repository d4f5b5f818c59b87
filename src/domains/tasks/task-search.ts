import type { SearchProvider } from "../../platform/search/search.js";
import { escapeLike } from "../../platform/timeline/list-audit.js";

/** Global search: live tasks by title, open ones first. */
export const taskSearch: SearchProvider = async (ctx, q, limit) => {
  const rows = await ctx.db
    .selectFrom("tasks as t")
    .leftJoin("accounts as a", "a.id", "t.account_id")
    .select(["t.id", "t.title", "t.status", "t.due_on", "a.name as account_name"])
    .where("t.archived_at", "is", null)
    .where("t.title", "ilike", `%${escapeLike(q)}%`)
    .orderBy((eb) => eb.case().when("t.status", "=", "completed").then(1).else(0).end())
    .orderBy("t.updated_at", "desc")
    .limit(limit)
    .execute();
  const labels = ctx.packs.current().tasks.columns;
  return rows.map((r) => ({
    type: "task",
    id: r.id,
    title: r.title,
    subtitle: [labels[r.status], r.account_name, r.due_on ? `due ${r.due_on}` : null].filter(Boolean).join(" · "),
    url: `/tasks/${r.id}`,
  }));
};
