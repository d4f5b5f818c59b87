import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildApp } from "../../src/runtime/build-app.js";
import type { AppServer } from "../../src/platform/http/server.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { generateWebhookSecret, webhookHeaders } from "../../src/integrations/webhooks/standard-webhooks.js";
import { CHROMIUM_PATH } from "../support/engines.js";
import { addPerson, expectVisible, signIn, type BrowserWorld } from "../support/browser.js";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

const SECRET = generateWebhookSecret();
const REQUESTER = { name: "Rita Rocket", email: "rita@acmerockets.example", company: "Acme Rockets" };
const PASSWORD_RESET = "https://acmerockets.trials.example/password-reset?code=9f2c1e";

let ctx: TestContext;
let app: AppServer;
let browser: Browser;
let page: Page;
let baseUrl: string;
let receiver: WebhookReceiver;
let smtp: SmtpListener;
let worker: OutboxWorker;

/**
 * A real server configured as in production with the webhook provisioner (pointed at a
 * loopback receiver), SMTP (a loopback listener) and the real outbox worker delivering both.
 */
beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret: SECRET });
  smtp = await startSmtpListener();
  ctx = await createTestContext({
    config: {
      provisioner: "webhook",
      provisionerUrl: receiver.url,
      provisionerSecret: SECRET,
      outboundAllowList: ["127.0.0.1"],
      smtpUrl: smtp.url,
      mailFrom: "Trellis <trials@trellis.test>",
    },
  });
  app = await buildApp(ctx, { serveWeb: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  worker = new OutboxWorker(ctx, { handlers: createChannelHandlers(ctx), workerId: "browser-test", pollMs: 50, listenUrl: false, random: () => 0.5 });
  await worker.start();
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await addPerson(ctx, "sdr", "sam@example.com", "Sam SDR");
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.close();
  await ctx?.close();
  await receiver?.close();
  await smtp?.close();
});

/** What the provisioner would send back, signed with the shared secret (Standard Webhooks). */
async function provisionerCallback(body: Record<string, unknown>): Promise<Response> {
  const raw = JSON.stringify(body);
  const headers = webhookHeaders(SECRET, `msg_ready_${String(body.trialId)}`, Math.floor(ctx.clock.now().getTime() / 1000), raw);
  return fetch(`${baseUrl}/api/v1/provisioning/callback`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: raw });
}

describe("inbound trials", () => {
  it("T1 T4.1 T6 T7 signup, SDR approval, signed provisioning callback and the hand-off email with the password-reset link", async () => {
    // T1: the public signup page, no sign-in; the answer is honest about where the request stands.
    await page.goto(`${baseUrl}/signup`);
    const form = page.getByRole("form", { name: "Trial signup" });
    await form.getByLabel("Your name").fill(REQUESTER.name);
    await form.getByLabel("Work email").fill("rita@");
    await expectVisible(form.getByText("Enter an email address like name@company.com."));
    await form.getByLabel("Work email").fill(REQUESTER.email);
    await form.getByLabel(/^Company/).fill(REQUESTER.company);
    await form.getByLabel("Job title (optional)").fill("Head of Platform");
    await form.getByLabel("Developers at your company (optional)").selectOption("100-499");
    await form.getByRole("button", { name: "Request my trial" }).click();
    await expectVisible(page.getByRole("heading", { name: "Request received" }));
    await expectVisible(page.getByText(/We've received your request for Acme Rockets/));

    // T4: the SDR finds it in the qualification queue, checks and all.
    const world = { page, baseUrl } as BrowserWorld;
    await signIn(world, "sam@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trials" }).click();
    await page.getByRole("tab", { name: "Qualification" }).click();
    const queue = page.getByRole("table", { name: "Trial requests waiting for qualification" });
    const row = queue.getByRole("row").filter({ hasText: REQUESTER.email });
    await expectVisible(row.getByText("All pass"));
    await row.getByRole("link", { name: REQUESTER.company }).click();
    await expectVisible(page.getByRole("heading", { level: 1, name: REQUESTER.company }));
    const checks = page.getByRole("list", { name: "Qualification checks" });
    await expectVisible(checks.getByText("Work email"));
    await expectVisible(checks.getByText(/Remaining capacity/));

    // T4.1: approve; the webhook provisioner receives the signed request (T6).
    await page.getByRole("button", { name: "Approve trial" }).click();
    const approve = page.getByRole("dialog", { name: `Approve a trial for ${REQUESTER.company}` });
    await approve.getByLabel("Instance slug (optional)").fill("Acme_R");
    await expectVisible(approve.getByText("Use lowercase letters, digits and inner hyphens."));
    await approve.getByLabel("Instance slug (optional)").fill("acmerocket");
    await approve.getByRole("button", { name: "Approve trial" }).click();
    await approve.waitFor({ state: "hidden" });
    await expectVisible(page.getByText("Approved trial").first());

    const requests = await receiver.waitFor((rs) => rs.some((r) => r.verified && r.body.includes("trial.provisioning.create")), 15_000);
    const request = requests.find((r) => r.verified && r.body.includes("trial.provisioning.create"));
    const sent = JSON.parse(request?.body ?? "{}") as { trialId: string; attempt: number; slug: string; adminEmail: string };
    expect(sent).toMatchObject({ slug: "acmerocket", adminEmail: REQUESTER.email });

    // The provisioner answers: ready, signed with the same secret.
    const ready = await provisionerCallback({
      trialId: sent.trialId,
      attempt: sent.attempt,
      status: "ready",
      instanceUrl: "https://acmerocket.trials.example",
      passwordResetUrl: PASSWORD_RESET,
    });
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { ingestToken?: string }).ingestToken).toMatch(/^trl_ing_/);

    // T7: the lead page (which follows provisioning) shows the hand-off; the requester gets the email.
    await expectVisible(page.getByText("Trial Instance Handed Off").first(), 15_000);
    const mails = await smtp.waitFor((ms) => ms.some((m) => m.envelopeTo.includes(REQUESTER.email) && m.text.includes(PASSWORD_RESET)), 15_000);
    const handOff = mails.find((m) => m.envelopeTo.includes(REQUESTER.email) && m.text.includes(PASSWORD_RESET));
    expect(handOff?.text).toContain("https://acmerocket.trials.example");

    // The trial page shows the running trial and its instance.
    await page.getByRole("link", { name: "acmerocket" }).first().click();
    await expectVisible(page.getByRole("heading", { level: 1, name: REQUESTER.company }));
    await expectVisible(page.getByText("Running").first());
    await expectVisible(page.getByRole("list", { name: `Timeline of ${REQUESTER.company}'s trial` }).getByText(/handed off to/));
  });
});
