import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { provisioningDueAt } from "../../platform/calendar/business-calendar.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { createTrialLicense } from "../licenses/create-trial-license.js";
import { activeUsersWithRole } from "./recipients.js";
import { recordTrialChange } from "./trial-records.js";
import { postTrialAlert } from "./trial-alerts.js";
import { queueEmail } from "./queue-email.js";
import type { TrialRow } from "./schema.js";

export interface RequestProvisioningOptions {
  trial: TrialRow;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * T6: sends the trial-instance request to the configured provisioner and, on the first attempt,
 * creates the trial license. The SLA clock (X) starts at signup, so it is set once and kept
 * across retries. Webhook provisioner: a signed request through the outbox; manual: a task for
 * cloud ops (email + the cloud-ops feed) that someone closes with "Mark ready".
 */
export async function requestProvisioning(trx: Transaction<Database>, ctx: AppContext, o: RequestProvisioningOptions): Promise<TrialRow> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const { trial } = o;
  const lead = await trx.selectFrom("leads").select(["id", "created_at", "account_id"]).where("id", "=", trial.lead_id).executeTakeFirstOrThrow();
  const attempt = trial.provisioning_attempt + 1;
  const dueAt = trial.provisioning_due_at ?? provisioningDueAt(pack, lead.created_at);
  const license =
    trial.provisioning_attempt === 0
      ? await createTrialLicense(trx, ctx, {
          trialId: trial.id,
          customerName: trial.company,
          // The trial's 30 days start at hand-off; the license also covers the decision window after it (T10).
          expiresAt: new Date(now.getTime() + (pack.trials.lengthDays + pack.trials.decisionWithinDaysAfterEnd + 1) * DAY_MS),
          actor: o.actor,
        })
      : await latestTrialLicense(trx, trial.id);
  const updated = await trx
    .updateTable("trials")
    .set({
      state: "provisioning",
      provisioning_requested_at: now,
      provisioning_due_at: dueAt,
      provisioning_attempt: attempt,
      provisioning_error: null,
      updated_at: now,
    })
    .where("id", "=", trial.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const trialUrl = appUrl(ctx.config, `/trials/${trial.id}`);
  if (trial.provisioner === "webhook") {
    await enqueue(trx, {
      channel: "provision",
      payload: {
        action: "create",
        trialId: trial.id,
        body: {
          attempt,
          slug: trial.slug,
          company: trial.company,
          adminEmail: trial.admin_email,
          adminName: trial.admin_name,
          licenseKey: license?.licenseKey ?? null,
          dueAt: dueAt.toISOString(),
          callbackUrl: appUrl(ctx.config, "/api/v1/provisioning/callback"),
        },
      },
      idempotencyKey: `T6.provision:trial:${trial.id}:${attempt}`,
      at: now,
      pack,
      subject: { type: "trial", id: trial.id },
      actor: o.actor,
    });
  } else {
    const cloudOps = await activeUsersWithRole(trx, ["cloud_ops"]);
    await queueEmail(trx, ctx, {
      template: "provisioningTask",
      to: cloudOps.map((u) => u.email),
      vars: { company: trial.company, slug: trial.slug, adminEmail: trial.admin_email, dueAt: dueAt.toISOString(), trialUrl },
      idempotencyKey: `T6.provision-task:trial:${trial.id}:${attempt}`,
      subject: { type: "trial", id: trial.id },
      actor: o.actor,
    });
  }
  await postTrialAlert(trx, ctx, {
    feed: "cloudOps",
    text: `Provisioning requested for ${trial.company} (${trial.slug}), ${trial.provisioner} provisioner, attempt ${attempt}, SLA due ${dueAt.toISOString()}: ${trialUrl}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `T6.provision-alert:trial:${trial.id}:${attempt}`,
  });
  await recordTrialChange(trx, ctx, {
    trial: updated,
    actor: o.actor,
    action: "trial.provisioning_requested",
    summary: `Provisioning requested (${trial.provisioner} provisioner, attempt ${attempt})`,
    data: { attempt, provisioner: trial.provisioner, dueAt: dueAt.toISOString(), licenseId: license?.licenseId ?? null },
    requestId: o.requestId,
  });
  return updated;
}

async function latestTrialLicense(trx: Transaction<Database>, trialId: string): Promise<{ licenseId: string; licenseKey: string } | null> {
  const row = await trx
    .selectFrom("licenses as l")
    .innerJoin("subscriptions as s", "s.id", "l.subscription_id")
    .select(["l.id", "l.license_key"])
    .where("s.trial_id", "=", trialId)
    .orderBy("l.created_at", "desc")
    .executeTakeFirst();
  return row ? { licenseId: row.id, licenseKey: row.license_key } : null;
}
