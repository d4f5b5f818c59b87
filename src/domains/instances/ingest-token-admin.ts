import type { AppContext } from "../../platform/app/context.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { newIngestToken } from "../usage/ingest-token.js";
import { loadInstance } from "./instance-view.js";

export interface IngestTokenOptions {
  id: string;
  actor: Actor;
  requestId?: string | undefined;
}

/** Issues a new ingestion token; the old one stops working at once. The token is shown once. */
export async function rotateIngestToken(ctx: AppContext, o: IngestTokenOptions): Promise<{ ingestToken: string; tokenPrefix: string }> {
  await loadInstance(ctx, o.id);
  const now = ctx.clock.now();
  const token = newIngestToken();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("instances")
      .set({ ingest_token_hash: token.hash, ingest_token_prefix: token.prefix, ingest_token_rotated_at: now, updated_at: now })
      .where("id", "=", o.id)
      .execute();
    await recordChange(trx, {
      actor: o.actor,
      action: "instance.ingest_token_rotated",
      summary: `Ingestion token rotated (now ${token.prefix}…)`,
      subject: { type: "instance", id: o.id },
      at: now,
      data: { prefix: token.prefix },
      requestId: o.requestId,
    });
  });
  return { ingestToken: token.token, tokenPrefix: token.prefix };
}

/** Revokes the ingestion token: the instance's telemetry is refused until a new one is issued. */
export async function revokeIngestToken(ctx: AppContext, o: IngestTokenOptions): Promise<void> {
  const current = await loadInstance(ctx, o.id);
  if (current.ingest_token_hash === null) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("instances").set({ ingest_token_hash: null, updated_at: now }).where("id", "=", o.id).execute();
    await recordChange(trx, {
      actor: o.actor,
      action: "instance.ingest_token_revoked",
      summary: "Ingestion token revoked",
      subject: { type: "instance", id: o.id },
      at: now,
      data: { prefix: current.ingest_token_prefix },
      requestId: o.requestId,
    });
  });
}
