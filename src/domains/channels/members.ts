import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack, Role } from "../../platform/pack/pack-schema.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { Subject } from "../../platform/timeline/record.js";
import type { ChannelRow } from "./schema.js";
import { queueSlackSetup, slackMirrorOn } from "./slack-mirror.js";

export interface MemberUser {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badUsers(field: string, message: string, ids: string[]): AppError {
  return new AppError("validation_failed", `${field}: ${message}`, {
    details: { issues: [{ path: ["body", field], message }], ids },
  });
}

/**
 * The users behind these ids, in the order given. Unknown ids are a validation error naming
 * `field`; deactivated users too when `activeOnly`.
 */
export async function loadMemberUsers(
  trx: Transaction<Database>,
  ids: readonly string[],
  o: { field: string; activeOnly: boolean },
): Promise<MemberUser[]> {
  const wanted = [...new Set(ids)];
  const malformed = wanted.filter((id) => !UUID.test(id));
  if (malformed.length > 0) throw badUsers(o.field, `${malformed.join(", ")} is not a user id`, malformed);
  if (wanted.length === 0) return [];
  const rows = await trx.selectFrom("users").select(["id", "name", "email", "role", "active"]).where("id", "in", wanted).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw badUsers(o.field, `no user ${unknown.join(", ")}`, unknown);
  const inactive = wanted.filter((id) => byId.get(id)?.active === false);
  if (o.activeOnly && inactive.length > 0) throw badUsers(o.field, `${inactive.join(", ")} is deactivated`, inactive);
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** T4.1 the trial core team: every active user with one of the pack's core-team roles. */
export async function coreTeam(trx: Transaction<Database>, roles: readonly Role[]): Promise<MemberUser[]> {
  if (roles.length === 0) return [];
  return trx
    .selectFrom("users")
    .select(["id", "name", "email", "role", "active"])
    .where("active", "=", true)
    .where("role", "in", [...roles])
    .orderBy("name")
    .execute();
}

/** Adds the users not yet in the channel; returns those added. */
export async function insertMembers(
  trx: Transaction<Database>,
  channelId: string,
  users: readonly MemberUser[],
  at: Date,
): Promise<MemberUser[]> {
  if (users.length === 0) return [];
  const added = await trx
    .insertInto("channel_members")
    .values(users.map((u) => ({ channel_id: channelId, user_id: u.id, added_at: at })))
    .onConflict((oc) => oc.columns(["channel_id", "user_id"]).doNothing())
    .returning("user_id")
    .execute();
  const ids = new Set(added.map((a) => a.user_id));
  return users.filter((u) => ids.has(u.id));
}

/** Every member of a channel with their email (for the Slack invitations). */
export async function channelMemberUsers(trx: Transaction<Database>, channelId: string): Promise<MemberUser[]> {
  return trx
    .selectFrom("channel_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "u.role", "u.active"])
    .where("m.channel_id", "=", channelId)
    .orderBy("m.added_at")
    .orderBy("u.name")
    .execute();
}

/** "Ann (Account executive), Bo (Customer engineer) and Gil (Growth)" for timeline summaries. */
export function describeMembers(pack: ProcessPack, users: readonly MemberUser[]): string {
  const names = users.map((u) => `${u.name} (${pack.roles[u.role as Role]?.label ?? u.role})`);
  if (names.length <= 1) return names[0] ?? "nobody";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/**
 * Queues the Slack side after members changed: the channel's first setup invites everyone in
 * it; later additions invite just the people added. Nothing without a Slack token.
 */
export async function mirrorMembers(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: { channel: ChannelRow; added: readonly MemberUser[]; actor: Actor; subject?: Subject | undefined },
): Promise<void> {
  if (!slackMirrorOn(ctx)) return;
  const members = o.channel.slack_channel_id === null ? await channelMemberUsers(trx, o.channel.id) : [];
  await queueSlackSetup(trx, ctx, { channel: o.channel, actor: o.actor, subject: o.subject, memberEmails: emailsOf(members), addedEmails: emailsOf(o.added) });
}

const emailsOf = (users: readonly MemberUser[]): string[] => [...new Set(users.filter((u) => u.active).map((u) => u.email.toLowerCase()))];
