import type { AppContext } from "../../platform/app/context.js";
import { trialCapacity, type Capacity } from "./capacity.js";
import type { TrialState } from "./schema.js";
import { trialViews, type TrialView } from "./trial-view.js";

export interface ListTrialsOptions {
  states?: readonly TrialState[] | undefined;
  ownerId?: string | undefined;
  q?: string | undefined;
  limit: number;
}

const OPEN: readonly TrialState[] = ["queued", "provisioning", "provisioning_failed", "running", "ended"];

/** The trials board: open trials by default (oldest approval first), with capacity (T5). */
export async function listTrials(ctx: AppContext, o: ListTrialsOptions): Promise<{ items: TrialView[]; capacity: Capacity }> {
  let query = ctx.db.selectFrom("trials").selectAll().where("state", "in", o.states && o.states.length > 0 ? o.states : OPEN).orderBy("approved_at").orderBy("id").limit(o.limit);
  if (o.ownerId) query = query.where("growth_user_id", "=", o.ownerId);
  const q = o.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("company", "ilike", like), eb("slug", "ilike", like), eb("admin_email", "ilike", like)]));
  }
  const rows = await query.execute();
  return { items: await trialViews(ctx, rows), capacity: await trialCapacity(ctx.db, ctx.packs.current()) };
}
