import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";

/** A host name of letters, digits and hyphens with a dot-separated top-level label (IDN as punycode). */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** The domain lower-cased and trimmed, or null when it is not a domain name. */
export function normalizeDomain(raw: string): string | null {
  const d = raw.trim().toLowerCase();
  return DOMAIN.test(d) ? d : null;
}

/** Normalised, de-duplicated (first one kept first: it is the primary domain), and the ones that are not domains. */
export function normalizeDomains(raw: readonly string[]): { domains: string[]; invalid: string[] } {
  const domains: string[] = [];
  const invalid: string[] = [];
  for (const r of raw) {
    const d = normalizeDomain(r);
    if (d === null) invalid.push(r);
    else if (!domains.includes(d)) domains.push(d);
  }
  return { domains, invalid };
}

/** Every domain of the account, the primary one (accounts.domain) first. */
export async function accountDomains(db: Executor, accountId: string, primary: string | null): Promise<string[]> {
  const rows = await db.selectFrom("account_domains").select("domain").where("account_id", "=", accountId).orderBy("domain").execute();
  const all = rows.map((r) => r.domain);
  return primary && all.includes(primary) ? [primary, ...all.filter((d) => d !== primary)] : all;
}

/**
 * Makes the account's domains exactly `domains`. The caller has checked that none belongs to
 * another account; a domain claimed by a concurrent transaction since is still refused (409)
 * rather than failing the statement on the primary key.
 */
export async function replaceAccountDomains(trx: Transaction<Database>, accountId: string, domains: readonly string[], now: Date): Promise<void> {
  let remove = trx.deleteFrom("account_domains").where("account_id", "=", accountId);
  if (domains.length > 0) remove = remove.where("domain", "not in", [...domains]);
  await remove.execute();
  if (domains.length === 0) return;
  await trx
    .insertInto("account_domains")
    .values(domains.map((domain) => ({ domain, account_id: accountId, created_at: now })))
    .onConflict((oc) => oc.column("domain").doNothing())
    .execute();
  const owned = await trx.selectFrom("account_domains").select(["domain", "account_id"]).where("domain", "in", [...domains]).execute();
  const taken = owned.find((r) => r.account_id !== accountId);
  if (taken) {
    throw new AppError("already_exists", `${taken.domain} already belongs to another account.`, { details: { field: "domains", domain: taken.domain, accountId: taken.account_id } });
  }
}
