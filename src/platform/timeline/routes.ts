import { z } from "zod";
import type { AppContext } from "../app/context.js";
import type { AppServer } from "../http/server.js";
import { decodeCursor, pageQuery } from "../http/pagination.js";
import type { AuditRow, TimelineRow } from "../db/database.js";
import { listAudit } from "./list-audit.js";
import { listTimeline } from "./list-timeline.js";

const actorType = z.enum(["user", "api_token", "rule", "system"]);

export const auditItem = (r: AuditRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  ruleId: r.rule_id,
  packVersion: r.pack_version,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  reason: r.reason,
  data: r.data,
  requestId: r.request_id,
});

export const timelineItem = (r: TimelineRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  kind: r.kind,
  summary: r.summary,
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  ruleId: r.rule_id,
  packVersion: r.pack_version,
  data: r.data,
});

export function timelineRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/audit",
      {
        schema: {
          tags: ["audit"],
          summary: "Audit log: who did what, when and why (person, API token, or rule + pack version)",
          querystring: z.object({
            actorType: actorType.optional(),
            action: z.string().max(200).optional(),
            subjectType: z.string().max(100).optional(),
            subjectId: z.string().max(200).optional(),
            ruleId: z.string().max(100).optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const page = await listAudit(ctx, { ...q, beforeId: decodeCursor(q.cursor) });
        return { items: page.items.map(auditItem), nextCursor: page.nextCursor };
      },
    );

    app.get(
      "/api/v1/timeline/:subjectType/:subjectId",
      {
        schema: {
          tags: ["timeline"],
          summary: "A record's timeline, newest first",
          params: z.object({ subjectType: z.string().max(100), subjectId: z.string().max(200) }),
          querystring: z.object({ kind: z.string().max(500).optional(), ...pageQuery }),
        },
      },
      async (req) => {
        const kinds = req.query.kind?.split(",").map((k) => k.trim()).filter(Boolean);
        const page = await listTimeline(ctx, {
          subject: { type: req.params.subjectType, id: req.params.subjectId },
          kinds,
          limit: req.query.limit,
          beforeId: decodeCursor(req.query.cursor),
        });
        return { items: page.items.map(timelineItem), nextCursor: page.nextCursor };
      },
    );
  };
}
