import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { accountProblems, chunks, loadAccountFacts, type AccountFacts } from "./account-checks.js";
import { ACCOUNT_FIELDS, newAccountValues, valuesOf, type AccountField, type AccountValues } from "./account-values.js";
import type { ImportError, ImportRow } from "./import-rows.js";
import type { AccountRow } from "./schema.js";

/** What one row will do: create an account, or update the one it matched. */
export type PlannedRow = { row: number; action: "create"; after: AccountValues } | { row: number; action: "update"; current: AccountRow; before: AccountValues; after: AccountValues };

/** Problems with a field are reported under the CSV's column for it. */
const COLUMN_OF: Partial<Record<AccountField, string>> = { aeUserId: "aeEmail", ceUserId: "ceEmail" };
const OWNER_COLUMNS = [
  { column: "aeEmail", field: "aeUserId", role: "ae" },
  { column: "ceEmail", field: "ceUserId", role: "ce" },
] as const;

/**
 * Matches every row to an account (by CRM id, then by any of its domains) and checks it the way
 * the API checks an edit, plus what only a file can get wrong: the same CRM id, domain or
 * account on two rows, and owners given by email. Reads in a handful of queries; locks the
 * matched accounts when the plan is going to be applied.
 */
export async function planImport(trx: Transaction<Database>, pack: ProcessPack, rows: ImportRow[], lock: boolean): Promise<{ plan: PlannedRow[]; errors: ImportError[] }> {
  const facts = await loadAccountFacts(trx, {
    emails: rows.flatMap((r) => [r.aeEmail, r.ceEmail].filter((e): e is string => e !== undefined)),
    domains: rows.flatMap((r) => r.values.domains ?? []),
    crmIds: rows.flatMap((r) => (r.values.crmId ? [r.values.crmId] : [])),
  });
  const errors: ImportError[] = [];
  const targets = new Map<number, string>();
  for (const r of rows) {
    resolveOwners(r, facts, errors);
    const target = matchAccount(r, facts, errors);
    if (target) targets.set(r.row, target);
  }
  const current = await loadCurrent(trx, [...new Set(targets.values())], lock);
  errors.push(...duplicatesInFile(rows, targets));
  const plan: PlannedRow[] = [];
  for (const r of rows) {
    const targetId = targets.get(r.row);
    const existing = targetId ? current.get(targetId) : undefined;
    let planned: PlannedRow;
    if (existing) {
      const before = valuesOf(existing.row, existing.domains);
      if (r.values.crmId && existing.row.crm_id && existing.row.crm_id !== r.values.crmId) {
        errors.push({ row: r.row, field: "crmId", message: `${r.values.crmId} differs from ${existing.row.crm_id}, the CRM id of account ${existing.row.name} (matched by its domains)` });
      }
      planned = { row: r.row, action: "update", current: existing.row, before, after: { ...before, ...r.values } };
    } else {
      if (!r.values.name) {
        errors.push({ row: r.row, field: "name", message: "is required for a new account (no account has this row's CRM id or domains)" });
        continue;
      }
      planned = { row: r.row, action: "create", after: newAccountValues(pack, { ...r.values, name: r.values.name }) };
    }
    const touched = planned.action === "create" ? new Set(ACCOUNT_FIELDS) : new Set(Object.keys(r.values) as AccountField[]);
    for (const p of accountProblems(pack, planned.after, touched, facts, planned.action === "update" ? planned.current.id : null)) {
      errors.push({ row: r.row, field: COLUMN_OF[p.field as AccountField] ?? p.field, message: p.message });
    }
    plan.push(planned);
  }
  return { plan, errors };
}

/** aeEmail / ceEmail: an active person in the AE / CE role; sets the owner's id on the row. */
function resolveOwners(r: ImportRow, facts: AccountFacts, errors: ImportError[]): void {
  for (const { column, field, role } of OWNER_COLUMNS) {
    const email = r[column];
    if (email === undefined) continue;
    const user = facts.usersByEmail.get(email);
    if (!user || !user.active) errors.push({ row: r.row, field: column, message: `${email} is not an active user` });
    else if (user.role !== role) errors.push({ row: r.row, field: column, message: `${email} (${user.name}) is not in the ${role} role` });
    else r.values[field] = user.id;
  }
}

/** The account the row updates: the one with its CRM id, else the one owning its domains; undefined for a new account. */
function matchAccount(r: ImportRow, facts: AccountFacts, errors: ImportError[]): string | undefined {
  const byCrm = r.values.crmId ? facts.crmOwners.get(r.values.crmId) : undefined;
  if (byCrm) return byCrm.accountId;
  const owners = new Map<string, string[]>();
  for (const d of r.values.domains ?? []) {
    const o = facts.domainOwners.get(d);
    if (o) owners.set(`${o.accountName} (${o.accountId})`, [...(owners.get(`${o.accountName} (${o.accountId})`) ?? []), d]);
  }
  if (owners.size > 1) {
    errors.push({ row: r.row, field: "domains", message: `belong to different accounts: ${[...owners].map(([a, ds]) => `${ds.join(", ")} to ${a}`).join("; ")}` });
    return undefined;
  }
  const first = (r.values.domains ?? []).map((d) => facts.domainOwners.get(d)).find((o) => o !== undefined);
  return first?.accountId;
}

/** A CRM id, a domain or a matched account on two rows: the second row is in error (which one should win is the file's call). */
function duplicatesInFile(rows: ImportRow[], targets: Map<number, string>): ImportError[] {
  const errors: ImportError[] = [];
  const crm = new Map<string, number>();
  const domain = new Map<string, number>();
  const target = new Map<string, number>();
  for (const r of rows) {
    const before = errors.length;
    const crmId = r.values.crmId;
    if (crmId) {
      const first = crm.get(crmId);
      if (first !== undefined) errors.push({ row: r.row, field: "crmId", message: `${crmId} is also on row ${first}` });
      else crm.set(crmId, r.row);
    }
    for (const d of r.values.domains ?? []) {
      const first = domain.get(d);
      if (first !== undefined) errors.push({ row: r.row, field: "domains", message: `${d} is also on row ${first}` });
      else domain.set(d, r.row);
    }
    const t = targets.get(r.row);
    if (t) {
      const first = target.get(t);
      if (first === undefined) target.set(t, r.row);
      else if (errors.length === before) errors.push({ row: r.row, field: "", message: `updates the same account as row ${first}` });
    }
  }
  return errors;
}

async function loadCurrent(trx: Transaction<Database>, ids: string[], lock: boolean): Promise<Map<string, { row: AccountRow; domains: string[] }>> {
  const out = new Map<string, { row: AccountRow; domains: string[] }>();
  if (ids.length === 0) return out;
  const rows: AccountRow[] = [];
  const domainsOf = new Map<string, string[]>();
  for (const some of chunks(ids)) {
    let q = trx.selectFrom("accounts").selectAll().where("id", "in", some).orderBy("id");
    if (lock) q = q.forUpdate();
    rows.push(...(await q.execute()));
    for (const d of await trx.selectFrom("account_domains").select(["domain", "account_id"]).where("account_id", "in", some).orderBy("domain").execute()) {
      domainsOf.set(d.account_id, [...(domainsOf.get(d.account_id) ?? []), d.domain]);
    }
  }
  for (const row of rows) {
    const own = domainsOf.get(row.id) ?? [];
    const primary = row.domain;
    out.set(row.id, { row, domains: primary && own.includes(primary) ? [primary, ...own.filter((d) => d !== primary)] : own });
  }
  return out;
}
