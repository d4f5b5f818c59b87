import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { Subject } from "../../platform/timeline/record.js";
import { feedChannelName } from "../channels/feed.js";
import { postToChannel } from "../channels/post-to-channel.js";

export interface TrialAlert {
  /** A key of the pack's channels ("trialAlerts", "productQualifiedLeads", "cloudOps"). */
  feed: string;
  text: string;
  subject: Subject;
  actor: Actor;
  idempotencyKey: string;
}

/** Posts to one of the pack's alert feeds (mirrored to Slack when configured). */
export async function postTrialAlert(trx: Transaction<Database>, ctx: AppContext, a: TrialAlert): Promise<void> {
  await postToChannel(trx, ctx, {
    channel: feedChannelName(ctx.packs.current(), a.feed),
    text: a.text,
    subject: a.subject,
    actor: a.actor,
    idempotencyKey: a.idempotencyKey,
  });
}
