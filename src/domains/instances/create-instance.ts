import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { newIngestToken } from "../usage/ingest-token.js";
import { checkSlug } from "./instance-input.js";
import { instanceSummary, type InstanceSummary } from "./instance-view.js";
import type { InstanceKind, InstanceRow } from "./schema.js";

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
  const { row, ingestToken } = await ctx.db.transaction().execute((trx) => insertInstance(trx, ctx, o));
  return { instance: await instanceSummary(ctx, row), ingestToken };
}

export interface InsertInstanceOptions extends CreateInstanceOptions {
  url?: string | null | undefined;
}

/**
 * The same inside a caller's transaction (trial hand-off registers the instance with the rest
 * of its changes). Returns the row and the token, shown once.
 */
export async function insertInstance(trx: Transaction<Database>, ctx: AppContext, o: InsertInstanceOptions): Promise<{ row: InstanceRow; ingestToken: string }> {
  checkSlug(o.slug, ctx.packs.current());
  const now = ctx.clock.now();
  const token = newIngestToken();
  const id = randomUUID();
  const taken = await trx.selectFrom("instances").select("id").where("slug", "=", o.slug).executeTakeFirst();
  if (taken) throw new AppError("already_exists", `An instance with slug ${o.slug} exists already; pick another slug.`, { details: { field: "slug" } });
  const row = await trx
    .insertInto("instances")
    .values({
      id,
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      company: o.company ?? null,
      admin_email: o.adminEmail ?? null,
      seats: o.seats ?? null,
      url: o.url ?? null,
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
    data: { slug: o.slug, name: o.name, kind: o.kind, company: o.company ?? null, adminEmail: o.adminEmail ?? null, seats: o.seats ?? null, url: o.url ?? null },
    requestId: o.requestId,
  });
  return { row, ingestToken: token.token };
}
