import type { SearchProvider } from "../../platform/search/search.js";
import { escapeLike } from "../../platform/timeline/list-audit.js";

/** Global search: accounts by name or any of their domains. */
export const accountSearch: SearchProvider = async (ctx, q, limit) => {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const rows = await ctx.db
    .selectFrom("accounts as a")
    .select(["a.id", "a.name", "a.domain", "a.account_type", "a.stage"])
    .where("a.archived_at", "is", null)
    .where((eb) => eb.or([eb(eb.fn("lower", ["a.name"]), "like", pattern), eb("a.id", "in", eb.selectFrom("account_domains").select("account_id").where("domain", "like", pattern))]))
    .orderBy((eb) => eb.fn("lower", ["a.name"]))
    .orderBy("a.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    type: "account",
    id: r.id,
    title: r.name,
    subtitle: [r.domain, r.account_type, r.stage].filter((x): x is string => x !== null).join(" · "),
    url: `/accounts/${r.id}`,
  }));
};
