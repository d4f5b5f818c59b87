import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { handOffTrial, type HandedOff } from "./hand-off.js";
import type { TrialRow } from "./schema.js";
import { postTrialAlert } from "./trial-alerts.js";
import { recordTrialChange } from "./trial-records.js";

export type ProvisioningReport =
  | { status: "ready"; instanceUrl: string; passwordResetUrl: string }
  | { status: "failed"; error: string };

export interface ReportProvisioningOptions {
  trialId: string;
  report: ProvisioningReport;
  actor: Actor;
  /** The webhook provisioner's attempt number, when it says; a report for an older attempt is refused. */
  attempt?: number | undefined;
  requestId?: string | undefined;
}

export type ReportProvisioningResult = { status: "ready"; handedOff: HandedOff } | { status: "failed"; trial: TrialRow };

/**
 * The provisioner's answer, from the signed callback (webhook) or the "Mark ready" form
 * (manual): ready hands the instance off (T7); failed keeps the trial's slot, records the
 * error and alerts cloud ops, and a person can retry. Only a trial waiting for its instance
 * accepts a report, so a repeated callback cannot hand off twice.
 */
export async function reportProvisioning(ctx: AppContext, o: ReportProvisioningOptions): Promise<ReportProvisioningResult> {
  const result = await ctx.db.transaction().execute(async (trx): Promise<ReportProvisioningResult> => {
    const trial = await trx.selectFrom("trials").selectAll().where("id", "=", o.trialId).forUpdate().executeTakeFirst();
    if (!trial) throw notFound("Trial", o.trialId);
    if (trial.state !== "provisioning" && trial.state !== "provisioning_failed") {
      throw new AppError("invalid_state", `Trial ${trial.slug} is ${trial.state}, not waiting for its instance; nothing was changed.`);
    }
    if (o.attempt !== undefined && o.attempt !== trial.provisioning_attempt) {
      throw new AppError("conflict", `This report is for provisioning attempt ${o.attempt}; attempt ${trial.provisioning_attempt} is current.`);
    }
    if (o.report.status === "ready") {
      return { status: "ready", handedOff: await handOffTrial(trx, ctx, { trial, instanceUrl: o.report.instanceUrl, passwordResetUrl: o.report.passwordResetUrl, actor: o.actor, requestId: o.requestId }) };
    }
    const now = ctx.clock.now();
    const failed = await trx
      .updateTable("trials")
      .set({ state: "provisioning_failed", provisioning_error: o.report.error, updated_at: now })
      .where("id", "=", trial.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordTrialChange(trx, ctx, { trial, actor: o.actor, action: "trial.provisioning_failed", summary: `Provisioning failed: ${o.report.error}`, data: { attempt: trial.provisioning_attempt, error: o.report.error }, requestId: o.requestId });
    await postTrialAlert(trx, ctx, {
      feed: "cloudOps",
      text: `Provisioning of ${trial.slug} for ${trial.company} failed (attempt ${trial.provisioning_attempt}): ${o.report.error}. Retry: ${appUrl(ctx.config, `/trials/${trial.id}`)}`,
      subject: { type: "trial", id: trial.id },
      actor: o.actor,
      idempotencyKey: `T6.failed:trial:${trial.id}:${trial.provisioning_attempt}`,
    });
    return { status: "failed", trial: failed };
  });
  ctx.notifyOutbox();
  return result;
}
