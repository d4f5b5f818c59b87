import type { SearchProvider } from "../../platform/search/search.js";
import { escapeLike } from "../../platform/timeline/list-audit.js";

/** Global search: instances by slug, name, company or admin email (domain). */
export const instanceSearch: SearchProvider = async (ctx, q, limit) => {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const rows = await ctx.db
    .selectFrom("instances")
    .select(["id", "slug", "name", "kind", "status", "url"])
    .where((eb) =>
      eb.or([eb("slug", "like", pattern), eb(eb.fn("lower", ["name"]), "like", pattern), eb(eb.fn("lower", ["company"]), "like", pattern), eb(eb.fn("lower", ["admin_email"]), "like", pattern)]),
    )
    .orderBy("slug")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ type: "instance", id: r.id, title: `${r.slug} · ${r.name}`, subtitle: `${r.kind} instance · ${r.status}${r.url ? ` · ${r.url}` : ""}`, url: `/instances/${r.id}` }));
};
