import type { ColumnType, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type InstanceKind = "trial" | "production";
export type InstanceStatus = "active" | "terminated";

export interface InstancesTable {
  id: string;
  slug: string;
  name: string;
  kind: InstanceKind;
  status: ColumnType<InstanceStatus, InstanceStatus | undefined, InstanceStatus>;
  company: string | null;
  admin_email: string | null;
  seats: number | null;
  /** Where the instance lives (set by the provisioner's ready callback for trials). */
  url: ColumnType<string | null, string | null | undefined, string | null>;
  /** T3: with SSO a colleague of the admin signs in directly; without, they request access. */
  sso_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** The customer account the instance belongs to (issue 5); null for an unmatched trial. */
  account_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** sha256 of the ingestion token; the token itself is shown once and never stored. */
  ingest_token_hash: string | null;
  ingest_token_prefix: string | null;
  ingest_token_rotated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type InstanceRow = Selectable<InstancesTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    instances: InstancesTable;
  }
}
