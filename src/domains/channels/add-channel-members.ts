import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { describeMembers, insertMembers, loadMemberUsers, mirrorMembers, type MemberUser } from "./members.js";

export interface AddChannelMembersOptions {
  channelId: string;
  userIds: string[];
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Adds people to a channel (unknown or deactivated ids are refused before anything changes);
 * the channel's timeline, and its record's, say who was added. Invites them on Slack when the
 * mirror is on. Returns the people actually added (members already in are skipped).
 */
export async function addChannelMembers(ctx: AppContext, o: AddChannelMembersOptions): Promise<MemberUser[]> {
  const at = ctx.clock.now();
  const pack = ctx.packs.current();
  return ctx.db.transaction().execute(async (trx) => {
    const channel = await trx.selectFrom("channels").selectAll().where("id", "=", o.channelId).executeTakeFirst();
    if (!channel) throw notFound("Channel", o.channelId);
    const users = await loadMemberUsers(trx, o.userIds, { field: "userIds", activeOnly: true });
    const added = await insertMembers(trx, channel.id, users, at);
    if (added.length === 0) return added;
    const summary = `Added ${describeMembers(pack, added)} to ${channel.name}`;
    const subjects = [{ type: "channel", id: channel.id }];
    if (channel.subject_type && channel.subject_id) subjects.push({ type: channel.subject_type, id: channel.subject_id });
    for (const subject of subjects) {
      const data = { channelId: channel.id, channel: channel.name, added: added.map((u) => u.id) };
      await recordChange(trx, { subject, action: "channel.members_added", summary, actor: o.actor, at, data, requestId: o.requestId });
    }
    await mirrorMembers(trx, ctx, { channel, added, actor: o.actor });
    return added;
  });
}
