import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, adminApi, type ApiCall, type BrowserWorld, expectVisible, openBrowserWorld, signIn } from "../support/browser.js";

// The simulated clock starts at Monday 2026-01-05T09:00:00Z (test/support/test-context.ts):
// Initech renews on 2026-03-31, within the pack's 120 days, in Q1 2026.
const RENEWAL_DATE = "2026-03-31";
const ARR = 240_000;
const RATING_NOTE = "Champion left in December; usage down a third since.";

let world: BrowserWorld;
let call: ApiCall;
const seeded = { accountId: "", renewalId: "" };

interface RenewalView {
  id: string;
  rating: string | null;
  ratingNote: string | null;
  ratedBy: string | null;
  reviewDecision: string | null;
  projectedOutcome: string | null;
  projectedArr: number | null;
  expectedArr: number;
  arrAtRisk: number;
  lighthouse: { id: string; status: string } | null;
  assessmentDocId: string | null;
}

/** Initech: an in-book customer with an AE and a TA, renewing in Q1; moving the clock lets R1 open its cycle. */
beforeAll(async () => {
  world = await openBrowserWorld();
  call = await adminApi(world);
  const pack = world.ctx.packs.current();
  const aeId = await addPerson(world.ctx, "ae", "aaron@example.com", "Aaron Executive");
  const taId = await addPerson(world.ctx, "ta", "tara@example.com", "Tara Advisor");
  await addPerson(world.ctx, "leadership", "mona@example.com", "Mona Manager");

  const account = await call<{ id: string }>("POST", "/accounts", {
    name: "Initech",
    domains: ["initech.example"],
    accountType: pack.accounts.types.customer,
    arr: ARR,
    seats: 200,
    developers: 300,
    contractStart: "2025-04-01",
    contractEnd: RENEWAL_DATE,
    deployment: "self_hosted",
    aeUserId: aeId,
  });
  seeded.accountId = account.id;
  await call("POST", `/accounts/${account.id}/support-level`, { level: pack.accounts.taSupportLevels[0] });
  const inBook = await call<{ inBook: boolean }>("POST", `/accounts/${account.id}/ta`, { taUserId: taId });
  expect(inBook.inBook).toBe(true);

  await call("POST", "/clock/advance", { by: "1h", reason: "R1 opens the renewal cycle" });
  const cycles = await call<{ items: { id: string; renewalDate: string; status: string; assessmentDocId: string | null }[] }>("GET", `/accounts/${account.id}/renewals`);
  expect(cycles.items).toHaveLength(1);
  expect(cycles.items[0]).toMatchObject({ renewalDate: RENEWAL_DATE, status: "open" });
  expect(cycles.items[0]?.assessmentDocId).toBeTruthy();
  seeded.renewalId = cycles.items[0]?.id ?? "";
});

afterAll(async () => {
  await world?.close();
});

