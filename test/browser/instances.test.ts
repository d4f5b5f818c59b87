import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { addPerson, expectVisible, openBrowserWorld, signIn, type BrowserWorld } from "../support/browser.js";

// The simulated clock starts at 2026-01-05T09:00:00Z (test/support/test-context.ts).
const DAYS = ["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"];

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  await addPerson(world.ctx, "growth", "gina@example.com", "Gina Growth");
  await addPerson(world.ctx, "admin", "ada@example.com", "Ada Admin");
});
afterAll(async () => {
  await world?.close();
});

/** The value next to a term in a facts list (<dt>term</dt><dd>value</dd>). */
const fact = (scope: Locator, term: string): Locator => scope.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");

async function ingest(token: string, what: "events" | "pings", body: unknown): Promise<Response> {
  return fetch(`${world.baseUrl}/api/v1/ingest/${what}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("instances", () => {
  let token = "";

  it("creates an instance from the list and shows its ingestion token once", async () => {
    const { page } = world;
    await signIn(world, "gina@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instances" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Instances" }));
    await expectVisible(page.getByText("No instances yet"));

    await page.getByRole("button", { name: "New instance" }).first().click();
    const form = page.getByRole("dialog", { name: "New instance" });
    await form.getByLabel("Name").fill("Acme Corp");
    expect(await form.getByLabel("Slug").inputValue()).toBe("acme-corp");
    await form.getByLabel("Slug").fill("acme_trial");
    await expectVisible(form.getByText("Use lowercase letters, digits and inner hyphens"));
    await form.getByLabel("Slug").fill("acme");
    await form.getByLabel("Kind").selectOption("trial");
    await form.getByLabel("Company").fill("Acme Corp Inc.");
    await form.getByLabel("Admin email").fill("admin@acme.example");
    await form.getByLabel("Seats").fill("20");
    await form.getByRole("button", { name: "Create instance" }).click();

    const reveal = page.getByRole("dialog", { name: "Instance Acme Corp created" });
    await expectVisible(reveal.getByText("it will not be shown again"));
    token = await reveal.getByLabel("Ingestion token").inputValue();
    expect(token).toMatch(/^trl_ing_/);
    await reveal.getByRole("button", { name: "I've stored the token" }).click();
    await reveal.waitFor({ state: "hidden" });

    const table = page.getByRole("table", { name: "Instances" });
    await expectVisible(table.getByRole("link", { name: "Acme Corp" }));
    expect(await page.content()).not.toContain(token);
  });

  it("puts the server's answer on the field it names (slug taken)", async () => {
    const { page } = world;
    await page.getByRole("button", { name: "New instance" }).click();
    const form = page.getByRole("dialog", { name: "New instance" });
    await form.getByLabel("Name").fill("Acme again");
    await form.getByLabel("Slug").fill("acme");
    await form.getByRole("button", { name: "Create instance" }).click();
    await expectVisible(form.getByText("exists already"));
    await expect.poll(() => form.getByLabel("Slug").getAttribute("aria-invalid")).toBe("true");
    await form.getByRole("button", { name: "Cancel" }).click();
    await form.waitFor({ state: "hidden" });
  });

  it("shows ingested usage: the list's sparkline, the metrics, charts, feature adoption and signals", async () => {
    const { page } = world;
    // 12 users over the last week (over 10 monthly active users: a PQL, T11), some searching.
    const events = Array.from({ length: 12 }, (_, u) =>
      DAYS.slice(u % 3).map((day, d) => ({
        id: `e-${u}-${day}`,
        user: `user${u}@acme.example`,
        event: d % 2 === 0 ? "search.submitted" : "page.viewed",
        timestamp: `${day}T1${u % 10}:00:00Z`,
      })),
    ).flat();
    const sent = await ingest(token, "events", { batchId: "first", events });
    expect(sent.status).toBe(202);
    const ping = await ingest(token, "pings", {
      day: "2026-01-04",
      totalUsers: 14,
      dau: 9,
      wau: 12,
      mau: 12,
      codeHostsConfigured: 1,
      repositories: 40,
      version: "6.0.0",
      preciseCodeIntelEnabled: false,
      featuresUsed: ["search"],
    });
    expect(ping.status).toBe(202);

    await page.reload();
    const table = page.getByRole("table", { name: "Instances" });
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Acme Corp" }) });
    await expectVisible(row.getByRole("img", { name: /^Daily active users of Acme Corp, last 30 days: latest \d+, peak \d+/ }));
    await expectVisible(row.getByText("PQL"));
    await expectVisible(row.getByText("2 behind"));

    await row.getByRole("link", { name: "Acme Corp" }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: "Acme Corp" }));
    const now = page.getByRole("region", { name: "Usage now" });
    await expect.poll(() => fact(now, "Total users").textContent()).toBe("14");
    await expect.poll(() => fact(now, "MAU (rolling 30 days)").textContent()).toBe("12");
    await expectVisible(fact(now, "PQL (T11)").getByText("Over 10 monthly active users"));
    await expectVisible(fact(now, "Code host configured").getByText(/^Yes/));

    const chart = page.getByRole("figure", { name: "Active users per day" });
    await expectVisible(chart);
    await chart.locator("canvas").first().waitFor({ state: "attached" });
    // The screen-reader table holds each day's exact values.
    await expect.poll(() => chart.getByRole("row", { name: /^2026-01-04/ }).count()).toBe(1);
    await expectVisible(page.getByRole("figure", { name: "Users against seats" }));
    await page.getByRole("region", { name: "Usage over time" }).getByText("30 days", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("days")).toBe("30");
    await expectVisible(chart.locator("canvas").first());

    const features = page.getByRole("table", { name: "Feature adoption" });
    await expectVisible(features.getByRole("row", { name: /Code search/ }).getByText("2025-12-29"));
    await expectVisible(features.getByRole("row", { name: /Batch changes/ }).getByText("Never used"));

    const timeline = page.getByRole("list", { name: "Timeline of Acme Corp" });
    await expectVisible(timeline.getByText(/^Product-qualified: Over 10 monthly active users/));
    await expectVisible(timeline.getByText("First use of Code search"));
  });

  it("edits the seats, rotates the token (the old one stops working) and revokes it", async () => {
    const { page } = world;
    await page.getByRole("button", { name: "Edit details" }).click();
    const edit = page.getByRole("dialog", { name: "Edit Acme Corp" });
    await edit.getByLabel("Seats").fill("10");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "hidden" });
    await expectVisible(page.getByText("· 10 seats", { exact: false }));

    const telemetry = page.getByRole("region", { name: "Telemetry" });
    await telemetry.getByRole("button", { name: "Rotate token" }).click();
    await page.getByRole("dialog", { name: /Rotate the ingestion token/ }).getByRole("button", { name: "Rotate now" }).click();
    const reveal = page.getByRole("dialog", { name: "New ingestion token for Acme Corp" });
    const fresh = await reveal.getByLabel("Ingestion token").inputValue();
    expect(fresh).toMatch(/^trl_ing_/);
    expect(fresh).not.toBe(token);
    await reveal.getByRole("button", { name: "I've stored the token" }).click();
    await reveal.waitFor({ state: "hidden" });
    expect((await ingest(token, "events", { events: [{ user: "x", event: "page.viewed", timestamp: "2026-01-05T08:00:00Z" }] })).status).toBe(401);
    expect((await ingest(fresh, "events", { events: [{ user: "x", event: "page.viewed", timestamp: "2026-01-05T08:00:00Z" }] })).status).toBe(202);

    await telemetry.getByRole("button", { name: "Revoke token" }).click();
    await page.getByRole("dialog", { name: /Revoke the ingestion token/ }).getByRole("button", { name: "Revoke now" }).click();
    await expectVisible(telemetry.getByText("No active token"));
    expect((await ingest(fresh, "events", { events: [{ user: "y", event: "page.viewed", timestamp: "2026-01-05T08:00:00Z" }] })).status).toBe(401);
  });

  it("lets an admin override the latest release in Settings → Usage", async () => {
    const { page } = world;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Email").waitFor();
    await signIn(world, "ada@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Usage" }).click();
    const latest = page.getByRole("region", { name: "Latest release" });
    await expectVisible(latest.getByText("From the process pack"));
    await latest.getByLabel("Latest release override").fill("6.3");
    await latest.getByRole("button", { name: "Save override" }).click();
    await expectVisible(latest.getByText("Set by an admin"));
    await expectVisible(fact(latest, "Latest release").getByText("6.3"));
    await latest.getByRole("button", { name: "Clear override" }).click();
    await expectVisible(latest.getByText("From the process pack"));
    await expectVisible(page.getByRole("region", { name: "Retention" }).getByText("90 days"));
  });
});
