import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { accountProblems, loadAccountFacts, throwIfProblems } from "./account-checks.js";
import { accountDomains } from "./account-domains.js";
import { normalizeAccountPatch, type AccountBody } from "./account-input.js";
import { lockAccount } from "./account-records.js";
import { patchAccount } from "./account-writes.js";
import { valuesOf, type AccountField } from "./account-values.js";

export interface UpdateAccountOptions {
  id: string;
  /** PATCH: a missing field stays as it is, null clears it. */
  patch: AccountBody;
  actor: Actor;
  requestId?: string | undefined;
}

/** Edits an account's fields; the same checks as creation, on the fields that change. */
export async function updateAccount(ctx: AppContext, o: UpdateAccountOptions): Promise<AccountField[]> {
  const pack = ctx.packs.current();
  const patch = normalizeAccountPatch(o.patch);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockAccount(trx, o.id);
    if (!current) throw notFound("Account", o.id);
    const before = valuesOf(current, await accountDomains(trx, current.id, current.domain));
    const after = { ...before, ...patch };
    const touched = new Set(Object.keys(patch) as AccountField[]);
    const facts = await loadAccountFacts(trx, {
      userIds: [patch.aeUserId, patch.ceUserId, patch.tpmUserId, patch.ieUserId].filter((id): id is string => typeof id === "string"),
      domains: patch.domains ?? [],
      crmIds: patch.crmId ? [patch.crmId] : [],
    });
    throwIfProblems(accountProblems(pack, after, touched, facts, current.id));
    return patchAccount(trx, ctx, current, before, after, { actor: o.actor, requestId: o.requestId });
  });
}
