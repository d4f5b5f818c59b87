import type { AppContext } from "../app/context.js";
import type { ActorType, AuditRow } from "../db/database.js";
import { pageOf } from "../http/pagination.js";

export interface ListAuditOptions {
  actorType?: ActorType | undefined;
  /** Prefix match: "user." lists every user action. */
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  ruleId?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export async function listAudit(ctx: AppContext, o: ListAuditOptions): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(o.limit + 1);
  if (o.actorType) q = q.where("actor_type", "=", o.actorType);
  if (o.action) q = q.where("action", "like", `${escapeLike(o.action)}%`);
  if (o.subjectType) q = q.where("subject_type", "=", o.subjectType);
  if (o.subjectId) q = q.where("subject_id", "=", o.subjectId);
  if (o.ruleId) q = q.where("rule_id", "=", o.ruleId);
  if (o.beforeId !== undefined) q = q.where("id", "<", o.beforeId);
  return pageOf(await q.execute(), o.limit);
}

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
