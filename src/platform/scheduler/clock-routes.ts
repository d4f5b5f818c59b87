import { z } from "zod";
import type { AppContext } from "../app/context.js";
import type { AppServer } from "../http/server.js";
import { requirePrincipal } from "../http/require-principal.js";
import { parseDuration } from "../clock/clock.js";
import { AppError } from "../errors/app-error.js";
import { advanceClock } from "./advance-clock.js";
import { syncSimulatedClock } from "./simulated-time.js";
import type { RuleRegistry } from "./scheduled-rule.js";

export interface ClockRoutesOptions {
  registry: RuleRegistry;
  /** Runs after each step of an advance (the in-process outbox drains, so mail goes out "on time"). */
  afterStep?: (now: Date) => Promise<void>;
}

export function clockRoutes(ctx: AppContext, o: ClockRoutesOptions) {
  return (app: AppServer) => {
    app.get("/api/v1/clock", { schema: { tags: ["clock"], summary: "The clock Trellis runs on (system or simulated) and its now" } }, async () => {
      const now = ctx.clock.kind === "simulated" ? await syncSimulatedClock(ctx) : ctx.clock.now();
      return { kind: ctx.clock.kind, now: now.toISOString() };
    });

    app.post(
      "/api/v1/clock/advance",
      {
        schema: {
          tags: ["clock"],
          summary: "Move simulated time forward and run every rule that falls due, in order (simulated clock only)",
          body: z.object({
            by: z.string().regex(/^\d+(ms|s|m|h|d|w)$/, "must look like 10d, 36h, 90m or 2w").optional(),
            until: z.iso.datetime({ offset: true }).optional(),
            reason: z.string().max(500).optional(),
          }),
        },
      },
      async (req) => {
        const { by, until, reason } = req.body;
        if ((by === undefined) === (until === undefined)) {
          throw new AppError("validation_failed", "body: give exactly one of by or until.", {
            details: { issues: [{ path: ["body", "by"], message: "give exactly one of by or until" }] },
          });
        }
        const result = await advanceClock(ctx, o.registry, {
          by: by === undefined ? undefined : (parseDuration(by) ?? undefined),
          until: until === undefined ? undefined : new Date(until),
          actor: requirePrincipal(req).actor,
          reason,
          requestId: req.id,
          afterStep: o.afterStep,
        });
        const fired = Object.values(result.fired).reduce((a, b) => a + b, 0);
        return {
          from: result.from.toISOString(),
          now: result.to.toISOString(),
          steps: result.steps,
          fired,
          firedByRule: result.fired,
          failedByRule: result.failed,
        };
      },
    );
  };
}
