import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { SubscriptionRow } from "./schema.js";

/** The subscription T6 opened for a trial; a clear error when the trial has none. */
export async function trialSubscription(trx: Transaction<Database>, trialId: string): Promise<SubscriptionRow> {
  const sub = await trx
    .selectFrom("subscriptions")
    .selectAll()
    .where("trial_id", "=", trialId)
    .where("kind", "=", "trial")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!sub) throw new AppError("not_found", `Trial ${trialId} has no trial subscription (createTrialLicense was not run for it).`, { details: { what: "subscription", trialId } });
  return sub;
}
