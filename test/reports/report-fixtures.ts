import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/platform/db/database.js";
import type { TrialState } from "../../src/domains/trials/schema.js";
import "../../src/domains/trials/schema.js";

/**
 * Rows for report tests, inserted directly: the use cases that normally write leads and trials
 * are built in parallel, and a report only reads. Every row is valid per migration 0003.
 */
export interface LeadInput {
  createdAt: Date | string;
  status?: string;
  substatus?: string | null;
  company?: string;
  qualifiedAt?: Date | string | null;
  disqualifiedAt?: Date | string | null;
  handedOffAt?: Date | string | null;
  pqlAt?: Date | string | null;
  convertedAt?: Date | string | null;
}

let n = 0;

export async function makeLead(db: Kysely<Database>, o: LeadInput): Promise<string> {
  n += 1;
  const id = randomUUID();
  const company = o.company ?? `Company ${n}`;
  const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, "")}${n}.example.com`;
  await db
    .insertInto("leads")
    .values({
      id,
      email: `person${n}@${domain}`,
      email_domain: domain,
      name: `Person ${n}`,
      company,
      fields: "{}",
      campaign: "PR - Trial - Cloud - 9.27.22",
      status: o.status ?? "New",
      substatus: o.substatus ?? null,
      checks: "[]",
      existing_instance_ids: "[]",
      qualified_at: o.qualifiedAt ?? null,
      disqualified_at: o.disqualifiedAt ?? null,
      handed_off_at: o.handedOffAt ?? null,
      pql_at: o.pqlAt ?? null,
      converted_at: o.convertedAt ?? null,
      created_at: o.createdAt,
      updated_at: o.createdAt,
    })
    .execute();
  return id;
}

export interface TrialInput {
  leadId: string;
  state: TrialState;
  approvedAt: Date | string;
  slug?: string;
  company?: string;
  growthUserId?: string | null;
  instanceId?: string | null;
  provisioningDueAt?: Date | string | null;
  readyAt?: Date | string | null;
  handedOffAt?: Date | string | null;
  endsAt?: Date | string | null;
  activatedAt?: Date | string | null;
}

export async function makeTrial(db: Kysely<Database>, o: TrialInput): Promise<string> {
  n += 1;
  const id = randomUUID();
  await db
    .insertInto("trials")
    .values({
      id,
      lead_id: o.leadId,
      state: o.state,
      slug: o.slug ?? `t${n}`.slice(0, 10),
      company: o.company ?? `Company ${n}`,
      admin_email: `admin${n}@example.com`,
      admin_name: `Admin ${n}`,
      instance_id: o.instanceId ?? null,
      growth_user_id: o.growthUserId ?? null,
      provisioner: "manual",
      approved_at: o.approvedAt,
      provisioning_requested_at: o.approvedAt,
      provisioning_due_at: o.provisioningDueAt ?? null,
      ready_at: o.readyAt ?? null,
      handed_off_at: o.handedOffAt ?? null,
      ends_at: o.endsAt ?? null,
      activated_at: o.activatedAt ?? null,
      created_at: o.approvedAt,
      updated_at: o.approvedAt,
    })
    .execute();
  return id;
}

export async function makeGrowthUser(db: Kysely<Database>, name: string): Promise<string> {
  const id = randomUUID();
  const now = new Date("2026-01-01T00:00:00Z");
  await db
    .insertInto("users")
    .values({ id, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${id.slice(0, 6)}@example.com`, name, role: "growth", password_hash: null, booking_url: null, created_at: now, updated_at: now })
    .execute();
  return id;
}
