import { chromium, type Browser, type Page } from "playwright-core";
import type { AddressInfo } from "node:net";
import { buildApp } from "../../src/runtime/build-app.js";
import type { AppServer } from "../../src/platform/http/server.js";
import { createApiToken } from "../../src/platform/auth/create-api-token.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { CHROMIUM_PATH } from "./engines.js";
import { createTestContext, type TestContext } from "./test-context.js";

export interface BrowserWorld {
  ctx: TestContext;
  app: AppServer;
  baseUrl: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** A real Trellis server on loopback with the built web app, and Debian's Chromium driving it. */
export async function openBrowserWorld(): Promise<BrowserWorld> {
  const ctx = await createTestContext();
  const app = await buildApp(ctx, { serveWeb: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  return {
    ctx,
    app,
    baseUrl,
    browser,
    page,
    async close() {
      await browser.close();
      await app.close();
      await ctx.close();
    },
  };
}

export const PASSWORD = "correct horse battery staple";

export async function addPerson(ctx: TestContext, role: Role, email: string, name: string): Promise<string> {
  return (await createUser(ctx, { email, name, role, password: PASSWORD, actor: systemActor("test") })).id;
}

/** A call to the API as a client makes it: method, path under /api/v1, JSON body; the parsed answer. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The API with a fresh admin token: seeding a browser test and checking what the UI saved. */
export async function adminApi(world: BrowserWorld): Promise<ApiCall> {
  const token = (await createApiToken(world.ctx, { name: "seed", role: "admin", actor: systemActor("test") })).token;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${world.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export async function signIn(world: BrowserWorld, email: string): Promise<void> {
  const { page } = world;
  await page.goto(`${world.baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/** Waits for the element to be visible (a failure names what was looked for). */
export async function expectVisible(locator: import("playwright-core").Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: "visible", timeout });
}
