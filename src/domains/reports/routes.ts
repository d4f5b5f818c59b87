import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { getTrialsReport } from "./get-trials-report.js";
import { getHealthOverview } from "./health-overview.js";

const isoDay = z.iso.date();

export function reportRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/reports/trials",
      {
        schema: {
          tags: ["reports"],
          summary: "T12 trials report: funnel, weekly signups, lead status breakdown and pipeline, ongoing trials with SLA, trial instance usage",
          description:
            "`from` and `to` are UTC days (YYYY-MM-DD, both inclusive); the default is the last 30 days up to today and the period may span at most 366 days.",
          querystring: z.object({ from: isoDay.optional(), to: isoDay.optional() }),
        },
      },
      async (req) => getTrialsReport(ctx, req.query),
    );

    app.get(
      "/api/v1/reports/health",
      {
        schema: {
          tags: ["reports"],
          summary: "S1–S3 health overview of the book: bands overall, by segment and owner, 7-day movers, 12-week trend",
          description:
            "Over the accounts in the customer-success book (not archived). `segment` keeps one segment; `ownerUserId` the accounts where that person holds any seat (AE, CE, TA, TPM, IE).",
          querystring: z.object({ segment: z.string().min(1).max(100).optional(), ownerUserId: z.uuid().optional() }),
        },
      },
      async (req) => getHealthOverview(ctx, req.query),
    );
  };
}
