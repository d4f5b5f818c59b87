import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../src/platform/db/database.js";

/** A fresh keys directory per test file (never the working tree's .trellis). */
export function tempKeysDir(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "trellis-license-"));
  return { dir: join(root, "keys"), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The smallest lead + trial rows the trial flow would have written (T4.1 approved, T6 provisioning). */
export async function makeTrial(db: Kysely<Database>, o: { company: string; now: Date; instanceId?: string | null }): Promise<string> {
  const leadId = randomUUID();
  const trialId = randomUUID();
  const slug = o.company.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 10) || "trial";
  await db
    .insertInto("leads")
    .values({
      id: leadId,
      email: `admin@${slug}.example`,
      email_domain: `${slug}.example`,
      name: "Ada Admin",
      company: o.company,
      fields: "{}",
      campaign: "PR - Trial - Cloud - 9.27.22",
      status: "Approved trial",
      checks: "[]",
      existing_instance_ids: "[]",
      created_at: o.now,
      updated_at: o.now,
    })
    .execute();
  await db
    .insertInto("trials")
    .values({
      id: trialId,
      lead_id: leadId,
      state: "provisioning",
      slug: `${slug}-${trialId.slice(0, 4)}`.slice(0, 10),
      company: o.company,
      admin_email: `admin@${slug}.example`,
      admin_name: "Ada Admin",
      instance_id: o.instanceId ?? null,
      provisioner: "manual",
      approved_at: o.now,
      created_at: o.now,
      updated_at: o.now,
    })
    .execute();
  return trialId;
}
