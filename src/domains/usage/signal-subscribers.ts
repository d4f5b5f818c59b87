import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { UsageSignal } from "./signals.js";
import { onTrialUsageSignal } from "../trials/lifecycle/on-usage-signal.js";

/**
 * Domains that react to usage signals (trials on T11 PQL and T9 activity, lifecycle and
 * health on utilisation) register here. A subscriber runs inside the ingest transaction, so
 * its changes commit with the signal or not at all; it must not call out (use the outbox).
 */
export type UsageSignalSubscriber = (trx: Transaction<Database>, ctx: AppContext, signal: UsageSignal) => Promise<void>;

export const usageSignalSubscribers: readonly UsageSignalSubscriber[] = [onTrialUsageSignal];
