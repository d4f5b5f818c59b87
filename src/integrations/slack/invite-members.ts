import type { DeliveryResult } from "../../platform/outbox/delivery.js";
import type { SlackApi } from "./slack-api.js";

export type Invited = { ok: true; missing: string[] } | { ok: false; result: DeliveryResult };

/** Invitation answers that mean "already done" (a retry after a partial success, the app itself). */
const FINE = new Set(["already_in_channel", "cant_invite_self"]);

/**
 * Invites people to a Slack channel by their email (users.lookupByEmail). People without a
 * Slack user are returned in `missing`, not treated as a failure. Safe to repeat.
 */
export async function inviteByEmail(api: SlackApi, slackId: string, emails: readonly string[]): Promise<Invited> {
  const ids: string[] = [];
  const missing: string[] = [];
  for (const email of emails) {
    const found = await api.get("users.lookupByEmail", { email });
    if (found.ok) {
      const user = found.body.user as { id?: unknown } | undefined;
      if (typeof user?.id === "string") ids.push(user.id);
      else missing.push(email);
    } else if (found.code === "users_not_found" || found.code === "user_not_found") missing.push(email);
    else return { ok: false, result: found.result };
  }
  if (ids.length === 0) return { ok: true, missing };
  const all = await api.post("conversations.invite", { channel: slackId, users: ids.join(",") });
  if (all.ok || FINE.has(all.code)) {
    if (all.ok || ids.length === 1) return { ok: true, missing };
    // One of several was already in: Slack refused the batch, so invite them one by one.
    for (const id of ids) {
      const one = await api.post("conversations.invite", { channel: slackId, users: id });
      if (!one.ok && !FINE.has(one.code)) return { ok: false, result: one.result };
    }
    return { ok: true, missing };
  }
  return { ok: false, result: all.result };
}
