import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import { accountTypes, type AccountField, type AccountValues } from "./account-values.js";

export interface FieldProblem {
  field: string;
  message: string;
  /** Set when the value belongs to another account (409 rather than 400). */
  conflict?: { value: string; accountId: string; accountName: string };
}

export interface KnownUser {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

export interface OtherAccount {
  accountId: string;
  accountName: string;
}

/** What the checks need from the database, loaded in a few queries (an import checks thousands of rows at once). */
export interface AccountFacts {
  users: Map<string, KnownUser>;
  usersByEmail: Map<string, KnownUser>;
  domainOwners: Map<string, OtherAccount>;
  crmOwners: Map<string, OtherAccount>;
}

export async function loadAccountFacts(db: Executor, wanted: { userIds?: string[]; emails?: string[]; domains?: string[]; crmIds?: string[] }): Promise<AccountFacts> {
  const userIds = unique(wanted.userIds);
  const emails = unique(wanted.emails?.map((e) => e.toLowerCase()));
  const domains = unique(wanted.domains);
  const crmIds = unique(wanted.crmIds);
  const facts: AccountFacts = { users: new Map(), usersByEmail: new Map(), domainOwners: new Map(), crmOwners: new Map() };
  const lookups = [...chunks(userIds).map((ids) => ({ by: "id" as const, values: ids })), ...chunks(emails).map((es) => ({ by: "email" as const, values: es }))];
  for (const { by, values } of lookups) {
    const users = await db
      .selectFrom("users")
      .select(["id", "name", "email", "role", "active"])
      .where((eb) => (by === "id" ? eb("id", "in", values) : eb(eb.fn("lower", ["email"]), "in", values)))
      .execute();
    for (const u of users) {
      facts.users.set(u.id, u);
      facts.usersByEmail.set(u.email.toLowerCase(), u);
    }
  }
  for (const some of chunks(domains)) {
    const rows = await db
      .selectFrom("account_domains as d")
      .innerJoin("accounts as a", "a.id", "d.account_id")
      .select(["d.domain", "a.id", "a.name"])
      .where("d.domain", "in", some)
      .execute();
    for (const r of rows) facts.domainOwners.set(r.domain, { accountId: r.id, accountName: r.name });
  }
  for (const some of chunks(crmIds)) {
    const rows = await db.selectFrom("accounts").select(["id", "name", "crm_id"]).where("crm_id", "in", some).orderBy("created_at").execute();
    for (const r of rows) if (r.crm_id !== null && !facts.crmOwners.has(r.crm_id)) facts.crmOwners.set(r.crm_id, { accountId: r.id, accountName: r.name });
  }
  return facts;
}

/** Which role an owner field needs; TPM and IE have no role of their own, so any active person will do. */
const OWNER_ROLES: Partial<Record<AccountField, string>> = { aeUserId: "ae", ceUserId: "ce" };
const OWNER_FIELDS = ["aeUserId", "ceUserId", "tpmUserId", "ieUserId"] as const;

/**
 * The problems with the values, for the fields that changed (`touched`): an unknown owner, an
 * impossible date order, an account type the pack does not know, a domain or CRM id that
 * belongs to another account. Every problem is listed, so an import reports them all at once.
 */
export function accountProblems(pack: ProcessPack, v: AccountValues, touched: ReadonlySet<AccountField>, facts: AccountFacts, selfId: string | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (touched.has("accountType") && !accountTypes(pack).includes(v.accountType)) {
    problems.push({ field: "accountType", message: `must be one of ${accountTypes(pack).join(", ")}` });
  }
  for (const field of OWNER_FIELDS) {
    const id = v[field];
    if (!touched.has(field) || id === null) continue;
    const user = facts.users.get(id);
    const role = OWNER_ROLES[field];
    if (!user || !user.active) problems.push({ field, message: "is not an active user" });
    else if (role && user.role !== role) problems.push({ field, message: `${user.name} is not in the ${role} role` });
  }
  if (touched.has("contractStart") || touched.has("contractEnd") || touched.has("expectedCloseDate")) problems.push(...dateProblems(v));
  if (touched.has("domains")) {
    for (const domain of v.domains) {
      const other = facts.domainOwners.get(domain);
      if (other && other.accountId !== selfId) problems.push({ field: "domains", message: `${domain} already belongs to account ${other.accountName}`, conflict: { value: domain, ...otherRef(other) } });
    }
  }
  if (touched.has("crmId") && v.crmId !== null) {
    const other = facts.crmOwners.get(v.crmId);
    if (other && other.accountId !== selfId) problems.push({ field: "crmId", message: `${v.crmId} already belongs to account ${other.accountName}`, conflict: { value: v.crmId, ...otherRef(other) } });
  }
  return problems;
}

/** The renewal (contract end) comes after the start, and the deal closes no later than the renewal. */
export function dateProblems(v: Pick<AccountValues, "contractStart" | "contractEnd" | "expectedCloseDate">): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.contractStart && v.contractEnd && v.contractEnd <= v.contractStart) {
    problems.push({ field: "contractEnd", message: `must be after the contract start (${v.contractStart})` });
  }
  if (v.expectedCloseDate && v.contractEnd && v.expectedCloseDate > v.contractEnd) {
    problems.push({ field: "expectedCloseDate", message: `is after the contract end (renewal, ${v.contractEnd})` });
  }
  return problems;
}

/** An API request stops at its problems: 409 when a value belongs to another account, else 400 naming every field. */
export function throwIfProblems(problems: readonly FieldProblem[]): void {
  const conflict = problems.find((p) => p.conflict);
  if (conflict?.conflict) {
    const c = conflict.conflict;
    throw new AppError("already_exists", `${conflict.field}: ${conflict.message}.`, { details: { field: conflict.field, value: c.value, accountId: c.accountId, accountName: c.accountName } });
  }
  const first = problems[0];
  if (!first) return;
  throw new AppError("validation_failed", `${first.field}: ${first.message}.`, { details: { issues: problems.map((p) => ({ path: ["body", p.field], message: p.message })) } });
}

const otherRef = (o: OtherAccount) => ({ accountId: o.accountId, accountName: o.accountName });
const unique = (xs: readonly string[] | undefined): string[] => [...new Set(xs ?? [])];

/** Lists in slices, so an import's thousands of values stay far under the bind-parameter limit. */
export function chunks<T>(xs: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
