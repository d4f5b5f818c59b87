import type { AppContext } from "../app/context.js";
import { escapeLike } from "../timeline/list-audit.js";

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  subtitle: string;
  url: string;
}

/** A domain contributes what it can find by name or domain (leads, accounts, instances…). */
export type SearchProvider = (ctx: AppContext, q: string, limit: number) => Promise<SearchHit[]>;

/** Team members by name or email. */
export const peopleSearch: SearchProvider = async (ctx, q, limit) => {
  const pattern = `%${escapeLike(q.toLowerCase())}%`;
  const rows = await ctx.db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", pattern), eb("email", "like", pattern)]))
    .orderBy("name")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    type: "person",
    id: r.id,
    title: r.name,
    subtitle: `${r.email} · ${r.role}`,
    url: `/settings?tab=team&person=${encodeURIComponent(r.id)}`,
  }));
};

export async function search(ctx: AppContext, providers: SearchProvider[], q: string, limit: number): Promise<SearchHit[]> {
  const term = q.trim();
  if (term.length < 2) return [];
  const results = await Promise.all(providers.map((p) => p(ctx, term, limit)));
  return results.flat().slice(0, limit);
}
