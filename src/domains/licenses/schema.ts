import type { ColumnType, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SubscriptionKind = "trial" | "production";

/** X: licenses hang off a subscription; a trial gets its own, conversion creates a new one. */
export interface SubscriptionsTable {
  id: string;
  name: string;
  kind: SubscriptionKind;
  instance_id: string | null;
  trial_id: string | null;
  crm_account_id: string | null;
  created_at: Timestamp;
  created_by: string;
}

/** Immutable (a trigger refuses update and delete): a change is a new license. */
export interface LicensesTable {
  id: string;
  subscription_id: string;
  key_id: string;
  licensee: string;
  user_count: number;
  tags: Json<string[]>;
  expires_at: Timestamp;
  nonce: string;
  license_key: string;
  created_at: Timestamp;
  created_by: string;
}

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type LicenseRow = Selectable<LicensesTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    subscriptions: SubscriptionsTable;
    licenses: LicensesTable;
  }
}
