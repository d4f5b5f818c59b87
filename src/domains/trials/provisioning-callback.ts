import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { AppServer } from "../../platform/http/server.js";
import { systemActor } from "../../platform/timeline/actor.js";
import { verifyWebhook } from "../../integrations/webhooks/standard-webhooks.js";
import { reportProvisioning, type ReportProvisioningResult } from "./report-provisioning.js";

const callbackBody = z.discriminatedUnion("status", [
  z.object({
    trialId: z.uuid(),
    attempt: z.number().int().positive().optional(),
    status: z.literal("ready"),
    instanceUrl: z.url().max(2000),
    passwordResetUrl: z.url().max(4000),
  }),
  z.object({ trialId: z.uuid(), attempt: z.number().int().positive().optional(), status: z.literal("failed"), error: z.string().trim().min(1).max(2000) }),
]);

/**
 * The webhook provisioner's answer (T6 → T7). The signature is checked over the raw body before
 * anything is parsed, with the injected clock for the 5-minute freshness window, so a forged or
 * replayed-late callback gets 401 and changes nothing. Registered in its own scope because it
 * needs the body as received.
 */
export function provisioningCallbackRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
    app.post(
      "/api/v1/provisioning/callback",
      { bodyLimit: 64 * 1024, schema: { tags: ["trials"], summary: "Signed callback of the webhook provisioner: instance ready or failed" } },
      async (req) => {
        const secret = ctx.config.provisionerSecret;
        if (ctx.config.provisioner !== "webhook" || !secret) throw new AppError("invalid_signature", "The webhook provisioner is not configured here; nothing was changed.");
        const raw = typeof req.body === "string" ? req.body : "";
        const verified = verifyWebhook({ secret, headers: req.headers, body: raw, now: ctx.clock.now() });
        if (!verified.ok) throw new AppError("invalid_signature", `Provisioner callback refused: ${verified.reason}; nothing was changed.`);
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch (e) {
          throw new AppError("invalid_json", `The body is not valid JSON: ${(e as Error).message}`);
        }
        const parsed = callbackBody.safeParse(json);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: ["body", ...i.path.map(String)], message: i.message }));
          throw new AppError("validation_failed", `${issues[0]?.path.join(".") ?? "body"}: ${issues[0]?.message ?? "is invalid"}`, { details: { issues } });
        }
        const b = parsed.data;
        const result: ReportProvisioningResult = await reportProvisioning(ctx, {
          trialId: b.trialId,
          attempt: b.attempt,
          report: b.status === "ready" ? { status: "ready", instanceUrl: b.instanceUrl, passwordResetUrl: b.passwordResetUrl } : { status: "failed", error: b.error },
          actor: systemActor("webhook provisioner"),
          requestId: req.id,
        });
        return result.status === "ready"
          ? { status: "ready", trialId: b.trialId, instanceId: result.handedOff.instanceId, ingestToken: result.handedOff.ingestToken }
          : { status: "failed", trialId: b.trialId };
      },
    );
  };
}
