import { sql } from "kysely";
import type { ProcessPack, QualificationCriterion } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import type { AccountRow } from "../accounts/schema.js";
import type { Capacity } from "./capacity.js";
import type { QualificationCheck } from "./schema.js";

export interface ExistingInstance {
  id: string;
  slug: string;
  name: string;
  url: string | null;
  ssoEnabled: boolean;
}

/** T3: active instances whose admin's email domain is the requester's (never for free-mail domains). */
export async function instancesOnDomain(db: Executor, pack: ProcessPack, domain: string): Promise<ExistingInstance[]> {
  if (pack.signup.freeMailDomains.includes(domain)) return [];
  const rows = await db
    .selectFrom("instances")
    .select(["id", "slug", "name", "url", "sso_enabled"])
    .where("status", "=", "active")
    .where(sql<string>`lower(split_part(admin_email, '@', 2))`, "=", domain)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, url: r.url, ssoEnabled: r.sso_enabled }));
}

export interface CheckInput {
  domain: string;
  fields: Record<string, string>;
  account: AccountRow | undefined;
  instances: readonly ExistingInstance[];
  capacity: Capacity;
}

/**
 * T4's automatic checks, each with its reason, shown to the SDR and stored on the lead.
 * "fail" argues for disqualifying (and blocks auto-approval); "info" is worth knowing.
 */
export function qualificationChecks(pack: ProcessPack, input: CheckInput): QualificationCheck[] {
  const checks: QualificationCheck[] = [];
  const q = pack.qualification;
  checks.push(
    input.instances.length > 0
      ? { id: "existing_instance", label: "Existing instance on the domain", outcome: "fail", reason: `${input.domain} already has ${input.instances.map((i) => i.slug).join(", ")} (T3)` }
      : { id: "existing_instance", label: "Existing instance on the domain", outcome: "pass", reason: `No instance has an admin at ${input.domain}` },
  );
  if (input.account?.customer) checks.push({ id: "existing_customer", label: "Existing customer", outcome: "info", reason: `${input.account.name} is a customer: the owning AE is told (T4.1)` });
  if (input.account?.strategic) checks.push({ id: "strategic", label: "Strategic account", outcome: "info", reason: `${input.account.name} is on the strategic-accounts list (T4.1)` });
  const free = pack.signup.freeMailDomains.includes(input.domain);
  checks.push({
    id: "free_mail",
    label: "Work email",
    outcome: free ? (q.blockFreeMail ? "fail" : "info") : "pass",
    reason: free ? `${input.domain} is a free-mail provider` : `${input.domain} is not a free-mail provider`,
  });
  const disposable = pack.signup.disposableDomains.includes(input.domain);
  checks.push({
    id: "disposable",
    label: "Not a disposable address",
    outcome: disposable ? (q.blockDisposable ? "fail" : "info") : "pass",
    reason: disposable ? `${input.domain} hands out disposable addresses` : `${input.domain} is not a known disposable-mail domain`,
  });
  for (const criterion of q.criteria) checks.push(criterionCheck(criterion, input.fields));
  const { capacity } = input;
  checks.push({
    id: "capacity",
    label: "Instance capacity",
    outcome: capacity.remaining > 0 ? "pass" : "info",
    reason:
      capacity.remaining > 0
        ? `${capacity.remaining} of ${capacity.max} trial instances free (T5)`
        : `All ${capacity.max} trial instances are in use; an approval waits in line behind ${capacity.queued} (T5)`,
  });
  return checks;
}

function criterionCheck(c: QualificationCriterion, fields: Record<string, string>): QualificationCheck {
  const value = fields[c.field];
  const base = { id: `criterion:${c.id}`, label: c.label };
  switch (c.kind) {
    case "fieldIn":
      if (value === undefined) return { ...base, outcome: c.passWhenMissing ? "pass" : "fail", reason: `${c.field} was not given` };
      return c.values.includes(value) ? { ...base, outcome: "pass", reason: `${c.field} is ${value}` } : { ...base, outcome: "fail", reason: `${c.field} is ${value}, not one of ${c.values.join(", ")}` };
    case "fieldNotIn":
      if (value === undefined) return { ...base, outcome: "pass", reason: `${c.field} was not given` };
      return c.values.includes(value) ? { ...base, outcome: "fail", reason: `${c.field} is ${value}` } : { ...base, outcome: "pass", reason: `${c.field} is ${value}` };
    case "fieldPresent":
      return value === undefined ? { ...base, outcome: "fail", reason: `${c.field} was not given` } : { ...base, outcome: "pass", reason: `${c.field} is given` };
    default: {
      const unreachable: never = c;
      throw new Error(`unknown criterion ${JSON.stringify(unreachable)}`);
    }
  }
}

export const allChecksPass = (checks: readonly QualificationCheck[]): boolean => checks.every((c) => c.outcome !== "fail");
