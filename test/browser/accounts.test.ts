import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, adminApi, type ApiCall, type BrowserWorld, expectVisible, openBrowserWorld, signIn } from "../support/browser.js";

// The simulated clock starts at Monday 2026-01-05T09:00:00Z (test/support/test-context.ts).
const TASK_TITLE = "Schedule the knowledge transfer with Globex";
const DOC_LINE = "Champion: Jane Doe, VP Engineering.";

let world: BrowserWorld;
let call: ApiCall;
const seeded = { accountId: "", docId: "", docTitle: "", taskId: "" };

/** Globex: in the book with a TA, its Handoff Doc from the pack template, and an open task for the TA. */
beforeAll(async () => {
  world = await openBrowserWorld();
  call = await adminApi(world);
  const ceId = await addPerson(world.ctx, "ce", "cece@example.com", "Cece Engineer");
  const taId = await addPerson(world.ctx, "ta", "tara@example.com", "Tara Advisor");

  const account = await call<{ id: string }>("POST", "/accounts", {
    name: "Globex",
    domains: ["globex.example"],
    expectedCloseDate: "2026-03-31",
    arr: 120_000,
    seats: 300,
    developers: 400,
    deployment: "cloud_managed",
    ceUserId: ceId,
  });
  seeded.accountId = account.id;
  const level = world.ctx.packs.current().accounts.taSupportLevels[0];
  await call("POST", `/accounts/${account.id}/support-level`, { level });
  const inBook = await call<{ inBook: boolean; ta: { id: string } | null }>("POST", `/accounts/${account.id}/ta`, { taUserId: taId });
  expect(inBook).toMatchObject({ inBook: true, ta: { id: taId } });

  const doc = await call<{ id: string; title: string; version: number }>("POST", `/accounts/${account.id}/docs`, { template: "handoff" });
  expect(doc.version).toBe(1);
  seeded.docId = doc.id;
  seeded.docTitle = doc.title;
  const task = await call<{ id: string; status: string }>("POST", "/tasks", {
    title: TASK_TITLE,
    accountId: account.id,
    assigneeUserId: taId,
    dueOn: "2026-01-09",
  });
  expect(task.status).toBe("todo");
  seeded.taskId = task.id;
});

afterAll(async () => {
  await world?.close();
});

describe("account tasks and docs (E7)", () => {
  it("E7 the TA moves the account's task to In Progress on the board, and it stays there", async () => {
    const { page } = world;
    await signIn(world, "tara@example.com");
    await page.goto(`${world.baseUrl}/accounts/${seeded.accountId}`);
    await expectVisible(page.getByRole("heading", { level: 1, name: "Globex" }));
    const openTasks = page.getByRole("table", { name: "Open tasks of this account" });
    await expectVisible(openTasks.getByRole("button", { name: TASK_TITLE }));

    // The panel links to the board filtered by the account.
    await page.getByRole("link", { name: "Open on the board" }).click();
    await page.waitForURL(/\/tasks\?account=/);
    await expectVisible(page.getByRole("group", { name: "Active filters" }).getByText("Account: Globex"));
    const todo = page.getByRole("list", { name: "To-Do tasks" });
    const inProgress = page.getByRole("list", { name: "In Progress tasks" });
    const card = todo.getByRole("listitem", { name: TASK_TITLE });
    await expectVisible(card);
    await expectVisible(card.locator("time[datetime=\"2026-01-09\"]"));

    // Native drag and drop onto the In Progress column.
    await card.dragTo(inProgress);
    await expectVisible(inProgress.getByRole("listitem", { name: TASK_TITLE }));
    await expect.poll(async () => (await call<{ status: string }>("GET", `/tasks/${seeded.taskId}`)).status).toBe("in_progress");

    // It stays there after a reload (what the server holds, not just the optimistic move).
    await page.reload();
    await expectVisible(page.getByRole("list", { name: "In Progress tasks" }).getByRole("listitem", { name: TASK_TITLE }));
    expect(await page.getByRole("list", { name: "To-Do tasks" }).getByRole("listitem", { name: TASK_TITLE }).count()).toBe(0);

    // The keyboard way: the card's Move menu sends it on to Under Review.
    await page.getByRole("button", { name: `Move ${TASK_TITLE}` }).click();
    await page.getByRole("menuitem", { name: "Under Review" }).click();
    await expectVisible(page.getByRole("list", { name: "Under Review tasks" }).getByRole("listitem", { name: TASK_TITLE }));
    await expect.poll(async () => (await call<{ status: string }>("GET", `/tasks/${seeded.taskId}`)).status).toBe("under_review");
  });

  it("E7 the TA edits the Handoff Doc from the account page and saves version 2", async () => {
    const { page } = world;
    await page.goto(`${world.baseUrl}/accounts/${seeded.accountId}`);
    const docs = page.getByRole("table", { name: "Docs of this account" });
    await expectVisible(docs.getByText("v1"));
    await docs.getByRole("link", { name: seeded.docTitle }).click();

    await expectVisible(page.getByRole("heading", { level: 1, name: seeded.docTitle }));
    await expectVisible(page.getByRole("link", { name: "Globex" }));
    await expectVisible(page.getByRole("status").filter({ hasText: "All changes saved" }));
    const text = page.getByRole("textbox", { name: "Doc text" });
    await expectVisible(text.getByRole("heading", { name: "Business value" }));
    await text.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type(DOC_LINE);
    await expectVisible(page.getByRole("status").filter({ hasText: "Unsaved changes" }));

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expectVisible(page.getByText("Saved version 2"));
    await expectVisible(page.getByRole("status").filter({ hasText: "All changes saved" }));
    await expectVisible(page.getByRole("list", { name: "Versions" }).getByRole("button", { name: /View version 2, saved by Tara Advisor/ }));

    const saved = await call<{ version: number; body: string; updatedBy: string }>("GET", `/docs/${seeded.docId}`);
    expect(saved.version).toBe(2);
    expect(saved.body).toContain(DOC_LINE);
    expect(saved.updatedBy).toContain("Tara Advisor");
    const versions = await call<{ items: { version: number }[] }>("GET", `/docs/${seeded.docId}/versions`);
    expect(versions.items.map((v) => v.version).sort()).toEqual([1, 2]);

    // Version 1 stays readable as it was.
    await page.getByRole("button", { name: /View version 1/ }).click();
    const older = page.getByRole("dialog", { name: "Version 1 (read-only)" });
    await expectVisible(older.getByRole("heading", { name: "Business value" }));
    expect(await older.getByText(DOC_LINE).count()).toBe(0);
  });
});
