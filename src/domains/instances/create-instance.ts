import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { newIngestToken } from "../usage/ingest-token.js";
import { checkSlug } from "./instance-input.js";
import { instanceSummary, type InstanceSummary } from "./instance-view.js";
import type { InstanceKind } from "./schema.js";

export interface CreateInstanceOptions {
  slug: string;
  name: string;
  kind: InstanceKind;
  company?: string | null | undefined;
  adminEmail?: string | null | undefined;
  seats?: number | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

export interface CreatedInstance {
  instance: InstanceSummary;
  /** Shown once; only its hash is stored. */
  ingestToken: string;
}

/** Registers an instance and issues its ingestion token. */
export async function createInstance(ctx: AppContext, o: CreateInstanceOptions): Promise<CreatedInstance> {
  checkSlug(o.slug, ctx.packs.current());
  const now = ctx.clock.now();
  const token = newIngestToken();
  const id = randomUUID();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("instances").select("id").where("slug", "=", o.slug).executeTakeFirst();
    if (taken) throw new AppError("already_exists", `An instance with slug ${o.slug} exists already; pick another slug.`, { details: { field: "slug" } });
    const inserted = await trx
      .insertInto("instances")
      .values({
        id,
        slug: o.slug,
        name: o.name,
        kind: o.kind,
        company: o.company ?? null,
        admin_email: o.adminEmail ?? null,
        seats: o.seats ?? null,
        ingest_token_hash: token.hash,
        ingest_token_prefix: token.prefix,
        ingest_token_rotated_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, {
      actor: o.actor,
      action: "instance.created",
      summary: `Instance ${o.slug} registered (${o.kind})`,
      subject: { type: "instance", id },
      at: now,
      data: { slug: o.slug, name: o.name, kind: o.kind, company: o.company ?? null, adminEmail: o.adminEmail ?? null, seats: o.seats ?? null },
      requestId: o.requestId,
    });
    return inserted;
  });
  return { instance: await instanceSummary(ctx, row), ingestToken: token.token };
}
