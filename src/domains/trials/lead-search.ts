import type { SearchProvider } from "../../platform/search/search.js";
import { escapeLike } from "../../platform/timeline/list-audit.js";

/** Global search: leads by name, email, company or email domain. */
export const leadSearch: SearchProvider = async (ctx, q, limit) => {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const rows = await ctx.db
    .selectFrom("leads")
    .select(["id", "name", "email", "company", "status"])
    .where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", pattern), eb(eb.fn("lower", ["company"]), "like", pattern), eb("email", "like", pattern)]))
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ type: "lead", id: r.id, title: `${r.company} · ${r.name}`, subtitle: `${r.email} · ${r.status}`, url: `/leads/${r.id}` }));
};
