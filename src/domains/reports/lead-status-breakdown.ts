import { sql, type Kysely } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { ReportPeriod } from "./report-period.js";

export interface StatusCount {
  status: string;
  substatus: string | null;
  count: number;
  /** Share of all leads counted, in percent (one decimal). */
  sharePct: number;
}

export interface PipelineStage {
  status: string;
  count: number;
}

/** Pack order first (the process's own order), then unknown statuses by name. */
function statusOrder(pack: ProcessPack): (status: string) => number {
  const order = new Map(pack.leads.statuses.map((s, i) => [s, i]));
  return (status) => order.get(status) ?? Number.MAX_SAFE_INTEGER;
}

/** Leads created in the period by their current status and substatus (T12 lead status breakdown). */
export async function leadStatusBreakdown(db: Kysely<Database>, pack: ProcessPack, period: ReportPeriod): Promise<StatusCount[]> {
  const { rows } = await sql<{ status: string; substatus: string | null; n: number }>`
    select status, substatus, count(*)::int as n from leads
    where created_at >= ${period.start} and created_at < ${period.end}
    group by status, substatus`.execute(db);
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const rank = statusOrder(pack);
  return rows
    .map((r) => ({ status: r.status, substatus: r.substatus, count: Number(r.n), sharePct: total === 0 ? 0 : Math.round((Number(r.n) / total) * 1000) / 10 }))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status) || b.count - a.count || (a.substatus ?? "").localeCompare(b.substatus ?? ""));
}

/**
 * T12 lead pipeline: where every lead stands now, whenever it signed up. Every status of the
 * pack is listed (zero included) so the pipeline keeps its shape from one day to the next.
 */
export async function leadPipeline(db: Kysely<Database>, pack: ProcessPack): Promise<PipelineStage[]> {
  const { rows } = await sql<{ status: string; n: number }>`select status, count(*)::int as n from leads group by status`.execute(db);
  const counts = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const rank = statusOrder(pack);
  const statuses = [...new Set([...pack.leads.statuses, ...counts.keys()])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return statuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}
