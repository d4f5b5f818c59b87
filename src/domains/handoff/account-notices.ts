import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";
import { feedChannelName } from "../channels/feed.js";
import { postToChannel } from "../channels/post-to-channel.js";

export const NOT_SET = "not set";

/** The account's page in the web app (emails, alerts, task descriptions). */
export const accountUrl = (ctx: Pick<AppContext, "config">, accountId: string): string => appUrl(ctx.config, `/accounts/${encodeURIComponent(accountId)}`);

/** Variables every hand-off email shares. */
export type AccountVars = { account: string; closeDate: string; accountUrl: string };

export function accountVars(ctx: Pick<AppContext, "config">, account: Pick<AccountRow, "id" | "name" | "expected_close_date">): AccountVars {
  return { account: account.name, closeDate: account.expected_close_date ?? NOT_SET, accountUrl: accountUrl(ctx, account.id) };
}

export interface AccountAlert {
  /** A key of the pack's channels: "accountAlerts" (H1, H3, H5 contacts, L2), "cloudOps" (H5 requests, C3 teardowns) or "gtmOperationsReview" (C1). */
  feed: "accountAlerts" | "cloudOps" | "gtmOperationsReview";
  accountId: string;
  text: string;
  actor: Actor;
  idempotencyKey: string;
}

/** Posts to one of the pack's feeds about an account (mirrored to Slack when configured). Uses only `trx`. */
export async function postAccountAlert(trx: Transaction<Database>, ctx: AppContext, a: AccountAlert): Promise<void> {
  await postToChannel(trx, ctx, {
    channel: feedChannelName(ctx.packs.current(), a.feed),
    text: a.text,
    subject: { type: ACCOUNT_SUBJECT, id: a.accountId },
    actor: a.actor,
    idempotencyKey: a.idempotencyKey,
  });
}
