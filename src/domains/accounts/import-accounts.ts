import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { insertAccounts, patchAccount } from "./account-writes.js";
import { planImport } from "./import-plan.js";
import { readImportRows, type ImportError } from "./import-rows.js";

/** Bigger files are split by the person importing: one import is one transaction. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export interface ImportAccountsOptions {
  csv: string;
  /** Check and count only; nothing is written. */
  dryRun: boolean;
  actor: Actor;
  requestId?: string | undefined;
}

export interface ImportReport {
  dryRun: boolean;
  /** Data rows read (blank lines are not counted). */
  rows: number;
  created: number;
  updated: number;
  /** Every problem of every row, by row then column; empty when the file is clean. */
  errors: ImportError[];
}

/**
 * Imports accounts from CSV (docs/accounts.md): each row updates the account with its CRM id,
 * else the one owning one of its domains, else creates one. All or nothing: with any error
 * nothing is written, and the report lists every bad row and field; a clean file is written
 * in one transaction, each account's change on its timeline. Written iff
 * `!dryRun && errors.length === 0`.
 */
export async function importAccounts(ctx: AppContext, o: ImportAccountsOptions): Promise<ImportReport> {
  const bytes = Buffer.byteLength(o.csv, "utf8");
  if (bytes > IMPORT_MAX_BYTES) {
    throw new AppError("payload_too_large", `csv: the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; one import takes at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`, {
      details: { limitBytes: IMPORT_MAX_BYTES, bytes },
    });
  }
  const pack = ctx.packs.current();
  const { rows, errors: cellErrors, dataRows } = readImportRows(pack, o.csv);
  if (dataRows > IMPORT_MAX_ROWS) {
    throw new AppError("payload_too_large", `csv: the file has ${dataRows} rows; one import takes at most ${IMPORT_MAX_ROWS}. Split it into smaller files.`, {
      details: { limitRows: IMPORT_MAX_ROWS, rows: dataRows },
    });
  }
  const report = await ctx.db.transaction().execute(async (trx) => {
    const { plan, errors: planErrors } = await planImport(trx, pack, rows, !o.dryRun);
    const errors = [...cellErrors, ...planErrors].sort((a, b) => a.row - b.row);
    const created = plan.filter((p) => p.action === "create").length;
    const out: ImportReport = { dryRun: o.dryRun, rows: dataRows, created, updated: plan.length - created, errors };
    if (o.dryRun || errors.length > 0) return out;
    const write = { actor: o.actor, requestId: o.requestId, source: "import" as const };
    await insertAccounts(
      trx,
      ctx,
      plan.flatMap((p) => (p.action === "create" ? [p.after] : [])),
      write,
    );
    for (const p of plan) if (p.action === "update") await patchAccount(trx, ctx, p.current, p.before, p.after, write);
    await audit(trx, { actor: o.actor, action: "accounts.imported", at: ctx.clock.now(), data: { rows: dataRows, created: out.created, updated: out.updated }, requestId: o.requestId });
    return out;
  });
  return report;
}
