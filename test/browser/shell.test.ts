import { afterAll, beforeAll, describe, it } from "vitest";
import { enqueue } from "../../src/platform/outbox/enqueue.js";
import { addPerson, expectVisible, openBrowserWorld, signIn, type BrowserWorld } from "../support/browser.js";

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  await addPerson(world.ctx, "admin", "ada@example.com", "Ada Admin");
});
afterAll(async () => {
  await world?.close();
});

describe("web shell", () => {
  it("signs in and shows the navigation, the person and their role", async () => {
    await signIn(world, "ada@example.com");
    const nav = world.page.getByRole("navigation", { name: "Main" });
    for (const area of ["Trials", "Accounts", "Renewals", "Tasks", "Reports", "Settings"]) {
      await expectVisible(nav.getByRole("link", { name: area, exact: true }));
    }
    await expectVisible(world.page.getByText("Ada Admin").first());
  });

  it("opens the Outbox page and shows a queued delivery", async () => {
    const { ctx } = world;
    const pack = ctx.packs.current();
    await enqueue(ctx.db, {
      channel: "email",
      payload: { to: ["someone@example.com"], subject: "Welcome aboard", text: "Hello" },
      idempotencyKey: "browser-test-1",
      at: ctx.clock.now(),
      pack,
    });
    await world.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
    await expectVisible(world.page.getByRole("heading", { level: 1, name: "Outbox" }));
    const table = world.page.getByRole("table", { name: "Outbox deliveries" });
    await expectVisible(table.getByText("Welcome aboard"));
  });

  it("opens the Audit log page and shows the sign-in", async () => {
    await world.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expectVisible(world.page.getByRole("heading", { level: 1, name: "Audit log" }));
    const table = world.page.getByRole("table", { name: "Audit log" });
    await expectVisible(table.getByText("session.signed_in").first());
  });
});
