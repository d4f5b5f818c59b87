import { CompiledQuery, sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { accountFilter, accountOrder, type AccountFilters, type AccountSort } from "./account-filters.js";
import { toAccountListItem, type AccountListItem } from "./account-view.js";

export interface ListAccountsOptions extends AccountFilters {
  sort: AccountSort;
  dir: "asc" | "desc";
  limit: number;
  offset: number;
}

export interface AccountPage {
  items: AccountListItem[];
  /** Exact up to EXACT_TOTAL_UP_TO matches; beyond that the planner's estimate (totalExact false). */
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
}

/**
 * Counting every match of a broad filter reads the whole table (100,000 wide rows): more than
 * the list's whole time budget on its own. Up to this many the total is exact; past it the
 * list says "about N", which is all a person paging a list that long needs.
 */
export const EXACT_TOTAL_UP_TO = 10_000;

/**
 * One page of the account list. The page's ids are chosen first from the narrow (id, sort key)
 * rows, using the sort's index where there is one, then only those rows are read whole with
 * their people and open-task counts. The total is counted up to EXACT_TOTAL_UP_TO.
 */
export async function listAccounts(ctx: AppContext, o: ListAccountsOptions): Promise<AccountPage> {
  const order = accountOrder(o.sort, o.dir);
  let ids = ctx.db.selectFrom("accounts as a").select("a.id").where(accountFilter(o)).limit(o.limit).offset(o.offset);
  for (const term of order) ids = ids.orderBy(term);
  let query = ctx.db
    .selectFrom(ids.as("p"))
    .innerJoin("accounts as a", "a.id", "p.id")
    .leftJoin("users as ae", "ae.id", "a.ae_user_id")
    .leftJoin("users as ce", "ce.id", "a.ce_user_id")
    .leftJoin("users as ta", "ta.id", "a.ta_user_id")
    .selectAll("a")
    .select(["ae.name as ae_name", "ae.email as ae_email", "ce.name as ce_name", "ce.email as ce_email", "ta.name as ta_name", "ta.email as ta_email"])
    .select((eb) =>
      eb
        .selectFrom("tasks as t")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("t.account_id", "=", "a.id")
        .where("t.status", "!=", "completed")
        .where("t.archived_at", "is", null)
        .as("open_tasks"),
    );
  for (const term of order) query = query.orderBy(term);
  const rows = await query.execute();
  const total = await countMatches(ctx, o, rows.length);
  return { items: rows.map(toAccountListItem), ...total, limit: o.limit, offset: o.offset };
}

async function countMatches(ctx: AppContext, o: ListAccountsOptions, onPage: number): Promise<{ total: number; totalExact: boolean }> {
  // A page that is not full ends the list: the total is known without counting.
  if (onPage < o.limit && (onPage > 0 || o.offset === 0)) return { total: o.offset + onPage, totalExact: true };
  const matches = ctx.db.selectFrom("accounts as a").select(sql<number>`1`.as("one")).where(accountFilter(o));
  const capped = await ctx.db
    .selectFrom(matches.limit(EXACT_TOTAL_UP_TO + 1).as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(capped.n);
  if (n <= EXACT_TOTAL_UP_TO) return { total: n, totalExact: true };
  const estimate = await plannedRows(ctx, matches.compile());
  return { total: Math.max(estimate, EXACT_TOTAL_UP_TO + 1, o.offset + onPage), totalExact: false };
}

/** The planner's row estimate for a query (statistics only: nothing is scanned). */
async function plannedRows(ctx: AppContext, query: CompiledQuery): Promise<number> {
  const result = await ctx.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
  const cell = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof cell === "string" ? JSON.parse(cell) : cell) as [{ Plan?: { "Plan Rows"?: number } }] | undefined;
  return Math.round(plan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}
