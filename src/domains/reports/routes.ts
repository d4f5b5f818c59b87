import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { getTrialsReport } from "./get-trials-report.js";

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
  };
}
