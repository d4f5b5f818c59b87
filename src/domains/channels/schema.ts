import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** feed: an alert feed named in the pack (#cloud-trial-alerts); company: #cloud-trial-<company>. */
export type ChannelKind = "feed" | "company";

export interface ChannelsTable {
  id: string;
  name: string;
  kind: ChannelKind;
  subject_type: string | null;
  subject_id: string | null;
  /** Set once the Slack mirror created or found the channel. */
  slack_channel_id: string | null;
  created_at: Timestamp;
}

export interface ChannelMembersTable {
  channel_id: string;
  user_id: string;
  added_at: Timestamp;
}

export interface ChannelMessagesTable {
  id: Generated<number>;
  channel_id: string;
  at: Timestamp;
  text: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  rule_id: string | null;
  pack_version: string | null;
  /** The record the message is about, linked from the UI. */
  subject_type: string | null;
  subject_id: string | null;
  /** Unique per channel: a second post with the same key is not a second message. */
  idempotency_key: string | null;
  /** The Slack mirror's outbox row, so the UI can show its delivery state. */
  outbox_id: number | null;
}

export type ChannelRow = Selectable<ChannelsTable>;
export type ChannelMessageRow = Selectable<ChannelMessagesTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    channels: ChannelsTable;
    channel_members: ChannelMembersTable;
    channel_messages: ChannelMessagesTable;
  }
}
