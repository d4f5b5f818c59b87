import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { instanceSummary, loadInstance, type InstanceSummary } from "./instance-view.js";
import type { InstanceKind, InstanceStatus } from "./schema.js";

export interface UpdateInstanceOptions {
  id: string;
  name?: string | undefined;
  kind?: InstanceKind | undefined;
  status?: InstanceStatus | undefined;
  company?: string | null | undefined;
  adminEmail?: string | null | undefined;
  seats?: number | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** Edits an instance; the timeline records each changed field with its old and new value. */
export async function updateInstance(ctx: AppContext, o: UpdateInstanceOptions): Promise<InstanceSummary> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("instances").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirst();
    // Not loadInstance(ctx…): on PGlite the transaction holds the only connection.
    if (!current) throw notFound("Instance", o.id);
    const wanted = { name: o.name, kind: o.kind, status: o.status, company: o.company, admin_email: o.adminEmail, seats: o.seats };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(wanted)) {
      if (value === undefined) continue;
      const before = current[field as keyof typeof current];
      if (before === value) continue;
      changes[field] = { from: before, to: value };
      set[field] = value;
    }
    if (Object.keys(set).length === 0) return;
    await trx.updateTable("instances").set({ ...set, updated_at: now }).where("id", "=", o.id).execute();
    await recordChange(trx, {
      actor: o.actor,
      action: "instance.updated",
      summary: `Changed ${Object.keys(changes).join(", ")}`,
      subject: { type: "instance", id: o.id },
      at: now,
      data: { changes },
      requestId: o.requestId,
    });
  });
  return instanceSummary(ctx, await loadInstance(ctx, o.id));
}
