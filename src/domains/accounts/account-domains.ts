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
 * another account.
 */
export async function replaceAccountDomains(trx: Transaction<Database>, accountId: string, domains: readonly string[], now: Date): Promise<void> {
  let remove = trx.deleteFrom("account_domains").where("account_id", "=", accountId);
  if (domains.length > 0) remove = remove.where("domain", "not in", [...domains]);
  await remove.execute();
  const current = domains.length ? await trx.selectFrom("account_domains").select("domain").where("account_id", "=", accountId).execute() : [];
  const kept = new Set(current.map((r) => r.domain));
  await addAccountDomains(
    trx,
    domains.filter((d) => !kept.has(d)).map((domain) => ({ domain, account_id: accountId })),
    now,
  );
}

/**
 * Adds domains to accounts. The caller has checked that none is taken; one claimed by a
 * concurrent transaction since is still refused (409) rather than failing on the primary key.
 */
export async function addAccountDomains(trx: Transaction<Database>, rows: readonly { domain: string; account_id: string }[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const some = rows.slice(i, i + 1000);
    const added = await trx
      .insertInto("account_domains")
      .values(some.map((r) => ({ ...r, created_at: now })))
      .onConflict((oc) => oc.column("domain").doNothing())
      .returning("domain")
      .execute();
    if (added.length === some.length) continue;
    const addedSet = new Set(added.map((r) => r.domain));
    const lost = some.find((r) => !addedSet.has(r.domain));
    const owner = lost ? await trx.selectFrom("account_domains").select("account_id").where("domain", "=", lost.domain).executeTakeFirst() : undefined;
    throw new AppError("already_exists", `${lost?.domain ?? "A domain"} already belongs to another account.`, { details: { field: "domains", domain: lost?.domain, accountId: owner?.account_id } });
  }
}