describe("renewals and Lighthouse pages (R1–R5, X)", () => {
  it("R2 the AE rates the renewal yellow from the pipeline, which enters Lighthouse; R3 the projection counts in the forecast", async () => {
    const { page } = world;
    await signIn(world, "aaron@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Renewals" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Renewals" }));

    // R4: the current quarter's card counts Initech before anyone rated it.
    const q1 = page.getByRole("group", { name: "Forecast by quarter" }).getByRole("button", { name: /^Q1 2026: 1 renewals/ });
    await expectVisible(q1);
    expect(await q1.getAttribute("aria-pressed")).toBe("true");

    const list = page.getByRole("table", { name: "Renewals" });
    await expectVisible(list.getByText("Not rated"));
    await list.getByRole("link", { name: "Initech" }).click();
    await page.waitForURL(new RegExp(`/renewals/${seeded.renewalId}$`));
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech renewal" }));
    await expectVisible(page.getByRole("link", { name: "Open the Health Assessment doc" }));

    // Yellow needs a note: the form says so before the API is asked.
    const rating = page.getByRole("form", { name: "Rate the renewal" });
    await rating.getByRole("radio", { name: "Yellow" }).check();
    await expectVisible(rating.getByText("This enters Lighthouse"));
    await rating.getByRole("button", { name: "Save rating" }).click();
    await expectVisible(rating.getByText("Say why: a yellow or red rating needs a note."));
    await rating.getByLabel("Rating note").fill(RATING_NOTE);
    await rating.getByRole("button", { name: "Save rating" }).click();
    await expectVisible(page.getByRole("link", { name: "Lighthouse program of Initech" }));

    const rated = await call<RenewalView>("GET", `/renewals/${seeded.renewalId}`);
    expect(rated).toMatchObject({ rating: "yellow", ratingNote: RATING_NOTE, reviewDecision: null, lighthouse: { status: "active" } });
    expect(rated.ratedBy).toContain("Aaron Executive");
    // The whole ARR of a renewal rated into Lighthouse is at risk until it is projected.
    expect(rated.arrAtRisk).toBe(ARR);

    // R3: a partial churn must project less than the current ARR; the form checks it as the API does.
    const projection = page.getByRole("form", { name: "Project the outcome" });
    await projection.getByLabel("Outcome").selectOption({ label: "Partial churn" });
    await projection.getByLabel("Projected ARR ($)").fill("300000");
    await expectVisible(projection.getByText("A partial churn projects less than the current $240,000."));
    await projection.getByLabel("Projected ARR ($)").fill("180,000");
    await projection.getByLabel("Projection note").fill("Two teams move to a competitor at renewal.");
    await projection.getByRole("button", { name: "Save projection" }).click();
    await expectVisible(page.getByRole("region", { name: "Facts" }).getByText("Partial churn ($180,000)"));

    const projected = await call<RenewalView>("GET", `/renewals/${seeded.renewalId}`);
    expect(projected).toMatchObject({ projectedOutcome: "partial_churn", projectedArr: 180_000, expectedArr: 180_000, arrAtRisk: 60_000 });

    // Back on the pipeline the row and the quarter's forecast show the projection.
    await page.getByRole("link", { name: "Renewals", exact: true }).first().click();
    const row = page.getByRole("table", { name: "Renewals" }).getByRole("row", { name: /Initech/ });
    await expectVisible(row.getByText("Partial churn"));
    await expectVisible(row.getByText("$60K at risk"));
    await expectVisible(page.getByRole("group", { name: "Forecast by quarter" }).getByRole("button", { name: /^Q1 2026: 1 renewals, \$180,000 expected/ }));

    // The week's changes list both.
    await page.getByRole("tab", { name: "Changes this week" }).click();
    const changes = page.getByRole("table", { name: "Changes this week" });
    await expectVisible(changes.getByRole("link", { name: "Initech" }).first());
    expect(await changes.getByRole("row").count()).toBeGreaterThanOrEqual(3);
  });

  it("R1 a manager approves the rating; the account page lists the cycle and its Lighthouse program", async () => {
    const { page } = world;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await signIn(world, "mona@example.com");
    await page.goto(`${world.baseUrl}/renewals/${seeded.renewalId}`);
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech renewal" }));
    // Managers review; rating, projecting and processing belong to the account team.
    expect(await page.getByRole("form", { name: "Rate the renewal" }).count()).toBe(0);
    await expect.poll(async () => page.getByRole("button", { name: "Process renewal" }).isDisabled()).toBe(true);

    const review = page.getByRole("region", { name: "Review" });
    await review.getByLabel("Review note").fill("Agreed: yellow until the new champion is confirmed.");
    await review.getByRole("button", { name: "Approve rating" }).click();
    await expectVisible(page.getByRole("region", { name: "Rating" }).getByText("Approved", { exact: true }));
    await expect.poll(async () => (await call<RenewalView>("GET", `/renewals/${seeded.renewalId}`)).reviewDecision).toBe("approved");

    await page.goto(`${world.baseUrl}/accounts/${seeded.accountId}`);
    const panel = page.getByRole("region", { name: "Renewals" });
    await expectVisible(panel.getByRole("table", { name: "Renewals of this account" }).getByRole("link", { name: "Mar 31, 2026" }));
    await panel.getByRole("link", { name: "In Lighthouse: open the program of Initech" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech in Lighthouse" }));
    await expectVisible(page.getByText(`Renewal rated yellow: ${RATING_NOTE}`, { exact: false }));
  });

  it("X the AE posts the weekly Lighthouse update and R5 processes the renewal; leadership exits Lighthouse once criteria are written", async () => {
    const { page } = world;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await signIn(world, "aaron@example.com");

    // The weekly update, from the Lighthouse tab.
    await page.goto(`${world.baseUrl}/renewals/lighthouse`);
    await page.getByRole("table", { name: "Lighthouse programs" }).getByRole("link", { name: "Initech" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech in Lighthouse" }));
    const updates = page.getByRole("region", { name: "Weekly updates" });
    await updates.getByLabel("New update").fill("Met the new VP; a workshop is booked for next week.");
    await updates.getByRole("button", { name: "Post update" }).click();
    await expectVisible(updates.getByRole("list", { name: "Updates" }).getByText("Met the new VP; a workshop is booked for next week."));
    const program = (await call<{ items: { id: string; updatesCount: number }[] }>("GET", "/lighthouse?status=active")).items[0];
    expect(program?.updatesCount).toBe(1);

    // R5: processing the renewal at the projected partial churn; the dialog starts from the projection and the current renewal date.
    await page.getByRole("link", { name: "Open the renewal" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Initech renewal" }));
    await page.getByRole("button", { name: "Process renewal" }).click();
    const dialog = page.getByRole("dialog", { name: "Process the renewal of Initech" });
    expect(await dialog.getByLabel("Renewed ARR ($)").inputValue()).toBe("180000");
    expect(await dialog.getByLabel("New contract start").inputValue()).toBe(RENEWAL_DATE);
    await dialog.getByLabel("New contract end").fill("2026-03-01");
    await dialog.getByRole("button", { name: "Process renewal" }).click();
    await expectVisible(dialog.getByText("The contract must end after it starts."));
    await dialog.getByLabel("New contract end").fill("2027-03-31");
    await dialog.getByLabel("Seats", { exact: true }).fill("150");
    await dialog.getByRole("button", { name: "Process renewal" }).click();
    await expectVisible(page.getByRole("region", { name: "Processed" }).getByText("Mar 31, 2026 – Mar 31, 2027"));
    expect(await page.getByRole("button", { name: "Process renewal" }).count()).toBe(0);

    const processed = await call<{ status: string; outcome: string; renewedArr: number }>("GET", `/renewals/${seeded.renewalId}`);
    expect(processed).toMatchObject({ status: "processed", outcome: "partial_churn", renewedArr: 180_000 });
    const account = await call<{ arr: number; seats: number; contractEnd: string }>("GET", `/accounts/${seeded.accountId}`);
    expect(account).toMatchObject({ arr: 180_000, seats: 150, contractEnd: "2027-03-31" });

    // Leadership writes the success criteria, then exits the program.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await signIn(world, "mona@example.com");
    await page.goto(`${world.baseUrl}/lighthouse/${program?.id ?? ""}`);
    await expectVisible(page.getByText("Write the success criteria first: exiting says they are met."));
    const plan = page.getByRole("form", { name: "Save plan" });
    await plan.getByLabel("Success criteria").fill("Workshop held; usage back to last year's level.");
    await plan.getByRole("button", { name: "Save plan" }).click();
    const exit = page.getByRole("button", { name: "Exit Lighthouse" });
    await expect.poll(async () => exit.isEnabled()).toBe(true);
    await exit.click();
    const confirm = page.getByRole("dialog", { name: "Exit Lighthouse for Initech?" });
    await confirm.getByLabel("Exit note").fill("Workshop held; usage recovered.");
    await confirm.getByRole("button", { name: "Exit Lighthouse" }).click();
    await expectVisible(page.getByText("Exited Lighthouse"));
    const exited = await call<{ status: string; exitNote: string; successCriteria: string }>("GET", `/lighthouse/${program?.id ?? ""}`);
    expect(exited).toMatchObject({ status: "exited", exitNote: "Workshop held; usage recovered.", successCriteria: "Workshop held; usage back to last year's level." });
  });
});
