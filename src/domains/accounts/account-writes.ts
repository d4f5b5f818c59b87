import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { applySegmentation } from "../handoff/segmentation.js";
import { evaluateAccountStage } from "../lifecycle/evaluate-stage.js";
import { recordChanges } from "../../platform/timeline/record.js";
import { ACCOUNT_SUBJECT, recordAccountChange } from "./account-records.js";
import { chunks } from "./account-checks.js";
import { addAccountDomains, replaceAccountDomains } from "./account-domains.js";
import { ACCOUNT_COLUMNS, accountColumns, changedFields, listFields, SEGMENT_INPUTS, STAGE_INPUTS, type AccountField, type AccountValues } from "./account-values.js";
import type { AccountRow } from "./schema.js";
import { onChurn } from "../churn/on-churn.js";

/**
 * The writes shared by the API and the CSV import, inside the caller's transaction. The values
 * have been checked (account-checks.ts); these only store them and record the change.
 */
export interface WriteOptions {
  actor: Actor;
  requestId?: string | undefined;
  /** "import" when the CSV import made the change (kept in the timeline data). */
  source?: "api" | "import";
}

export async function insertAccount(trx: Transaction<Database>, ctx: AppContext, v: AccountValues, o: WriteOptions): Promise<string> {
  const [id] = await insertAccounts(trx, ctx, [v], o);
  if (!id) throw new Error("insertAccounts returned no id");
  return id;
}

/**
 * Creates accounts in a few multi-row statements (an import creates thousands); each still
 * gets its own timeline event. Returns the new ids in the order of `values`.
 */
export async function insertAccounts(trx: Transaction<Database>, ctx: AppContext, values: readonly AccountValues[], o: WriteOptions): Promise<string[]> {
  const now = ctx.clock.now();
  const pack = ctx.packs.current();
  const rows = values.map((v) => ({ id: randomUUID(), ...accountColumns(pack, v), created_at: now, updated_at: now }));
  for (const some of chunks(rows, 500)) await trx.insertInto("accounts").values(some).execute();
  await addAccountDomains(
    trx,
    rows.flatMap((r, i) => (values[i]?.domains ?? []).map((domain) => ({ domain, account_id: r.id }))),
    now,
  );
  await recordChanges(
    trx,
    rows.map((row, i) => {
      const v = values[i] as AccountValues;
      return {
        subject: { type: ACCOUNT_SUBJECT, id: row.id },
        at: now,
        actor: o.actor,
        action: "account.created",
        summary: `Created account ${v.name}${v.domains.length ? ` (${v.domains.join(", ")})` : ""}${o.source === "import" ? " from a CSV import" : ""}`,
        data: { values: v, source: o.source ?? "api" },
        requestId: o.requestId,
      };
    }),
  );
  return rows.map((r) => r.id);
}

/** Stores what changed from `before` to `after`; segmentation (H2) runs again when its inputs changed. Returns the changed fields. */
export async function patchAccount(trx: Transaction<Database>, ctx: AppContext, current: AccountRow, before: AccountValues, after: AccountValues, o: WriteOptions): Promise<AccountField[]> {
  const fields = changedFields(before, after);
  if (fields.length === 0) return fields;
  const now = ctx.clock.now();
  const columns = accountColumns(ctx.packs.current(), after);
  const set: Partial<typeof columns> = {};
  for (const field of fields) {
    if (field === "domains") {
      set.domain = columns.domain;
      continue;
    }
    const column = ACCOUNT_COLUMNS[field] as keyof typeof columns;
    Object.assign(set, { [column]: columns[column] });
    if (field === "accountType") set.customer = columns.customer;
  }
  await trx
    .updateTable("accounts")
    .set({ ...set, updated_at: now })
    .where("id", "=", current.id)
    .execute();
  if (fields.includes("domains")) await replaceAccountDomains(trx, current.id, after.domains, now);
  const changes = Object.fromEntries(fields.map((f) => [f, { from: before[f], to: after[f] }]));
  await recordAccountChange(trx, ctx, {
    accountId: current.id,
    actor: o.actor,
    action: "account.updated",
    summary: `Changed ${listFields(fields)}${o.source === "import" ? " (CSV import)" : ""}`,
    data: { changes, source: o.source ?? "api" },
    requestId: o.requestId,
  });
  const types = ctx.packs.current().accounts.types;
  if (fields.includes("accountType") && after.accountType === types.attrited && (current.in_book_at !== null || before.accountType === types.customer)) {
    if (current.in_book_at !== null) await leaveBook(trx, ctx, current, after.accountType, o);
    await onChurn(trx, ctx, current, after.accountType, o.actor);
    return fields;
  }
  if (fields.some((f) => SEGMENT_INPUTS.includes(f))) await applySegmentation(trx, ctx, current.id, o.actor);
  // The stage reads the renewal date and seats (L2–L5): it moves the same day, not at the next daily evaluation.
  if (fields.some((f) => STAGE_INPUTS.includes(f))) await evaluateAccountStage(trx, ctx, current.id, o.actor, { requestId: o.requestId });
  return fields;
}

/**
 * C2: an attrited customer leaves the active customer-success book: no stage, no lifecycle
 * rules. Its history, tasks and docs stay; the stage history says why it ended. The churn's
 * alerts, teardown and post-mortem (C1, C3, C5) follow in patchAccount (churn/on-churn.ts).
 */
async function leaveBook(trx: Transaction<Database>, ctx: AppContext, current: AccountRow, accountType: string, o: WriteOptions): Promise<void> {
  const now = ctx.clock.now();
  await trx
    .updateTable("accounts")
    .set({ in_book_at: null, stage: null, stage_reason: null, stage_since: now, stage_override: null, stage_override_reason: null, stage_override_by: null, stage_override_at: null, updated_at: now })
    .where("id", "=", current.id)
    .execute();
  await recordAccountChange(trx, ctx, {
    accountId: current.id,
    actor: o.actor,
    action: "account.left_book",
    summary: `Left the customer-success book: account type ${accountType}${current.stage ? ` (was ${current.stage})` : ""}`,
    data: { fromStage: current.stage, accountType },
    requestId: o.requestId,
  });
}
