import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { Deployment } from "../accounts/schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** What a doc template shows for a value the account does not have yet. */
export const MISSING_VALUE = "—";

const DEPLOYMENT_LABELS: Record<Deployment, string> = { cloud_managed: "Managed cloud", self_hosted: "Self-hosted" };

/**
 * The values doc templates may use, from the account: account (= name), name, closeDate,
 * arr, seats, deployment, aeName, ceName, taName. Missing ones read "—" so a template filled
 * early (H3 runs before close) still renders. Null when the account does not exist.
 */
export async function accountDocVars(db: Executor, accountId: string): Promise<Record<string, string> | null> {
  const a = await db
    .selectFrom("accounts as a")
    .leftJoin("users as ae", "ae.id", "a.ae_user_id")
    .leftJoin("users as ce", "ce.id", "a.ce_user_id")
    .leftJoin("users as ta", "ta.id", "a.ta_user_id")
    .select(["a.name", "a.expected_close_date", "a.closed_on", "a.arr", "a.seats", "a.deployment", "ae.name as ae_name", "ce.name as ce_name", "ta.name as ta_name"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!a) return null;
  const or = (v: string | null | undefined): string => (v === null || v === undefined || v === "" ? MISSING_VALUE : v);
  return {
    account: a.name,
    name: a.name,
    closeDate: or(a.closed_on ?? a.expected_close_date),
    arr: a.arr === null ? MISSING_VALUE : `$${a.arr.toLocaleString("en-US")}`,
    seats: a.seats === null ? MISSING_VALUE : a.seats.toLocaleString("en-US"),
    deployment: a.deployment ? DEPLOYMENT_LABELS[a.deployment] : MISSING_VALUE,
    aeName: or(a.ae_name),
    ceName: or(a.ce_name),
    taName: or(a.ta_name),
  };
}
