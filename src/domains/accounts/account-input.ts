import { z } from "zod";
import { invalidField } from "../../platform/errors/app-error.js";
import { normalizeDomains } from "./account-domains.js";
import type { AccountPatch } from "./account-values.js";
import { DEPLOYMENTS } from "./schema.js";

const day = z.iso.date();
const count = z.number().int().min(0).max(2_000_000_000);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));

/** The editable account fields as the API takes them (POST: name required; PATCH: all optional, null clears). */
export const accountFieldsShape = {
  name: z.string().trim().min(1).max(200),
  domains: z.array(z.string().max(253)).max(50).nullable().optional().describe("Email domains; the first is the primary one. Lower-cased."),
  crmId: optionalText(100),
  accountType: z.string().trim().min(1).max(100).optional().describe("One of the pack's accounts.types or otherTypes"),
  strategic: z.boolean().optional(),
  expectedCloseDate: day.nullable().optional(),
  arr: count.nullable().optional(),
  seats: count.nullable().optional(),
  developers: count.nullable().optional(),
  contractStart: day.nullable().optional(),
  contractEnd: day.nullable().optional().describe("The renewal date"),
  deployment: z.enum(DEPLOYMENTS).nullable().optional(),
  aeUserId: z.uuid().nullable().optional(),
  ceUserId: z.uuid().nullable().optional(),
  tpmUserId: z.uuid().nullable().optional(),
  ieUserId: z.uuid().nullable().optional(),
};

export const createAccountBody = z.object(accountFieldsShape).strict();
export const updateAccountBody = z.object({ ...accountFieldsShape, name: accountFieldsShape.name.optional() }).strict();

/** An account body as the API receives it: any field may be missing, and domains may be null (clear them). */
export type AccountBody = Omit<AccountPatch, "domains"> & { domains?: string[] | null | undefined };

/** Drops absent fields, turns a null domain list into none, and lower-cases and checks the domains (400 naming the bad one). */
export function normalizeAccountPatch(input: AccountBody): AccountPatch {
  const patch: AccountPatch = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === "domains") {
      const { domains, invalid } = normalizeDomains((value as string[] | null) ?? []);
      if (invalid.length > 0) throw invalidField("domains", `${invalid.map((d) => JSON.stringify(d)).join(", ")} ${invalid.length === 1 ? "is not a domain name" : "are not domain names"}`);
      patch.domains = domains;
    } else {
      Object.assign(patch, { [key]: value });
    }
  }
  return patch;
}
