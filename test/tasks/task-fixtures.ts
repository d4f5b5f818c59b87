import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { LightMyRequestResponse } from "fastify";
import type { AccountsTable } from "../../src/domains/accounts/schema.js";
import type { Task } from "../../src/domains/tasks/task-view.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import type { BrowserSession, TestServer } from "../support/test-server.js";

/** Who calls: a signed-in person (cookie + CSRF) or an API token of a role. */
export type Caller = BrowserSession | Role;

export async function headersOf(server: TestServer, who: Caller): Promise<Record<string, string>> {
  if (typeof who === "string") return { authorization: `Bearer ${await server.tokenFor(who)}` };
  return { cookie: who.cookie, "x-csrf-token": who.csrfToken };
}

export async function call(server: TestServer, who: Caller, method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return server.app.inject({ method, url, headers: await headersOf(server, who), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

/** An account row written directly (account CRUD is another domain's). */
export async function makeAccount(server: TestServer, values: Partial<Insertable<AccountsTable>> & { name: string }): Promise<string> {
  const id = randomUUID();
  const at = server.ctx.clock.now();
  await server.ctx.db
    .insertInto("accounts")
    .values({ id, created_at: at, updated_at: at, ...values })
    .execute();
  return id;
}

export async function createTask(server: TestServer, who: Caller, body: Record<string, unknown>): Promise<Task> {
  const res = await call(server, who, "POST", "/api/v1/tasks", body);
  if (res.statusCode !== 201) throw new Error(`create task: ${res.statusCode} ${res.body}`);
  return res.json<Task>();
}

export async function patchTask(server: TestServer, who: Caller, id: string, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return call(server, who, "PATCH", `/api/v1/tasks/${id}`, body);
}

export async function timeline(server: TestServer, subjectType: string, id: string): Promise<{ kind: string; summary: string; actorLabel: string }[]> {
  const res = await call(server, "admin", "GET", `/api/v1/timeline/${subjectType}/${id}`);
  return res.json<{ items: { kind: string; summary: string; actorLabel: string }[] }>().items;
}

export async function emailsTo(server: TestServer, address: string): Promise<{ to: string[]; subject: string; text: string }[]> {
  const rows = await server.ctx.db.selectFrom("outbox").select("payload").where("channel", "=", "email").orderBy("id").execute();
  return rows.map((r) => r.payload as { to: string[]; subject: string; text: string }).filter((p) => p.to.includes(address));
}

export const ids = (tasks: { id: string }[]): string[] => tasks.map((t) => t.id);
