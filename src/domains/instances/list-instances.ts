import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { instanceSummaries, type InstanceSummary } from "./instance-view.js";
import type { InstanceKind, InstanceStatus } from "./schema.js";

export interface ListInstancesOptions {
  q?: string | undefined;
  kind?: InstanceKind | undefined;
  status?: InstanceStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

const encode = (slug: string) => Buffer.from(slug).toString("base64url");
function decode(cursor: string): string {
  const slug = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) {
    throw new AppError("validation_failed", "query.cursor: is not a cursor this API returned.", {
      details: { issues: [{ path: ["query", "cursor"], message: "is not a cursor this API returned" }] },
    });
  }
  return slug;
}

/** Instances by slug, keyset-paginated, with their current usage. */
export async function listInstances(ctx: AppContext, o: ListInstancesOptions): Promise<{ items: InstanceSummary[]; nextCursor: string | null }> {
  let query = ctx.db.selectFrom("instances").selectAll().orderBy("slug").limit(o.limit + 1);
  if (o.kind) query = query.where("kind", "=", o.kind);
  if (o.status) query = query.where("status", "=", o.status);
  if (o.cursor) query = query.where("slug", ">", decode(o.cursor));
  const q = o.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("slug", "ilike", like), eb("name", "ilike", like), eb("company", "ilike", like), eb("admin_email", "ilike", like)]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  return { items: await instanceSummaries(ctx, page), nextCursor: rows.length > o.limit && last ? encode(last.slug) : null };
}
