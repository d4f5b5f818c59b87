import type { ColumnType, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar day as 'YYYY-MM-DD'. */
type Day = string;

export const RED_TRIGGERS = ["score", "manual"] as const;
export type RedTrigger = (typeof RED_TRIGGERS)[number];

/** S3 tracker: one row per turn to red; at most one open (resolved_at null) per account. */
export interface RedAccountsTable {
  id: string;
  account_id: string;
  trigger: RedTrigger;
  /** The score's main reason, or the person's reason ("champion left"). */
  reason: string;
  score_at_open: number | null;
  opened_at: Timestamp;
  opened_by: string;
  current_state: ColumnType<string, string | undefined, string>;
  business_needs: ColumnType<string, string | undefined, string>;
  updated_at: Timestamp;
  updated_by: string | null;
  resolved_at: NullableTimestamp;
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
}

/** S3 action plan items, each with an owner and a date. */
export interface RedAccountActionsTable {
  id: string;
  red_account_id: string;
  title: string;
  owner_user_id: string | null;
  due_on: Day | null;
  done_at: NullableTimestamp;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** S3 discussion thread. */
export interface RedAccountCommentsTable {
  id: string;
  red_account_id: string;
  author_user_id: string | null;
  author: string;
  body: string;
  created_at: Timestamp;
}

export type RedAccountRow = Selectable<RedAccountsTable>;
export type RedAccountActionRow = Selectable<RedAccountActionsTable>;
export type RedAccountCommentRow = Selectable<RedAccountCommentsTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    red_accounts: RedAccountsTable;
    red_account_actions: RedAccountActionsTable;
    red_account_comments: RedAccountCommentsTable;
  }
}
