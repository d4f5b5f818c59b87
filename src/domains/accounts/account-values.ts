import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { AccountRow, AccountsTable, Deployment } from "./schema.js";

/** The fields a person (or an import) sets on an account; hand-off, segment and stage are set by their rules. */
export interface AccountValues {
  name: string;
  /** The first one is the primary domain (accounts.domain). */
  domains: string[];
  crmId: string | null;
  accountType: string;
  strategic: boolean;
  expectedCloseDate: string | null;
  arr: number | null;
  seats: number | null;
  developers: number | null;
  contractStart: string | null;
  contractEnd: string | null;
  deployment: Deployment | null;
  aeUserId: string | null;
  ceUserId: string | null;
  tpmUserId: string | null;
  ieUserId: string | null;
}

export type AccountField = keyof AccountValues;
/** PATCH semantics: a missing field stays, null clears. */
export type AccountPatch = Partial<AccountValues>;

type ScalarField = Exclude<AccountField, "domains">;

/** Where each field lives on the accounts row. */
export const ACCOUNT_COLUMNS: Record<ScalarField, keyof AccountsTable> = {
  name: "name",
  crmId: "crm_id",
  accountType: "account_type",
  strategic: "strategic",
  expectedCloseDate: "expected_close_date",
  arr: "arr",
  seats: "seats",
  developers: "developers",
  contractStart: "contract_start",
  contractEnd: "contract_end",
  deployment: "deployment",
  aeUserId: "ae_user_id",
  ceUserId: "ce_user_id",
  tpmUserId: "tpm_user_id",
  ieUserId: "ie_user_id",
};

/** How the timeline names a field ("Changed ARR, seats and AE"). */
export const FIELD_LABELS: Record<AccountField, string> = {
  name: "name",
  domains: "domains",
  crmId: "CRM id",
  accountType: "account type",
  strategic: "strategic",
  expectedCloseDate: "expected close date",
  arr: "ARR",
  seats: "seats",
  developers: "developers",
  contractStart: "contract start",
  contractEnd: "contract end (renewal)",
  deployment: "deployment",
  aeUserId: "AE",
  ceUserId: "CE",
  tpmUserId: "TPM",
  ieUserId: "IE",
};

export const ACCOUNT_FIELDS = Object.keys(FIELD_LABELS) as AccountField[];

/** Changing one of these moves the account's segment (H2), so segmentation runs again. */
export const SEGMENT_INPUTS: readonly AccountField[] = ["developers", "arr", "accountType"];
/** Fields the lifecycle stage reads (L): a change re-evaluates the account's stage. */
export const STAGE_INPUTS: readonly AccountField[] = ["contractEnd", "seats"];

export function valuesOf(row: AccountRow, domains: string[]): AccountValues {
  return {
    name: row.name,
    domains,
    crmId: row.crm_id,
    accountType: row.account_type,
    strategic: row.strategic,
    expectedCloseDate: row.expected_close_date,
    arr: row.arr,
    seats: row.seats,
    developers: row.developers,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    deployment: row.deployment,
    aeUserId: row.ae_user_id,
    ceUserId: row.ce_user_id,
    tpmUserId: row.tpm_user_id,
    ieUserId: row.ie_user_id,
  };
}

/** A new account's values: what was given, the rest empty; the type defaults to the pack's prospect type. */
export function newAccountValues(pack: ProcessPack, given: AccountPatch & { name: string }): AccountValues {
  return {
    domains: [],
    crmId: null,
    accountType: pack.accounts.types.prospect,
    strategic: false,
    expectedCloseDate: null,
    arr: null,
    seats: null,
    developers: null,
    contractStart: null,
    contractEnd: null,
    deployment: null,
    aeUserId: null,
    ceUserId: null,
    tpmUserId: null,
    ieUserId: null,
    ...withoutUndefined(given),
    name: given.name,
  };
}

/** The account row's columns for the values; `customer` follows the type (the trial checks read it). */
export function accountColumns(pack: ProcessPack, v: AccountValues) {
  return {
    name: v.name,
    domain: v.domains[0] ?? null,
    crm_id: v.crmId,
    account_type: v.accountType,
    customer: v.accountType === pack.accounts.types.customer,
    strategic: v.strategic,
    expected_close_date: v.expectedCloseDate,
    arr: v.arr,
    seats: v.seats,
    developers: v.developers,
    contract_start: v.contractStart,
    contract_end: v.contractEnd,
    deployment: v.deployment,
    ae_user_id: v.aeUserId,
    ce_user_id: v.ceUserId,
    tpm_user_id: v.tpmUserId,
    ie_user_id: v.ieUserId,
  };
}

/** The fields whose value differs between before and after, in a stable order. */
export function changedFields(before: AccountValues, after: AccountValues): AccountField[] {
  return ACCOUNT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

/** "ARR", "ARR and seats", "ARR, seats and AE". */
export function listFields(fields: readonly AccountField[]): string {
  const labels = fields.map((f) => FIELD_LABELS[f]);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

export function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every account type the pack knows: the three Trellis acts on, then the team's own. */
export const accountTypes = (pack: ProcessPack): string[] => [...Object.values(pack.accounts.types), ...pack.accounts.otherTypes];
