import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { AppError, invalidField, notFound } from "../../platform/errors/app-error.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import type { Deployment } from "../accounts/schema.js";
import { evaluateAccountStage } from "../lifecycle/evaluate-stage.js";
import { refuseArchived } from "./account-guards.js";
import { formatCount, formatMoney } from "./formats.js";
import { requestProductionInstance } from "./production-instance-request.js";
import { issueProductionLicense } from "./production-license.js";
import { applySegmentation } from "./segmentation.js";

export interface CloseAccountOptions {
  accountId: string;
  /** The signature day ('YYYY-MM-DD'); not in the future. */
  closedOn: string;
  contractStart: string;
  /** The renewal date; after contractStart and in the future (the license expires on it). */
  contractEnd: string;
  arr: number;
  seats: number;
  deployment: Deployment;
  /** The customer's instance admin (H5 instance-to-admin mapping). */
  adminEmail?: string | null | undefined;
  /** Contract tags for the license, on top of pack handoff.productionLicenseTags. */
  licenseTags?: readonly string[] | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

export interface CloseAccountResult {
  subscriptionId: string;
  licenseId: string;
  productionInstanceTaskId: string | null;
}

function checkDates(o: CloseAccountOptions, today: string): void {
  if (o.contractEnd <= o.contractStart) throw invalidField("contractEnd", `must be after contractStart (${o.contractStart})`);
  if (o.closedOn > today) throw invalidField("closedOn", `must not be in the future (today is ${today})`);
  if (o.contractEnd <= today) throw invalidField("contractEnd", "must be in the future: the production license expires on it");
  if (o.seats < 1) throw invalidField("seats", "must be at least 1 (the production license's users)");
}

/**
 * H5: records the signed deal and everything that follows from it, in one transaction: the
 * account becomes a customer (pack accounts.types.customer) with its contract facts; a
 * production license on a new subscription; for managed cloud a production instance request;
 * the instance-to-admin mapping; the account in the book, re-segmented, and its stage
 * re-evaluated (L2 `1. Onboarding` from the close day). Closing twice is refused (409).
 */
export async function closeAccount(ctx: AppContext, o: CloseAccountOptions): Promise<CloseAccountResult> {
  const now = ctx.clock.now();
  checkDates(o, utcDateKey(now));
  const pack = ctx.packs.current();
  const adminEmail = o.adminEmail?.trim().toLowerCase() || null;
  return ctx.db.transaction().execute(async (trx): Promise<CloseAccountResult> => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    if (account.closed_on !== null) {
      throw new AppError("invalid_state", `Account ${account.name} was already closed on ${account.closed_on}.`, { details: { closedOn: account.closed_on } });
    }
    const adminInstances = adminEmail
      ? await trx
          .selectFrom("instances")
          .select(["id", "slug"])
          .where("account_id", "=", account.id)
          .where("status", "=", "active")
          .where(sql<boolean>`lower(admin_email) = ${adminEmail}`)
          .orderBy("slug")
          .execute()
      : [];
    await trx
      .updateTable("accounts")
      .set({
        account_type: pack.accounts.types.customer,
        customer: true,
        closed_on: o.closedOn,
        contract_start: o.contractStart,
        contract_end: o.contractEnd,
        arr: o.arr,
        seats: o.seats,
        deployment: o.deployment,
        in_book_at: account.in_book_at ?? now,
        updated_at: now,
      })
      .where("id", "=", account.id)
      .execute();
    const deploymentText = o.deployment === "cloud_managed" ? "managed cloud" : "self-hosted";
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.closed",
      summary: `Closed on ${o.closedOn}: ${formatMoney(o.arr)} ARR, ${formatCount(o.seats)} seats, ${deploymentText}, renewal on ${o.contractEnd}`,
      data: {
        accountType: { from: account.account_type, to: pack.accounts.types.customer },
        closedOn: o.closedOn,
        contractStart: o.contractStart,
        contractEnd: o.contractEnd,
        arr: { from: account.arr, to: o.arr },
        seats: { from: account.seats, to: o.seats },
        deployment: { from: account.deployment, to: o.deployment },
        adminEmail,
        adminInstances: adminInstances.map((i) => i.slug),
        enteredBook: account.in_book_at === null,
      },
      requestId: o.requestId,
    });
    // A self-hosted customer's instance of this admin is where the production license goes.
    const only = adminInstances.length === 1 ? adminInstances[0] : undefined;
    const license = await issueProductionLicense(trx, ctx, {
      account,
      seats: o.seats,
      deployment: o.deployment,
      contractEnd: o.contractEnd,
      licenseTags: o.licenseTags ?? [],
      instanceId: o.deployment === "self_hosted" && only ? only.id : null,
      actor: o.actor,
      requestId: o.requestId,
    });
    await trx.updateTable("accounts").set({ production_subscription_id: license.subscriptionId }).where("id", "=", account.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.production_license_issued",
      summary: `Production license: ${formatCount(license.userCount)} users until ${o.contractEnd} (${license.tags.join(", ")})`,
      data: { subscriptionId: license.subscriptionId, licenseId: license.licenseId, userCount: license.userCount, tags: license.tags },
      requestId: o.requestId,
    });
    const request =
      o.deployment === "cloud_managed"
        ? await requestProductionInstance(trx, ctx, {
            account,
            seats: o.seats,
            licenseUsers: license.userCount,
            adminEmail,
            adminInstances: adminInstances.map((i) => i.slug),
            actor: o.actor,
          })
        : null;
    await applySegmentation(trx, ctx, account.id, o.actor);
    await evaluateAccountStage(trx, ctx, account.id, o.actor, { requestId: o.requestId });
    return { subscriptionId: license.subscriptionId, licenseId: license.licenseId, productionInstanceTaskId: request?.taskId ?? null };
  });
}
