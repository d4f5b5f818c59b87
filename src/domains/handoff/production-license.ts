import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { AccountRow, Deployment } from "../accounts/schema.js";
import { createSubscription } from "../licenses/create-subscription.js";
import { nameSlug, normalizeTags } from "../licenses/license-terms.js";

export interface ProductionLicenseTerms {
  account: Pick<AccountRow, "id" | "name" | "crm_id">;
  seats: number;
  deployment: Deployment;
  /** The license expires on the contract end ('YYYY-MM-DD', at 00:00 UTC). */
  contractEnd: string;
  /** Contract tags on top of pack handoff.productionLicenseTags. */
  licenseTags: readonly string[];
  /** The instance the subscription belongs to when it is known (a self-hosted instance of the admin). */
  instanceId: string | null;
  actor: Actor;
  requestId?: string | undefined;
}

/** X: managed instances get pack handoff.managedExtraSeats extra seats for operator admins. */
export function productionUserCount(ctx: Pick<AppContext, "packs">, seats: number, deployment: Deployment): number {
  return seats + (deployment === "cloud_managed" ? ctx.packs.current().handoff.managedExtraSeats : 0);
}

/**
 * H5: the production license from the contract on a NEW production subscription (X: a trial
 * keeps its own subscription; conversion and a signed contract start a new one). Uses only `trx`.
 */
export async function issueProductionLicense(
  trx: Transaction<Database>,
  ctx: AppContext,
  t: ProductionLicenseTerms,
): Promise<{ subscriptionId: string; licenseId: string; userCount: number; tags: string[] }> {
  const userCount = productionUserCount(ctx, t.seats, t.deployment);
  const tags = normalizeTags([...ctx.packs.current().handoff.productionLicenseTags, ...t.licenseTags]);
  const created = await createSubscription(trx, ctx, {
    name: t.account.name,
    kind: "production",
    instanceId: t.instanceId,
    crmAccountId: t.account.crm_id,
    userCount,
    tags,
    expiresAt: new Date(`${t.contractEnd}T00:00:00Z`),
    licensee: nameSlug(t.account.name),
    actor: t.actor,
    requestId: t.requestId,
  });
  return { subscriptionId: created.subscriptionId, licenseId: created.licenseId, userCount, tags };
}
