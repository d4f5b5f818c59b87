import { sql } from "kysely";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import type { AccountRow } from "../accounts/schema.js";
import type { Capacity } from "./capacity.js";
import type { ExistingInstance } from "./qualification-checks.js";
import { SLOT_STATES } from "./schema.js";

/** Everything a new signup is checked against, read in one round trip (signup is the hot path). */
export interface SignupContext {
  /** The same email's request within the pack's duplicate window, if any. */
  earlierLeadId: string | null;
  /** The account owning the email domain: any of its domains (account_domains), not only the primary one. */
  account: AccountRow | undefined;
  /** T3: active instances whose admin has the domain (none for free-mail domains). */
  instances: ExistingInstance[];
  capacity: Capacity;
}

interface Row {
  earlier: string | null;
  account: (Omit<AccountRow, "created_at" | "updated_at"> & { created_at: string; updated_at: string }) | null;
  instances: ExistingInstance[];
  used: string | number;
  queued: string | number;
}

export async function loadSignupContext(db: Executor, pack: ProcessPack, o: { email: string; domain: string; now: Date }): Promise<SignupContext> {
  const since = new Date(o.now.getTime() - pack.signup.duplicateWindowHours * 3_600_000);
  const freeMail = pack.signup.freeMailDomains.includes(o.domain);
  const slotStates = sql.join(SLOT_STATES.map((s) => sql.lit(s)));
  const { rows } = await sql<Row>`
    select
      (select id::text from leads where email = ${o.email} and created_at > ${since} order by created_at desc limit 1) as earlier,
      -- Any of the account's domains; a row written straight to accounts (primary domain only) still matches.
      (select row_to_json(a) from accounts a
        where a.id = coalesce((select d.account_id from account_domains d where d.domain = ${o.domain}),
                              (select x.id from accounts x where lower(x.domain) = ${o.domain} limit 1))) as account,
      (select coalesce(json_agg(json_build_object('id', i.id, 'slug', i.slug, 'name', i.name, 'url', i.url, 'ssoEnabled', i.sso_enabled) order by i.created_at), '[]'::json)
         from instances i
        where i.status = 'active' and lower(split_part(i.admin_email, '@', 2)) = ${o.domain} and not ${freeMail}) as instances,
      (select count(*) from trials where state in (${slotStates})) as used,
      (select count(*) from trials where state = 'queued') as queued`.execute(db);
  const row = rows[0];
  if (!row) throw new Error("signup context query returned no row");
  const max = pack.trials.maxConcurrentInstances;
  const used = Number(row.used);
  return {
    earlierLeadId: row.earlier,
    account: row.account ? { ...row.account, created_at: new Date(row.account.created_at), updated_at: new Date(row.account.updated_at) } : undefined,
    instances: row.instances,
    capacity: { max, used, remaining: Math.max(0, max - used), queued: Number(row.queued) },
  };
}
