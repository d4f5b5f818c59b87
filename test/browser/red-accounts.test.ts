import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, adminApi, type ApiCall, type BrowserWorld, expectVisible, openBrowserWorld, signIn } from "../support/browser.js";

// The simulated clock starts at Monday 2026-01-05T09:00:00Z (test/support/test-context.ts).
const ACTION = "Find a new champion in platform engineering";
const DUE = "2026-01-20";

let world: BrowserWorld;
let call: ApiCall;
const seeded = { accountId: "", trackerId: "", ceId: "" };

/** Initech: its AE marked it red (champion left), so its tracker is open. */
beforeAll(async () => {
  world = await openBrowserWorld();
  call = await adminApi(world);
  const aeId = await addPerson(world.ctx, "ae", "alan@example.com", "Alan Executive");
  seeded.ceId = await addPerson(world.ctx, "ce", "cece@example.com", "Cece Engineer");
  const account = await call<{ id: string }>("POST", "/accounts", {
    name: "Initech",
    domains: ["initech.example"],
    expectedCloseDate: "2026-03-31",
    arr: 250_000,
    aeUserId: aeId,
    ceUserId: seeded.ceId,
  });
  seeded.accountId = account.id;
  const health = await call<{ band: string }>("PUT", `/accounts/${account.id}/health/red-flag`, { reason: "Champion left the company" });
  expect(health.band).toBe("red");
  const list = await call<{ items: { id: string }[] }>("GET", `/red-accounts?accountId=${account.id}`);
  seeded.trackerId = list.items[0]?.id ?? "";
  expect(seeded.trackerId).not.toBe("");
});

afterAll(async () => {
  await world?.close();
});

describe("red accounts (S3)", () => {
  it("S3 the AE opens the tracker from the Red accounts page and records an action item with owner and due date", async () => {
    const { page } = world;
    await signIn(world, "alan@example.com");
    await page.goto(`${world.baseUrl}/trials`);
    await page.getByRole("link", { name: "Red accounts" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Red accounts" }));
    const table = page.getByRole("table", { name: "Red accounts" });
    await expectVisible(table.getByText("Champion left the company"));
    await table.getByRole("button", { name: "Initech" }).click();

    await page.waitForURL(new RegExp(`/red-accounts/${seeded.trackerId}$`));
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech" }));
    await expectVisible(page.getByRole("definition").filter({ hasText: "Champion left the company" }));
    await expectVisible(page.getByText("No action items yet", { exact: false }));

    await page.getByRole("textbox", { name: /New action/ }).fill(ACTION);
    await page.getByLabel("Owner", { exact: true }).selectOption(seeded.ceId);
    await page.getByLabel("Due", { exact: true }).fill(DUE);
    await page.getByRole("button", { name: "Add action" }).click();

    const plan = page.getByRole("table", { name: "Action plan" });
    await expectVisible(plan.getByText(ACTION, { exact: true }));
    await expectVisible(plan.locator(`time[datetime="${DUE}"]`));
    await expect
      .poll(async () => (await call<{ actions: { title: string; owner: { id: string } | null; dueOn: string | null; doneAt: string | null }[] }>("GET", `/red-accounts/${seeded.trackerId}`)).actions)
      .toEqual([expect.objectContaining({ title: ACTION, owner: expect.objectContaining({ id: seeded.ceId }), dueOn: DUE, doneAt: null })]);

    // Ticking it done is saved too.
    await plan.getByRole("checkbox", { name: `Done: ${ACTION}` }).check();
    await expect.poll(async () => (await call<{ actionCounts: { open: number } }>("GET", `/red-accounts/${seeded.trackerId}`)).actionCounts.open).toBe(0);

    // The account page links back to the open tracker.
    await page.getByRole("link", { name: "Open the account" }).click();
    await expectVisible(page.getByRole("link", { name: "Red-account tracker" }));
  });
});
