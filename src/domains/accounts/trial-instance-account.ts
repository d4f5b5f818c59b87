import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "./account-records.js";

export interface TrialInstanceLink {
  lead: { id: string; company: string; email_domain: string; account_id: string | null };
  instance: { id: string; slug: string; account_id: string | null };
  /** CRM id given at conversion, for an account made now. */
  crmAccountId?: string | null | undefined;
  /** At conversion an account is made when none matches; at hand-off only an existing one is used. */
  createWhenMissing: boolean;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * A trial's instance belongs to its company's account, so a converted trial's instance and its
 * usage history carry over into the book (issue 5). The account is the lead's, else the one
 * owning the lead's email domain, else the one with the CRM id given, else (at conversion) a new prospect account for the company.
 * The lead is linked too. Returns the account id, or null when none applies. Uses only `trx`.
 */
export async function linkTrialInstanceToAccount(trx: Transaction<Database>, ctx: AppContext, o: TrialInstanceLink): Promise<string | null> {
  const pack = ctx.packs.current();
  const freeMail = pack.signup.freeMailDomains.includes(o.lead.email_domain);
  let accountId = o.lead.account_id;
  if (!accountId && !freeMail) {
    const byDomain = await trx.selectFrom("account_domains").select("account_id").where("domain", "=", o.lead.email_domain).executeTakeFirst();
    accountId = byDomain?.account_id ?? null;
  }
  if (!accountId && o.crmAccountId) {
    const byCrm = await trx.selectFrom("accounts").select("id").where("crm_id", "=", o.crmAccountId).executeTakeFirst();
    accountId = byCrm?.id ?? null;
  }
  const now = ctx.clock.now();
  if (!accountId && o.createWhenMissing) {
    accountId = randomUUID();
    await trx
      .insertInto("accounts")
      .values({
        id: accountId,
        name: o.lead.company,
        domain: freeMail ? null : o.lead.email_domain,
        crm_id: o.crmAccountId ?? null,
        account_type: pack.accounts.types.prospect,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (!freeMail) await trx.insertInto("account_domains").values({ domain: o.lead.email_domain, account_id: accountId, created_at: now }).execute();
    await recordAccountChange(trx, ctx, {
      accountId,
      actor: o.actor,
      action: "account.created",
      summary: `Created account ${o.lead.company} from its converted trial`,
      data: { leadId: o.lead.id, instanceId: o.instance.id },
      requestId: o.requestId,
    });
  }
  if (!accountId) return null;
  if (o.lead.account_id !== accountId) await trx.updateTable("leads").set({ account_id: accountId, updated_at: now }).where("id", "=", o.lead.id).execute();
  if (o.instance.account_id !== accountId) {
    await trx.updateTable("instances").set({ account_id: accountId, updated_at: now }).where("id", "=", o.instance.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId,
      actor: o.actor,
      action: "account.instance_mapped",
      summary: `Trial instance ${o.instance.slug} mapped to this account`,
      data: { instanceId: o.instance.id, leadId: o.lead.id },
      requestId: o.requestId,
    });
  }
  return accountId;
}
