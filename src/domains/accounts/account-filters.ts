import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { escapeLike } from "../../platform/timeline/list-audit.js";
import type { AccountsTable } from "./schema.js";

export const USAGE_BANDS = ["under50", "50to80", "over80", "none"] as const;
export type UsageBand = (typeof USAGE_BANDS)[number];

export const ACCOUNT_SORTS = ["name", "arr", "renewal", "close", "stage", "segment", "usage", "updated", "health"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** S1 health bands as the list filters them; `unscored` = no band yet. */
export const HEALTH_BAND_FILTERS = ["green", "yellow", "red", "unscored"] as const;
export type HealthBandFilter = (typeof HEALTH_BAND_FILTERS)[number];

/** The list's filters (also the export's); every one optional, all of them combine with AND. */
export interface AccountFilters {
  /** Part of the name or of any of the account's domains. */
  q?: string | undefined;
  segment?: string | undefined;
  stage?: string | undefined;
  type?: string | undefined;
  /** A person on the team in any seat: AE, CE, TA, TPM or IE. */
  owner?: string | undefined;
  inBook?: boolean | undefined;
  /** Contract end (renewal date) on or after / on or before. */
  renewalFrom?: string | undefined;
  renewalTo?: string | undefined;
  arrMin?: number | undefined;
  arrMax?: number | undefined;
  usage?: UsageBand | undefined;
  /** Any of these health bands. */
  healthBand?: readonly HealthBandFilter[] | undefined;
  /** Only accounts whose score lacks some input (true), or only those with every input (false). */
  missingData?: boolean | undefined;
}

type AccountsAs = Database & { a: AccountsTable };

/** What part of a domain name can look like. */
const DOMAIN_TEXT = /^[a-z0-9.-]+$/;

/**
 * MAU per seat bands, as the API names them (under 50%, 50–80%, 80% and over). They are the
 * filter's vocabulary, not process thresholds, so they do not follow the pack's targets.
 */
const BAND_LOW = 0.5;
const BAND_HIGH = 0.8;

/** The WHERE clause over `accounts as a`; archived accounts are never listed. */
export function accountFilter(f: AccountFilters) {
  return (eb: ExpressionBuilder<AccountsAs, "a">): Expression<SqlBool> => {
    const where: Expression<SqlBool>[] = [eb("a.archived_at", "is", null)];
    const q = f.q?.trim().toLowerCase();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      // Text no domain can contain ("acme corp") looks at names only. Otherwise the ids matching
      // by name or by a domain are gathered first (each side can use a trigram index) and the
      // accounts fetched by id, rather than testing every account against both.
      where.push(
        DOMAIN_TEXT.test(q)
          ? eb(
              "a.id",
              "in",
              eb
                .selectFrom("accounts as n")
                .select("n.id")
                .where((inner) => inner(inner.fn("lower", ["n.name"]), "like", pattern))
                .unionAll(eb.selectFrom("account_domains as d").select("d.account_id as id").where("d.domain", "like", pattern)),
            )
          : eb(eb.fn("lower", ["a.name"]), "like", pattern),
      );
    }
    if (f.segment) where.push(eb("a.segment", "=", f.segment));
    if (f.stage) where.push(eb("a.stage", "=", f.stage));
    if (f.type) where.push(eb("a.account_type", "=", f.type));
    if (f.owner) {
      const o = f.owner;
      where.push(eb.or([eb("a.ae_user_id", "=", o), eb("a.ce_user_id", "=", o), eb("a.ta_user_id", "=", o), eb("a.tpm_user_id", "=", o), eb("a.ie_user_id", "=", o)]));
    }
    if (f.inBook !== undefined) where.push(eb("a.in_book_at", f.inBook ? "is not" : "is", null));
    if (f.renewalFrom) where.push(eb("a.contract_end", ">=", f.renewalFrom));
    if (f.renewalTo) where.push(eb("a.contract_end", "<=", f.renewalTo));
    if (f.arrMin !== undefined) where.push(eb("a.arr", ">=", f.arrMin));
    if (f.arrMax !== undefined) where.push(eb("a.arr", "<=", f.arrMax));
    switch (f.usage) {
      case undefined:
        break;
      case "none":
        where.push(eb("a.usage_mau_per_seat", "is", null));
        break;
      case "under50":
        where.push(eb("a.usage_mau_per_seat", "<", BAND_LOW));
        break;
      case "50to80":
        where.push(eb.and([eb("a.usage_mau_per_seat", ">=", BAND_LOW), eb("a.usage_mau_per_seat", "<", BAND_HIGH)]));
        break;
      case "over80":
        where.push(eb("a.usage_mau_per_seat", ">=", BAND_HIGH));
        break;
    }
    // S1's score in force lives in account_health (a row once scored): an account with no row,
    // or with a null band, is unscored.
    if (f.healthBand && f.healthBand.length > 0) {
      const bands = f.healthBand.filter((b) => b !== "unscored");
      const either: Expression<SqlBool>[] =
        bands.length > 0 ? [eb("a.id", "in", eb.selectFrom("account_health as hb").select("hb.account_id").where("hb.band", "in", bands))] : [];
      if (f.healthBand.includes("unscored")) {
        either.push(eb.not(eb.exists(eb.selectFrom("account_health as hu").select("hu.account_id").whereRef("hu.account_id", "=", "a.id").where("hu.band", "is not", null))));
      }
      where.push(eb.or(either));
    }
    if (f.missingData !== undefined) {
      const missing = eb.selectFrom("account_health as hm").select("hm.account_id").where("hm.missing_data", "=", true);
      where.push(f.missingData ? eb("a.id", "in", missing) : eb("a.id", "not in", missing));
    }
    return eb.and(where);
  };
}

/** The sort's key over `accounts as a`. */
export const sortKey = (sort: AccountSort): RawBuilder<unknown> => sql.raw(SORT_KEYS[sort]);

/**
 * ORDER BY for the sort: empty values last in either direction, ties broken by id so pages
 * never overlap. `key` and `id` default to the accounts row; a query over (id, k) rows passes its own.
 */
export function accountOrder(sort: AccountSort, dir: "asc" | "desc", key: RawBuilder<unknown> = sortKey(sort), id: RawBuilder<unknown> = sql.raw("a.id")) {
  const d = sql.raw(dir);
  return NULLABLE_SORTS.includes(sort) ? [sql`${key} ${d} nulls last`, sql`${id} ${d}`] : [sql`${key} ${d}`, sql`${id} ${d}`];
}

/** Sort keys an account may have no value for (name and updated-at always have one, so their order is a plain index order). */
export const NULLABLE_SORTS: readonly AccountSort[] = ["arr", "renewal", "close", "stage", "segment", "usage", "health"];

const SORT_KEYS: Record<AccountSort, string> = {
  name: "lower(a.name)",
  arr: "a.arr",
  renewal: "a.contract_end",
  close: "a.expected_close_date",
  stage: "a.stage",
  segment: "a.segment",
  usage: "a.usage_mau_per_seat",
  updated: "a.updated_at",
  /** The score in force (account_health; index account_health_score on (score, account_id)). */
  health: "(select hs.score from account_health hs where hs.account_id = a.id)",
};
