import { randomUUID } from "node:crypto";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, expectVisible, openBrowserWorld, signIn, type BrowserWorld } from "../support/browser.js";
import { setScoreInForce } from "../support/health-in-force.js";

let world: BrowserWorld;

/** Three accounts with health written straight to the rows (the score itself is tested in test/health). */
beforeAll(async () => {
  world = await openBrowserWorld();
  await addPerson(world.ctx, "ta", "tess@example.com", "Tess Advisor");
  const now = world.ctx.clock.now();
  const rows: [string, number | null, string | null][] = [
    ["Acme", 82, "green"],
    ["Bluth", 31, "red"],
    ["Cyberdyne", 55, "yellow"],
  ];
  for (const [name, score, band] of rows) {
    const id = randomUUID();
    await world.ctx.db.insertInto("accounts").values({ id, name, in_book_at: now, created_at: now, updated_at: now }).execute();
    await setScoreInForce(world.ctx.db, { accountId: id, score, band, at: now });
  }
  await signIn(world, "tess@example.com");
});
afterAll(async () => {
  await world?.close();
});

const accountNames = async (): Promise<string[]> => {
  const cells = world.page.getByRole("table", { name: "Accounts" }).getByRole("row").locator("td:first-child");
  return (await cells.allTextContents()).map((t) => t.trim());
};

describe("account list health (S1)", () => {
  it("S1 the Health band filter keeps red and yellow, shows as a pill, and the Health column sorts by score", async () => {
    const { page } = world;
    await page.goto(`${world.baseUrl}/accounts?healthBand=red,yellow`);
    await expectVisible(page.getByRole("group", { name: "Active filters" }).getByText("Health: Yellow or Red"));
    await expect.poll(accountNames).toEqual(["Bluth", "Cyberdyne"]);
    await page.getByRole("button", { name: "Remove filter Health: Yellow or Red" }).click();
    await expect.poll(accountNames).toEqual(["Acme", "Bluth", "Cyberdyne"]);
    await page.getByRole("table", { name: "Accounts" }).getByRole("button", { name: /Health/ }).click();
    await page.waitForURL(/sort=health/);
    await expect.poll(accountNames).toEqual(["Bluth", "Cyberdyne", "Acme"]);
  });
});

describe("account page health (S1)", () => {
  it("S1 a score in force for 60 days fills the 30-day trend though its history has no row in the range", async () => {
    const { page } = world;
    const now = world.ctx.clock.now();
    const id = randomUUID();
    await world.ctx.db.insertInto("accounts").values({ id, name: "Dunder", in_book_at: now, created_at: now, updated_at: now }).execute();
    // Scored 60 days ago and recomputed today (its trait values drifted, its score did not).
    const since = new Date(now.getTime() - 60 * DAY_MS);
    await setScoreInForce(world.ctx.db, { accountId: id, score: 64, band: "yellow", at: since, computedAt: now });
    await page.goto(`${world.baseUrl}/accounts/${id}`);
    await expectVisible(page.getByRole("group", { name: "Health summary" }).getByText(/score\s+since 2 months ago/));
    await expectVisible(page.getByRole("figure", { name: "Health score per day" }));
    expect(await page.getByText("No score history in the last 30 days").count()).toBe(0);
  });
});
