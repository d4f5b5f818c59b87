import { CompiledQuery, sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { AppContext } from "../../platform/app/context.js";
import { accountFilter, accountOrder, NULLABLE_SORTS, sortKey, type AccountFilters, type AccountSort } from "./account-filters.js";
import { HEALTH_COLUMNS, toAccountListItem, type AccountListItem } from "./account-view.js";
import type { AccountsTable } from "./schema.js";

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
 * Counting every match of a broad filter reads the whole table (100,000 wide rows), more than
 * the list's time budget on its own. Up to this many the total is exact; past it the list
 * says "about N", which is all a person paging a list that long needs.
 */
export const EXACT_TOTAL_UP_TO = 10_000;

/**
 * One page of the account list. The planner's estimate of the matches picks the cheaper way:
 * - a selective filter (estimate up to EXACT_TOTAL_UP_TO): one pass collects the matches as
 *   narrow (id, sort key) rows; their count is the total and the page is cut from them (one
 *   scan, not one for the page and another for the count);
 * - a broad one: the page's ids come in sort order (from the sort's index where there is one)
 *   and the matches are counted up to EXACT_TOTAL_UP_TO + 1; past that the total is the estimate.
 * Either way the page is right whatever the estimate says; only the time differs. Then only the page's
 * rows are read whole, with their people and open-task counts.
 */
export async function listAccounts(ctx: AppContext, o: ListAccountsOptions): Promise<AccountPage> {
  const estimate = await plannedRows(ctx, o);
  const page = (estimate <= EXACT_TOTAL_UP_TO ? await pageFromMatches(ctx, o) : null) ?? (await pageInOrder(ctx, o, estimate));
  return { items: await pageRows(ctx, o, page.ids), total: page.total, totalExact: page.totalExact, limit: o.limit, offset: o.offset };
}

interface PageIds {
  ids: string[];
  total: number;
  totalExact: boolean;
}

/** The page cut from all the matches, or null when there are more than EXACT_TOTAL_UP_TO of them. */
async function pageFromMatches(ctx: AppContext, o: ListAccountsOptions): Promise<PageIds | null> {
  let matches = ctx.db
    .with("m", (db) => db.selectFrom("accounts as a").select(["a.id", sortKey(o.sort).as("k")]).where(accountFilter(o)).limit(EXACT_TOTAL_UP_TO + 1))
    .selectFrom("m")
    .select((eb) => ["m.id", eb.selectFrom("m").select(eb.fn.countAll<number>().as("n")).as("total")])
    .limit(o.limit)
    .offset(o.offset);
  for (const term of accountOrder(o.sort, o.dir, sql.raw("m.k"), sql.raw("m.id"))) matches = matches.orderBy(term);
  const rows = await matches.execute();
  // Past the end no row carries the count.
  const total = rows[0] ? Number(rows[0].total) : o.offset === 0 ? 0 : await countUpTo(ctx, o);
  return total > EXACT_TOTAL_UP_TO ? null : { ids: rows.map((r) => r.id), total, totalExact: true };
}

/** The page in sort order, and the count up to EXACT_TOTAL_UP_TO (or the estimate, when it is far past that). */
async function pageInOrder(ctx: AppContext, o: ListAccountsOptions, estimate: number): Promise<PageIds> {
  const ids = await idsInOrder(ctx, o);
  // A page that is not full ends the list: the total is known without counting.
  if (ids.length < o.limit && (ids.length > 0 || o.offset === 0)) return { ids, total: o.offset + ids.length, totalExact: true };
  const counted = estimate > 2 * EXACT_TOTAL_UP_TO ? Infinity : await countUpTo(ctx, o);
  if (counted <= EXACT_TOTAL_UP_TO) return { ids, total: counted, totalExact: true };
  return { ids, total: Math.max(estimate, EXACT_TOTAL_UP_TO + 1, o.offset + ids.length), totalExact: false };
}

/**
 * The page's ids in sort order. "Empty values last" in both directions is not an order a
 * (key, id) index gives backwards, so a nullable key is read in two parts, each in index
 * order: the accounts with a value, then (when the page reaches past them) those without.
 */
async function idsInOrder(ctx: AppContext, o: ListAccountsOptions): Promise<string[]> {
  const matches = () => ctx.db.selectFrom("accounts as a").select("a.id").where(accountFilter(o));
  const dir = sql.raw(o.dir);
  if (!NULLABLE_SORTS.includes(o.sort)) {
    let q = matches().limit(o.limit).offset(o.offset);
    for (const term of accountOrder(o.sort, o.dir)) q = q.orderBy(term);
    return (await q.execute()).map((r) => r.id);
  }
  const key = sortKey(o.sort);
  const valued = (
    o.sort === "health"
      ? // The score lives in account_health: walked in its (score, account_id) index order.
        await ctx.db
          .selectFrom("account_health as hs")
          .innerJoin("accounts as a", "a.id", "hs.account_id")
          .select("a.id")
          .where(accountFilter(o))
          .where("hs.score", "is not", null)
          .orderBy(sql`hs.score ${dir}`)
          .orderBy(sql`hs.account_id ${dir}`)
          .limit(o.limit)
          .offset(o.offset)
          .execute()
      : await matches()
          .where(sql<boolean>`${key} is not null`)
          .orderBy(sql`${key} ${dir}`)
          .orderBy(sql`a.id ${dir}`)
          .limit(o.limit)
          .offset(o.offset)
          .execute()
  ).map((r) => r.id);
  if (valued.length === o.limit) return valued;
  const before = valued.length > 0 ? o.offset + valued.length : await countRows(ctx, matches().where(sql<boolean>`${key} is not null`));
  const empty = await matches()
    .where(sql<boolean>`${key} is null`)
    .orderBy(sql`a.id ${dir}`)
    .limit(o.limit - valued.length)
    .offset(Math.max(0, o.offset - before))
    .execute();
  return [...valued, ...empty.map((r) => r.id)];
}

async function pageRows(ctx: AppContext, o: ListAccountsOptions, ids: string[]): Promise<AccountListItem[]> {
  if (ids.length === 0) return [];
  let query = ctx.db
    .selectFrom("accounts as a")
    .leftJoin("users as ae", "ae.id", "a.ae_user_id")
    .leftJoin("users as ce", "ce.id", "a.ce_user_id")
    .leftJoin("users as ta", "ta.id", "a.ta_user_id")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .selectAll("a")
    .select(["ae.name as ae_name", "ae.email as ae_email", "ce.name as ce_name", "ce.email as ce_email", "ta.name as ta_name", "ta.email as ta_email"])
    .select(HEALTH_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("tasks as t")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("t.account_id", "=", "a.id")
        .where("t.status", "!=", "completed")
        .where("t.archived_at", "is", null)
        .as("open_tasks"),
    )
    .where("a.id", "in", ids);
  for (const term of accountOrder(o.sort, o.dir)) query = query.orderBy(term);
  return (await query.execute()).map(toAccountListItem);
}

/** Matches up to EXACT_TOTAL_UP_TO + 1 (for a page past the end, where step 1 returns no row to carry the count). */
async function countUpTo(ctx: AppContext, o: AccountFilters): Promise<number> {
  return countRows(ctx, ctx.db.selectFrom("accounts as a").select("a.id").where(accountFilter(o)).limit(EXACT_TOTAL_UP_TO + 1));
}

async function countRows(ctx: AppContext, rows: SelectQueryBuilder<Database & { a: AccountsTable }, "a", { id: string }>): Promise<number> {
  const row = await ctx.db
    .selectFrom(rows.as("m"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The planner's row estimate for the filter (statistics only: nothing is scanned). */
async function plannedRows(ctx: AppContext, o: AccountFilters): Promise<number> {
  const query = ctx.db.selectFrom("accounts as a").select("a.id").where(accountFilter(o)).compile();
  const result = await ctx.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
  const cell = Object.values(result.rows[0] ?? {})[0];
  const plan = (typeof cell === "string" ? JSON.parse(cell) : cell) as [{ Plan?: { "Plan Rows"?: number } }] | undefined;
  return Math.round(plan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}
