import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicKey, verify } from "node:crypto";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { ruleActor } from "../../src/platform/timeline/actor.js";
import { createTrialLicense } from "../../src/domains/licenses/create-trial-license.js";
import { extendTrialLicense } from "../../src/domains/licenses/extend-trial-license.js";
import { attachTrialSubscriptionToInstance } from "../../src/domains/licenses/attach-instance.js";
import { issueLicense } from "../../src/domains/licenses/issue-license.js";
import { createSubscription } from "../../src/domains/licenses/create-subscription.js";
import { verifyLicense } from "../../src/domains/licenses/verify-license.js";
import { keyRing } from "../../src/domains/licenses/signing-keys.js";
import { makeTrial, tempKeysDir } from "./license-fixtures.js";

const keys = tempKeysDir();
let ctx: TestContext;
const DAY = 86_400_000;
// One database for the file: every test makes its own trial and subscription.
beforeAll(async () => {
  ctx = await createTestContext({ config: { licenseKeysDir: keys.dir } });
});
afterAll(async () => {
  await ctx.close();
  keys.cleanup();
});

const actor = () => ruleActor("T6", ctx.packs.current().version);
const timeline = async (type: string, id: string) =>
  (await ctx.db.selectFrom("timeline_events").select(["kind", "summary"]).where("subject_type", "=", type).where("subject_id", "=", id).orderBy("id").execute()).map((e) => e.kind);

