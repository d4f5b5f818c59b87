import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { addWorkingDays } from "../../platform/calendar/business-calendar.js";
import { zonedParts } from "../../platform/calendar/zoned-time.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";
import { createTask } from "../tasks/create-task.js";
import { queueEmail } from "../trials/queue-email.js";
import { activeUsersWithRole, emailsOf } from "../trials/recipients.js";
import { accountVars, postAccountAlert } from "./account-notices.js";
import { formatCount } from "./formats.js";

const SOURCE = "H5.close";

export interface ProductionInstanceRequest {
  account: Pick<AccountRow, "id" | "name" | "expected_close_date">;
  seats: number;
  licenseUsers: number;
  /** The customer's admin for the new instance; null when the close did not name one. */
  adminEmail: string | null;
  /** Slugs of the account's existing instances whose admin is that person (the instance-to-admin mapping). */
  adminInstances: string[];
  actor: Actor;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** X: the new production instance's SLA, in working days of the business calendar, as the local day it ends on. */
export function productionInstanceDue(ctx: Pick<AppContext, "packs">, from: Date): { dueAt: Date; dueOn: string } {
  const pack = ctx.packs.current();
  const dueAt = addWorkingDays(pack.businessCalendar, from, pack.handoff.productionInstanceSlaWorkingDays);
  const local = zonedParts(pack.businessCalendar.timeZone, dueAt.getTime());
  return { dueAt, dueOn: `${local.year}-${pad(local.month)}-${pad(local.day)}` };
}

/**
 * H5 for a managed cloud deployment: the production instance request is a cloud_ops team task
 * due at the X SLA (pack handoff.productionInstanceSlaWorkingDays working days from now),
 * an email to cloud ops (productionInstanceRequest) and a post to the cloud-ops feed.
 * Uses only `trx`.
 */
export async function requestProductionInstance(trx: Transaction<Database>, ctx: AppContext, r: ProductionInstanceRequest): Promise<{ taskId: string; dueOn: string }> {
  const pack = ctx.packs.current();
  const slaDays = pack.handoff.productionInstanceSlaWorkingDays;
  const { dueAt, dueOn } = productionInstanceDue(ctx, ctx.clock.now());
  const admin = r.adminEmail ?? "not given yet";
  const mapping = r.adminInstances.length > 0 ? ` Existing instances with this admin: ${r.adminInstances.join(", ")}.` : "";
  const vars = accountVars(ctx, r.account);
  const task = await createTask(trx, ctx, {
    title: `Production instance for ${r.account.name}`,
    description: `Provision the managed production instance for ${r.account.name}. Seats: ${formatCount(r.seats)} (license ${formatCount(r.licenseUsers)} users). Admin: ${admin}.${mapping} SLA: ${slaDays} working days, by ${dueAt.toISOString()}. Account: ${vars.accountUrl}`,
    team: "cloud_ops",
    dueOn,
    accountId: r.account.id,
    source: SOURCE,
    sourceKey: `${SOURCE}:${r.account.id}:production-instance`,
    actor: r.actor,
  });
  const cloudOps = await activeUsersWithRole(trx, ["cloud_ops"]);
  const key = `${SOURCE}:account:${r.account.id}:production-instance`;
  await queueEmail(trx, ctx, {
    template: "productionInstanceRequest",
    to: emailsOf(cloudOps),
    vars: { ...vars, seats: formatCount(r.seats), licenseUsers: formatCount(r.licenseUsers), adminEmail: admin, dueOn, slaDays },
    idempotencyKey: key,
    subject: { type: ACCOUNT_SUBJECT, id: r.account.id },
    actor: r.actor,
  });
  await postAccountAlert(trx, ctx, {
    feed: "cloudOps",
    accountId: r.account.id,
    text: `Production instance request: ${r.account.name} signed for managed cloud. Seats ${formatCount(r.seats)} (license ${formatCount(r.licenseUsers)} users), admin ${admin}. SLA: by ${dueOn} (${slaDays} working days). ${vars.accountUrl}`,
    actor: r.actor,
    idempotencyKey: `${key}:post`,
  });
  return { taskId: task.id, dueOn };
}
