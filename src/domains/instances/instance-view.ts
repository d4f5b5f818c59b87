import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import { usageFor, type UsageMetrics } from "../usage/metrics.js";
import type { InstanceKind, InstanceRow, InstanceStatus } from "./schema.js";

export interface InstanceSummary {
  id: string;
  slug: string;
  name: string;
  kind: InstanceKind;
  status: InstanceStatus;
  company: string | null;
  adminEmail: string | null;
  seats: number | null;
  createdAt: Date;
  updatedAt: Date;
  tokenPrefix: string | null;
  tokenRotatedAt: Date | null;
  metrics: UsageMetrics;
  sparkline: number[];
}

/** Instance rows with their current usage, as the API and UI show them. */
export async function instanceSummaries(ctx: AppContext, rows: InstanceRow[]): Promise<InstanceSummary[]> {
  const usage = await usageFor(ctx, rows);
  return rows.map((r) => {
    const u = usage.get(r.id);
    if (!u) throw new Error(`usage missing for instance ${r.id}`);
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      status: r.status,
      company: r.company,
      adminEmail: r.admin_email,
      seats: r.seats,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      tokenPrefix: r.ingest_token_hash === null ? null : r.ingest_token_prefix,
      tokenRotatedAt: r.ingest_token_rotated_at,
      metrics: u.metrics,
      sparkline: u.sparkline,
    };
  });
}

export async function instanceSummary(ctx: AppContext, row: InstanceRow): Promise<InstanceSummary> {
  const [summary] = await instanceSummaries(ctx, [row]);
  if (!summary) throw new Error("instance summary missing");
  return summary;
}

export async function loadInstance(ctx: Pick<AppContext, "db">, id: string): Promise<InstanceRow> {
  const row = await ctx.db.selectFrom("instances").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Instance", id);
  return row;
}
