import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import { normalizeDomain } from "../accounts/account-domains.js";

/** How a help desk names the account: one of its domains or its CRM id. */
export interface AccountRef {
  domain?: string | undefined;
  crmId?: string | undefined;
}

/** The account's id by CRM id, else by domain (any of its domains); null when none matches. */
export async function findAccountId(db: Executor, ref: AccountRef): Promise<string | null> {
  if (ref.crmId) {
    const byCrm = await db.selectFrom("accounts").select("id").where("crm_id", "=", ref.crmId).orderBy("created_at").executeTakeFirst();
    if (byCrm) return byCrm.id;
  }
  const domain = ref.domain ? normalizeDomain(ref.domain) : null;
  if (domain) {
    const byDomain = await db.selectFrom("account_domains").select("account_id").where("domain", "=", domain).executeTakeFirst();
    if (byDomain) return byDomain.account_id;
  }
  return null;
}

export const describeRef = (ref: AccountRef): string => [ref.crmId ? `CRM id ${ref.crmId}` : null, ref.domain ? `domain ${ref.domain}` : null].filter(Boolean).join(" or ");
