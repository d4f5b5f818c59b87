import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, pageOf } from "../../platform/http/pagination.js";
import type { Role } from "../../platform/pack/pack-schema.js";
import { mirrorView, subjectOf, type ChannelSummary, type MemberView, type MessageView } from "./channel-view.js";
import { slackSetupKey } from "./slack-mirror.js";

export interface ChannelDetail extends Omit<ChannelSummary, "lastMessage"> {
  members: MemberView[];
  messages: { items: MessageView[]; nextCursor: string | null };
}

/** One channel: its members (by name) and a page of its messages, newest first. */
export async function getChannel(ctx: AppContext, o: { id: string; cursor?: string | undefined; limit: number }): Promise<ChannelDetail> {
  const row = await ctx.db.selectFrom("channels").selectAll().where("id", "=", o.id).executeTakeFirst();
  if (!row) throw notFound("Channel", o.id);
  const before = decodeCursor(o.cursor);
  const pack = ctx.packs.current();
  const [members, messages, setup] = await Promise.all([
    ctx.db
      .selectFrom("channel_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id", "u.name", "u.email", "u.role", "u.active", "m.added_at"])
      .where("m.channel_id", "=", row.id)
      .orderBy("u.name")
      .execute(),
    messagePage(ctx, row.id, before, o.limit),
    ctx.db
      .selectFrom("outbox_keys as k")
      .innerJoin("outbox as o", "o.id", "k.outbox_id")
      .select(["o.status", "o.last_error"])
      .where("k.idempotency_key", "=", slackSetupKey(row.id))
      .executeTakeFirst(),
  ]);
  const latest = messages.items[0]?.slack;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    subject: subjectOf(row.subject_type, row.subject_id),
    memberCount: members.length,
    slack: mirrorView(ctx, row.slack_channel_id, [
      { status: setup?.status ?? null, error: setup?.last_error ?? null },
      { status: latest?.status ?? null, error: latest?.lastError ?? null },
    ]),
    createdAt: row.created_at,
    members: members.map((m) => ({
      userId: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      roleLabel: pack.roles[m.role as Role]?.label ?? m.role,
      active: m.active,
      addedAt: m.added_at,
    })),
    messages,
  };
}

/** Newest first; the cursor is the last message's id, compared as (at, id) to follow the index. */
async function messagePage(ctx: AppContext, channelId: string, before: number | undefined, limit: number) {
  let query = messageQuery(ctx, channelId).orderBy("m.at", "desc").orderBy("m.id", "desc").limit(limit + 1);
  if (before !== undefined) {
    query = query.where(sql<boolean>`(m.at, m.id) < (select b.at, b.id from channel_messages b where b.id = ${before})`);
  }
  return pageOf((await query.execute()).map(toMessageView), limit);
}

/** One message as the channel page shows it. */
export async function getMessage(ctx: AppContext, channelId: string, messageId: number): Promise<MessageView> {
  const row = await messageQuery(ctx, channelId).where("m.id", "=", messageId).executeTakeFirst();
  if (!row) throw notFound("Message", messageId);
  return toMessageView(row);
}

function messageQuery(ctx: AppContext, channelId: string) {
  return ctx.db
    .selectFrom("channel_messages as m")
    .leftJoin("outbox as o", "o.id", "m.outbox_id")
    .select([
      "m.id",
      "m.at",
      "m.text",
      "m.actor_type",
      "m.actor_id",
      "m.actor_label",
      "m.rule_id",
      "m.pack_version",
      "m.subject_type",
      "m.subject_id",
      "m.outbox_id",
      "o.status",
      "o.attempts",
      "o.last_error",
      "o.next_attempt_at",
      "o.delivered_at",
    ])
    .where("m.channel_id", "=", channelId);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messageQuery>["executeTakeFirstOrThrow"]>>;

function toMessageView(r: MessageRow): MessageView {
  return {
    id: Number(r.id),
    at: r.at,
    text: r.text,
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    ruleId: r.rule_id,
    packVersion: r.pack_version,
    subject: subjectOf(r.subject_type, r.subject_id),
    slack:
      r.outbox_id === null || r.status === null
        ? null
        : {
            outboxId: Number(r.outbox_id),
            status: r.status,
            attempts: r.attempts ?? 0,
            lastError: r.last_error,
            nextAttemptAt: r.next_attempt_at ?? r.at,
            deliveredAt: r.delivered_at,
          },
  };
}
