import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/runtime/build-app.js";
import type { AppServer } from "../../src/platform/http/server.js";
import { createApiToken } from "../../src/platform/auth/create-api-token.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { createTestContext, type TestContext, type TestContextOptions } from "./test-context.js";

export interface TestServer {
  ctx: TestContext;
  app: AppServer;
  /** An API token acting with the role (cheap: no password hashing). */
  tokenFor(role: Role): Promise<string>;
  /** Signs in a new user of the role; returns the cookie header and CSRF token. */
  signInAs(role: Role, email?: string): Promise<BrowserSession>;
  close(): Promise<void>;
}

export interface BrowserSession {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export async function createTestServer(options: TestContextOptions = {}): Promise<TestServer> {
  const ctx = await createTestContext(options);
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const tokens = new Map<Role, string>();
  let n = 0;
  return {
    ctx,
    app,
    async tokenFor(role) {
      const existing = tokens.get(role);
      if (existing) return existing;
      const created = await createApiToken(ctx, { name: `test ${role}`, role, actor: systemActor("test") });
      tokens.set(role, created.token);
      return created.token;
    },
    async signInAs(role, email) {
      n += 1;
      const address = email ?? `${role}.${n}@example.com`;
      const password = "correct horse battery staple";
      const user = await createUser(ctx, { email: address, name: `Test ${role} ${n}`, role, password, actor: systemActor("test") });
      const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { email: address, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = sessionCookie(res);
      const body = res.json<{ csrfToken: string }>();
      return { cookie, csrfToken: body.csrfToken, userId: user.id };
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === "trellis_session");
  if (!c) throw new Error("no session cookie in response");
  return `trellis_session=${c.value}`;
}
