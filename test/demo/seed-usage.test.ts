import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { seedDemo } from "../../src/demo/seed-demo.js";
import { DEMO_INSTANCES } from "../../src/demo/demo-instances.js";
import { usageFor } from "../../src/domains/usage/metrics.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-04T15:00:00Z") });
});
afterAll(async () => {
  await ctx.close();
});

const counts = async () => ({
  instances: Number((await ctx.db.selectFrom("instances").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n),
  events: Number((await ctx.db.selectFrom("usage_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n),
  signals: Number(
    (await ctx.db.selectFrom("timeline_events").select((eb) => eb.fn.countAll().as("n")).where("kind", "like", "usage.%").executeTakeFirstOrThrow()).n,
  ),
});

describe("demo seed", () => {
  it("registers the demo instances with usage, a PQL signal and an unused trial, and a second run adds nothing", { timeout: 240_000 }, async () => {
    const first = await seedDemo(ctx);
    expect(first.usage.created).toEqual(DEMO_INSTANCES.map((i) => i.slug));
    expect(first.usage.events).toBeGreaterThan(10_000);
    const after = await counts();
    // The demo's two handed-off trials registered their instances too.
    expect(after.instances).toBe(DEMO_INSTANCES.length + 2);
    expect(first.trials).toEqual({ leads: 9, skipped: false });
    const leads = await ctx.db.selectFrom("leads").select(["company", "status"]).execute();
    const statusOf = (company: string) => leads.find((l) => l.company === company)?.status;
    expect(statusOf("Soylent")).toBe("New");
    expect(statusOf("Wayne University")).toBe("disqualified");
    expect(statusOf("Dunder Mifflin")).toBe("Instance Already in Trial");
    expect(statusOf("Initrode")).toBe("Approved trial");
    expect(statusOf("Cyberdyne")).toBe("Trial Instance Handed Off");
    expect(await ctx.db.selectFrom("access_requests").select("status").execute()).toEqual([{ status: "open" }]);

    const rows = await ctx.db.selectFrom("instances").selectAll().execute();
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const pql = await ctx.db
      .selectFrom("timeline_events")
      .select(["subject_id", "rule_id", "at"])
      .where("kind", "=", "usage.pql_criteria_met")
      .execute();
    const pqlSlugs = new Set(pql.map((s) => rows.find((r) => r.id === s.subject_id)?.slug));
    expect(pqlSlugs.has("tyrell")).toBe(true);
    expect(pqlSlugs.has("piedpiper")).toBe(false);
    expect(pql.every((s) => s.rule_id === "T11")).toBe(true);

    const usage = await usageFor(ctx, rows);
    const metrics = (slug: string) => usage.get(bySlug.get(slug)!.id)!.metrics;
    expect(metrics("vandelay")).toMatchObject({ unused: true, totalUsers: 1, codeHostConfigured: false });
    expect(metrics("piedpiper")).toMatchObject({ unused: false, pqlMetAt: null });
    expect(metrics("piedpiper").mau).toBeLessThanOrEqual(10);
    expect(metrics("acme").mauPerSeat).toBeGreaterThanOrEqual(0.8);
    expect(metrics("umbrella").versionsBehind).toBeGreaterThan(5);
    expect(bySlug.get("acme")).toMatchObject({ kind: "production", seats: 250, company: "Acme Corporation" });
    expect(bySlug.get("acme")!.admin_email).toMatch(/@acme\.com$/);

    const second = await seedDemo(ctx);
    expect(second.created).toEqual([]);
    expect(second.usage.created).toEqual([]);
    expect(second.usage.skipped).toHaveLength(DEMO_INSTANCES.length);
    expect(second.trials).toEqual({ leads: 0, skipped: true });
    expect(await counts()).toEqual(after);
  });
});
