import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { accountFilter, accountOrder, type AccountFilters, type AccountSort } from "./account-filters.js";
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS } from "./csv-columns.js";
import { csvLine } from "./csv.js";

export interface ExportAccountsOptions extends AccountFilters {
  sort: AccountSort;
  dir: "asc" | "desc";
}

/**
 * Every account the filters match, as CSV (RFC 4180, formula-safe cells). Domains are
 * space-separated, the primary one first; owners are their email addresses.
 */
export async function exportAccountsCsv(ctx: AppContext, o: ExportAccountsOptions): Promise<string> {
  let query = ctx.db
    .selectFrom("accounts as a")
    .leftJoin("users as ae", "ae.id", "a.ae_user_id")
    .leftJoin("users as ce", "ce.id", "a.ce_user_id")
    .select([
      "a.name",
      "a.crm_id",
      "a.account_type",
      "a.expected_close_date",
      "a.arr",
      "a.seats",
      "a.developers",
      "a.contract_start",
      "a.contract_end",
      "a.deployment",
      "ae.email as ae_email",
      "ce.email as ce_email",
      "a.strategic",
      "a.stage",
      "a.segment",
    ])
    // One grouped pass over account_domains joined by hash, not one lookup per account.
    .leftJoin(
      (eb) => eb.selectFrom("account_domains").select(["account_id", sql<string>`string_agg(domain, ' ' order by domain)`.as("domains")]).groupBy("account_id").as("d"),
      (join) => join.onRef("d.account_id", "=", "a.id"),
    )
    .select(["a.domain", "d.domains"])
    .where(accountFilter(o));
  for (const term of accountOrder(o.sort, o.dir)) query = query.orderBy(term);
  const rows = await query.execute();
  const lines = [csvLine([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS])];
  for (const r of rows) {
    lines.push(
      csvLine([
        r.name,
        primaryFirst(r.domains, r.domain),
        r.crm_id,
        r.account_type,
        r.expected_close_date,
        r.arr,
        r.seats,
        r.developers,
        r.contract_start,
        r.contract_end,
        r.deployment,
        r.ae_email,
        r.ce_email,
        r.strategic,
        r.stage,
        r.segment,
      ]),
    );
  }
  return lines.join("");
}

/** Space-separated domains with the primary one first, as the import reads them. */
function primaryFirst(domains: string | null, primary: string | null): string {
  const all = domains ? domains.split(" ") : [];
  return (primary && all.includes(primary) ? [primary, ...all.filter((d) => d !== primary)] : all).join(" ");
}
