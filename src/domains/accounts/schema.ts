import type { ColumnType, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** The account book, as far as trial qualification needs it (T4.1); issue 5 grows it. */
export interface AccountsTable {
  id: string;
  name: string;
  /** The company's email domain, lower case; a signup from it matches the account. */
  domain: string | null;
  crm_id: string | null;
  customer: ColumnType<boolean, boolean | undefined, boolean>;
  strategic: ColumnType<boolean, boolean | undefined, boolean>;
  ae_user_id: string | null;
  ce_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AccountRow = Selectable<AccountsTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    accounts: AccountsTable;
  }
}
