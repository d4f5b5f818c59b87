import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange, type Subject } from "../../platform/timeline/record.js";
import { companyChannelName } from "./channel-name.js";
import { findOrCreateChannel } from "./channel-row.js";
import { coreTeam, describeMembers, insertMembers, loadMemberUsers, mirrorMembers, type MemberUser } from "./members.js";

export interface EnsureCompanyChannelOptions {
  company: string;
  /** The record the channel is for ({type: "lead", id}); its timeline says what happened. */
  subject: Subject;
  /** The AE, CE… of the record; deactivated people are left out. */
  memberUserIds: string[];
  actor: Actor;
}

/**
 * T4.1 / T8 / T11: the company's trial channel (pack trials.channelNameTemplate) with the given
 * people and the pack's trial core team. Idempotent: when it exists, only missing members are
 * added. With a Slack token the Slack channel is created (or found) and members invited
 * through the outbox. Uses only `trx`.
 */
export async function ensureCompanyChannel(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: EnsureCompanyChannelOptions,
): Promise<{ channelId: string; name: string; created: boolean }> {
  const pack = ctx.packs.current();
  const at = ctx.clock.now();
  const name = companyChannelName(pack.trials.channelNameTemplate, o.company, `${o.subject.type}-${o.subject.id.slice(0, 8)}`);
  const named = (await loadMemberUsers(trx, o.memberUserIds, { field: "memberUserIds", activeOnly: false })).filter((u) => u.active);
  const core = await coreTeam(trx, pack.trials.coreTeamRoles);
  const wanted = uniqueById([...named, ...core]);

  const { row, created } = await findOrCreateChannel(trx, { name, kind: "company", subject: o.subject, at });
  if (row.kind !== "company") {
    throw new AppError("invalid_state", `${name} is an alert feed of the process pack, not a company channel.`, { details: { name } });
  }
  const added = await insertMembers(trx, row.id, wanted, at);
  const channelSubject = { type: "channel", id: row.id };
  const data = { channelId: row.id, channel: name, added: added.map((u) => u.id) };
  if (created) {
    const summary = added.length > 0 ? `Channel ${name} created with ${describeMembers(pack, added)}` : `Channel ${name} created`;
    for (const subject of [o.subject, channelSubject]) {
      await recordChange(trx, { subject, action: "channel.created", summary, actor: o.actor, at, data });
    }
  } else if (added.length > 0) {
    const summary = `Added ${describeMembers(pack, added)} to ${name}`;
    for (const subject of [o.subject, channelSubject]) {
      await recordChange(trx, { subject, action: "channel.members_added", summary, actor: o.actor, at, data });
    }
  }
  await mirrorMembers(trx, ctx, { channel: row, added, actor: o.actor, subject: o.subject });
  return { channelId: row.id, name, created };
}

function uniqueById(users: MemberUser[]): MemberUser[] {
  const seen = new Set<string>();
  return users.filter((u) => !seen.has(u.id) && Boolean(seen.add(u.id)));
}
