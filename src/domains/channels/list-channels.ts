import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { mirrorView, subjectOf, type ChannelSummary } from "./channel-view.js";
import type { ChannelKind } from "./schema.js";
import { slackSetupKey } from "./slack-mirror.js";

export interface ListChannelsOptions {
  q?: string | undefined;
  kind?: ChannelKind | undefined;
  cursor?: string | undefined;
  limit: number;
}

const encode = (name: string) => Buffer.from(name).toString("base64url");
function decode(cursor: string): string {
  const name = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^#[a-z0-9][a-z0-9_-]*$/.test(name)) {
    throw new AppError("validation_failed", "query.cursor: is not a cursor this API returned.", {
      details: { issues: [{ path: ["query", "cursor"], message: "is not a cursor this API returned" }] },
    });
  }
  return name;
}

/** Channels by name (keyset-paginated) with member count, last message and Slack mirror state. */
export async function listChannels(ctx: AppContext, o: ListChannelsOptions): Promise<{ items: ChannelSummary[]; nextCursor: string | null }> {
  let query = ctx.db
    .selectFrom("channels as c")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("channel_messages as m")
          .leftJoin("outbox as mo", "mo.id", "m.outbox_id")
          .select(["m.id", "m.at", "m.text", "m.actor_label", "mo.status", "mo.last_error"])
          .whereRef("m.channel_id", "=", "c.id")
          .orderBy("m.at", "desc")
          .orderBy("m.id", "desc")
          .limit(1)
          .as("last"),
      (join) => join.onTrue(),
    )
    .leftJoin("outbox_keys as sk", (join) => join.on("sk.idempotency_key", "=", sql<string>`${slackSetupKey("")} || c.id::text`))
    .leftJoin("outbox as so", "so.id", "sk.outbox_id")
    .selectAll("c")
    .select((eb) => [
      eb.selectFrom("channel_members as cm").whereRef("cm.channel_id", "=", "c.id").select(sql<number>`count(*)::int`.as("n")).as("member_count"),
      "last.id as last_id",
      "last.at as last_at",
      "last.text as last_text",
      "last.actor_label as last_actor",
      "last.status as last_status",
      "last.last_error as last_error",
      "so.status as setup_status",
      "so.last_error as setup_error",
    ])
    .orderBy("c.name")
    .limit(o.limit + 1);
  if (o.kind) query = query.where("c.kind", "=", o.kind);
  if (o.cursor) query = query.where("c.name", ">", decode(o.cursor));
  const q = o.q?.trim();
  if (q) query = query.where("c.name", "ilike", `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const rows = await query.execute();
  const page = rows.slice(0, o.limit);
  const items = page.map((r): ChannelSummary => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    subject: subjectOf(r.subject_type, r.subject_id),
    memberCount: Number(r.member_count ?? 0),
    lastMessage: r.last_id === null || r.last_at === null ? null : { id: Number(r.last_id), at: r.last_at, text: r.last_text ?? "", actorLabel: r.last_actor ?? "" },
    slack: mirrorView(ctx, r.slack_channel_id, [
      { status: r.setup_status, error: r.setup_error },
      { status: r.last_status, error: r.last_error },
    ]),
    createdAt: r.created_at,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > o.limit && last ? encode(last.name) : null };
}
