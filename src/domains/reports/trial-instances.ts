import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { TrialState } from "../trials/schema.js";

/** Active trial instances are capped by T5; the limit only protects the page if the cap is lifted. */
const MAX_ROWS = 500;

export interface TrialInstanceRow {
  id: string;
  slug: string;
  name: string;
  company: string | null;
  seats: number | null;
  createdAt: Date;
  /** The most recent trial on this instance, if Trellis provisioned it. */
  trial: { id: string; state: TrialState; company: string } | null;
}

/** Active trial instances (T12 per-instance usage overview), by slug, with their latest trial. */
export async function activeTrialInstances(db: Kysely<Database>): Promise<{ rows: TrialInstanceRow[]; truncated: boolean }> {
  const instances = await db
    .selectFrom("instances")
    .select(["id", "slug", "name", "company", "seats", "created_at"])
    .where("kind", "=", "trial")
    .where("status", "=", "active")
    .orderBy("slug")
    .limit(MAX_ROWS + 1)
    .execute();
  const page = instances.slice(0, MAX_ROWS);
  const ids = page.map((i) => i.id);
  const trials = ids.length
    ? await db
        .selectFrom("trials")
        .select(["id", "instance_id", "state", "company", "approved_at"])
        .where("instance_id", "in", ids)
        .orderBy("approved_at", "desc")
        .execute()
    : [];
  const latest = new Map<string, (typeof trials)[number]>();
  for (const t of trials) if (t.instance_id && !latest.has(t.instance_id)) latest.set(t.instance_id, t);
  const rows = page.map((i) => {
    const t = latest.get(i.id);
    return {
      id: i.id,
      slug: i.slug,
      name: i.name,
      company: i.company,
      seats: i.seats,
      createdAt: i.created_at,
      trial: t ? { id: t.id, state: t.state, company: t.company } : null,
    };
  });
  return { rows, truncated: instances.length > MAX_ROWS };
}
