import type { AppContext } from "../../platform/app/context.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { accountProblems, loadAccountFacts, throwIfProblems } from "./account-checks.js";
import { normalizeAccountPatch, type AccountBody } from "./account-input.js";
import { insertAccount } from "./account-writes.js";
import { ACCOUNT_FIELDS, newAccountValues, type AccountPatch } from "./account-values.js";

export interface CreateAccountOptions {
  values: AccountBody & { name: string };
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Adds an account to the book's list (not yet in the customer-success book: that is H1).
 * Refuses an unknown owner or impossible dates (400, naming the field) and a domain or CRM id
 * of another account (409, naming it and the account).
 */
export async function createAccount(ctx: AppContext, o: CreateAccountOptions): Promise<string> {
  const pack = ctx.packs.current();
  const values = newAccountValues(pack, normalizeAccountPatch(o.values) as AccountPatch & { name: string });
  return ctx.db.transaction().execute(async (trx) => {
    const facts = await loadAccountFacts(trx, {
      userIds: [values.aeUserId, values.ceUserId, values.tpmUserId, values.ieUserId].filter((id): id is string => id !== null),
      domains: values.domains,
      crmIds: values.crmId ? [values.crmId] : [],
    });
    throwIfProblems(accountProblems(pack, values, new Set(ACCOUNT_FIELDS), facts, null));
    return insertAccount(trx, ctx, values, { actor: o.actor, requestId: o.requestId });
  });
}