describe("trial licenses", () => {
  it("T6 trial license has the pack's licensee, user count, tags and expiry, and verifies with plain node:crypto", async () => {
    const now = ctx.clock.now();
    const trialId = await makeTrial(ctx.db, { company: "Acme", now });
    const expiresAt = new Date(now.getTime() + 30 * DAY);
    const created = await ctx.db.transaction().execute((trx) => createTrialLicense(trx, ctx, { trialId, customerName: "Acme", expiresAt, actor: actor(), crmAccountId: "0015g00000XyZ" }));

    const sub = await ctx.db.selectFrom("subscriptions").selectAll().where("id", "=", created.subscriptionId).executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ kind: "trial", trial_id: trialId, crm_account_id: "0015g00000XyZ", instance_id: null });
    const lic = await ctx.db.selectFrom("licenses").selectAll().where("id", "=", created.licenseId).executeTakeFirstOrThrow();
    const pack = ctx.packs.current().trials.license;
    expect(lic.licensee).toBe("acme-plg-trial");
    expect(lic.user_count).toBe(pack.userCount);
    expect(lic.user_count).toBe(1000);
    expect(lic.tags).toEqual(pack.tags);
    expect(lic.tags).toContain("plg-trial");
    expect(lic.expires_at.toISOString()).toBe(expiresAt.toISOString());
    expect(lic.license_key).toBe(created.licenseKey);

    const [body = "", sig = ""] = created.licenseKey.split(".");
    const pem = keyRing(ctx.config).find(lic.key_id)?.publicKeyPem ?? "";
    expect(verify(null, Buffer.from(body), createPublicKey(pem), Buffer.from(sig, "base64url"))).toBe(true);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ v: 1, kid: lic.key_id, licensee: "acme-plg-trial", userCount: 1000, tags: pack.tags, expiresAt: expiresAt.toISOString(), subscriptionId: sub.id });
    expect(payload.nonce).toBe(lic.nonce);

    expect(await timeline("subscription", sub.id)).toEqual(["subscription.created", "license.issued"]);
    expect(await timeline("trial", trialId)).toEqual(["subscription.created", "license.issued"]);
  });

  it("X licenses are immutable: UPDATE and DELETE throw; extending adds a new license with the new expiry", async () => {
    const now = ctx.clock.now();
    const trialId = await makeTrial(ctx.db, { company: "Globex", now });
    const first = await ctx.db.transaction().execute((trx) => createTrialLicense(trx, ctx, { trialId, customerName: "Globex", expiresAt: new Date(now.getTime() + 30 * DAY), actor: actor() }));
    await expect(ctx.db.updateTable("licenses").set({ user_count: 5 }).where("id", "=", first.licenseId).execute()).rejects.toThrow(/immutable/);
    await expect(ctx.db.deleteFrom("licenses").where("id", "=", first.licenseId).execute()).rejects.toThrow(/immutable/);

    const later = new Date(now.getTime() + 60 * DAY);
    const extended = await ctx.db.transaction().execute((trx) => extendTrialLicense(trx, ctx, { trialId, expiresAt: later, actor: actor() }));
    expect(extended.licenseId).not.toBe(first.licenseId);
    const rows = await ctx.db.selectFrom("licenses").selectAll().where("subscription_id", "=", first.subscriptionId).orderBy("created_at").orderBy("expires_at").execute();
    expect(rows.map((r) => r.expires_at.toISOString())).toEqual([new Date(now.getTime() + 30 * DAY).toISOString(), later.toISOString()]);
    expect(rows[1]).toMatchObject({ licensee: "globex-plg-trial", user_count: 1000 });
    expect(verifyLicense(ctx, extended.licenseKey).valid).toBe(true);
    // The first license is untouched (and still verifies until its own expiry).
    expect(verifyLicense(ctx, first.licenseKey).valid).toBe(true);
  });

  it("T6 attaches the trial subscription to its instance; later licenses show on the instance's timeline", async () => {
    const now = ctx.clock.now();
    const instanceId = crypto.randomUUID();
    await ctx.db.insertInto("instances").values({ id: instanceId, slug: "initech", name: "Initech", kind: "trial", created_at: now, updated_at: now }).execute();
    const trialId = await makeTrial(ctx.db, { company: "Initech", now });
    const created = await ctx.db.transaction().execute((trx) => createTrialLicense(trx, ctx, { trialId, customerName: "Initech", expiresAt: new Date(now.getTime() + 30 * DAY), actor: actor() }));
    await ctx.db.transaction().execute((trx) => attachTrialSubscriptionToInstance(trx, ctx, { trialId, instanceId, actor: actor() }));
    const sub = await ctx.db.selectFrom("subscriptions").select("instance_id").where("id", "=", created.subscriptionId).executeTakeFirstOrThrow();
    expect(sub.instance_id).toBe(instanceId);
    await ctx.db.transaction().execute((trx) => extendTrialLicense(trx, ctx, { trialId, expiresAt: new Date(now.getTime() + 45 * DAY), actor: actor() }));
    expect(await timeline("instance", instanceId)).toEqual(["subscription.instance_attached", "license.issued"]);
    expect(await timeline("trial", trialId)).toEqual(["subscription.created", "license.issued", "subscription.instance_attached", "license.issued"]);
  });

  it("X conversion creates a new production subscription; renewals add a license to it", async () => {
    const now = ctx.clock.now();
    const created = await ctx.db
      .transaction()
      .execute((trx) => createSubscription(trx, ctx, { name: "Acme production", kind: "production", userCount: 250, tags: [" plan:enterprise-1 ", ""], expiresAt: new Date(now.getTime() + 365 * DAY), actor: actor() }));
    const renewed = await ctx.db
      .transaction()
      .execute((trx) => issueLicense(trx, ctx, { subscriptionId: created.subscriptionId, userCount: 300, tags: ["plan:enterprise-1"], expiresAt: new Date(now.getTime() + 730 * DAY), actor: actor() }));
    const rows = await ctx.db.selectFrom("licenses").select(["id", "licensee", "user_count", "tags"]).where("subscription_id", "=", created.subscriptionId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === renewed.licenseId)).toMatchObject({ licensee: "acme-production", user_count: 300, tags: ["plan:enterprise-1"] });
  });

  it("a trial license inside a failing transaction leaves nothing behind; bad terms name the field", async () => {
    const now = ctx.clock.now();
    const trialId = await makeTrial(ctx.db, { company: "Umbrella", now });
    await expect(
      ctx.db.transaction().execute((trx) => createTrialLicense(trx, ctx, { trialId, customerName: "Umbrella", expiresAt: new Date(now.getTime() - DAY), actor: actor() })),
    ).rejects.toMatchObject({ code: "validation_failed", details: { issues: [{ path: ["body", "expiresAt"] }] } });
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await createTrialLicense(trx, ctx, { trialId, customerName: "Umbrella", expiresAt: new Date(now.getTime() + DAY), actor: actor() });
        throw new Error("the trial flow failed later");
      }),
    ).rejects.toThrow("later");
    const counts = await sql<{ s: number; l: number }>`
      select (select count(*)::int from subscriptions where trial_id = ${trialId}) as s,
             (select count(*)::int from licenses l join subscriptions s on s.id = l.subscription_id where s.trial_id = ${trialId}) as l`.execute(ctx.db);
    expect(counts.rows[0]).toEqual({ s: 0, l: 0 });
  });
});
