import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisioningDueAt } from "../../src/platform/calendar/business-calendar.js";
import { addPerson, expectVisible, openBrowserWorld, signIn, type BrowserWorld } from "../support/browser.js";
import { setScoreInForce } from "../support/health-in-force.js";
import { makeLead, makeTrial } from "../reports/report-fixtures.js";

// The simulated clock starts at Monday 2026-01-05T09:00:00Z (test/support/test-context.ts).
let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  await addPerson(world.ctx, "growth", "gina@example.com", "Gina Growth");
  const db = world.ctx.db;
  const now = world.ctx.clock.now();
  for (const day of ["2025-12-02", "2025-12-09", "2025-12-20"]) {
    await makeLead(db, { createdAt: new Date(`${day}T10:00:00Z`), status: "disqualified", substatus: "Does not meet trial criteria" });
  }
  const lead = await makeLead(db, { createdAt: now, status: "Approved trial", qualifiedAt: now, company: "Initech" });
  await makeTrial(db, { leadId: lead, state: "provisioning", slug: "initech", company: "Initech", approvedAt: now, provisioningDueAt: provisioningDueAt(world.ctx.packs.current(), now) });
});
afterAll(async () => {
  await world?.close();
});

describe("reports page (T12)", () => {
  it("T12 shows the funnel, the status breakdown and ongoing trials with their SLA clock", async () => {
    const { page } = world;
    await signIn(world, "gina@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Reports" }));
    const funnel = page.getByRole("table", { name: "Trial funnel" });
    await expectVisible(funnel);
    // Last 30 days (Dec 7 – Jan 5): the Dec 9 and Dec 20 leads and today's.
    expect(await funnel.getByRole("row", { name: /Signups/ }).getByRole("cell").nth(1).textContent()).toBe("3");
    await expectVisible(page.getByRole("table", { name: "Lead status breakdown" }).getByText("Does not meet trial criteria"));
    const ongoing = page.getByRole("table", { name: "Ongoing trials" });
    await expectVisible(ongoing.getByRole("link", { name: "Initech" }));
    await expectVisible(ongoing.getByText("1h left"));
  });

  it("T12 a custom period is checked, then kept in the URL", async () => {
    const { page } = world;
    await page.getByText("Custom", { exact: true }).click();
    const form = page.getByRole("form", { name: "Custom period" });
    await form.getByLabel("From (UTC)").fill("2025-12-31");
    await form.getByLabel("To (UTC, inclusive)").fill("2025-12-01");
    await form.getByRole("button", { name: "Apply" }).click();
    await expectVisible(form.getByText("Must be on or after the start day"));
    await form.getByLabel("From (UTC)").fill("2025-12-01");
    await form.getByLabel("To (UTC, inclusive)").fill("2025-12-31");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/from=2025-12-01&to=2025-12-31/);
    const funnel = page.getByRole("table", { name: "Trial funnel" });
    await expectVisible(page.getByText("1 Dec 2025 – 31 Dec 2025 (UTC)"));
    await expect.poll(async () => funnel.getByRole("row", { name: /Signups/ }).getByRole("cell").nth(1).textContent()).toBe("3");
  });

  it("T12 an empty period says how to get signups", async () => {
    const { page } = world;
    await page.goto(`${world.baseUrl}/reports?from=2025-06-01&to=2025-06-30`);
    await expectVisible(page.getByText("No signups in this period"));
    await expectVisible(page.getByText(`${world.baseUrl}/signup`));
  });

  it("S1 the Health section shows its empty state, then the book by band, segment and owner", async () => {
    const { page } = world;
    await page.goto(`${world.baseUrl}/reports`);
    await expectVisible(page.getByText("No accounts in the book yet"));
    const now = world.ctx.clock.now();
    const id = crypto.randomUUID();
    await world.ctx.db
      .insertInto("accounts")
      .values({ id, name: "Globex", segment: "Enterprise", in_book_at: now, created_at: now, updated_at: now })
      .execute();
    await setScoreInForce(world.ctx.db, { accountId: id, score: 82, band: "green", at: now });
    await page.reload();
    await expectVisible(page.getByText("1 account in the book, 1 scored"));
    await expectVisible(page.getByRole("table", { name: "Health by segment" }).getByRole("row", { name: /Enterprise/ }));
    await expectVisible(page.getByRole("table", { name: "Health by owner" }).getByText("No TA"));
    await expectVisible(page.getByRole("table", { name: "Health trend by week" }));
    await expectVisible(page.getByText("No moves in the last 7 days"));
  });
});
