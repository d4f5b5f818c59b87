import type { LightMyRequestResponse } from "fastify";
import type { AccountDetail, AccountListItem } from "../../src/domains/accounts/account-view.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestServer, type BrowserSession, type TestServer } from "../support/test-server.js";

export interface Person {
  id: string;
  email: string;
  name: string;
}

/** A server and the people accounts are given to: two AEs, a CE, a TA, a TPM (any role) and an inactive AE. */
export interface AccountWorld {
  server: TestServer;
  ae: Person;
  ae2: Person;
  ce: Person;
  ta: Person;
  tpm: Person;
  gone: Person;
  close(): Promise<void>;
}

export async function accountWorld(): Promise<AccountWorld> {
  const server = await createTestServer();
  const person = async (role: Role, email: string, name: string): Promise<Person> => {
    const u = await createUser(server.ctx, { email, name, role, actor: systemActor("test") });
    return { id: u.id, email: u.email, name: u.name };
  };
  const world: AccountWorld = {
    server,
    ae: await person("ae", "ada.ae@vendor.test", "Ada AE"),
    ae2: await person("ae", "bo.ae@vendor.test", "Bo AE"),
    ce: await person("ce", "cy.ce@vendor.test", "Cy CE"),
    ta: await person("ta", "di.ta@vendor.test", "Di TA"),
    tpm: await person("support", "ed.tpm@vendor.test", "Ed TPM"),
    gone: await person("ae", "gone.ae@vendor.test", "Gone AE"),
    close: () => server.close(),
  };
  await server.ctx.db.updateTable("users").set({ active: false }).where("id", "=", world.gone.id).execute();
  return world;
}

/** Who calls: a signed-in person (cookie + CSRF) or an API token of a role. */
export type Caller = BrowserSession | Role;

export async function call(server: TestServer, who: Caller, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const headers = typeof who === "string" ? { authorization: `Bearer ${await server.tokenFor(who)}` } : { cookie: who.cookie, "x-csrf-token": who.csrfToken };
  return server.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

export async function createAccount(server: TestServer, body: Record<string, unknown>, who: Caller = "sales_ops"): Promise<AccountDetail> {
  const res = await call(server, who, "POST", "/api/v1/accounts", body);
  if (res.statusCode !== 201) throw new Error(`create account: ${res.statusCode} ${res.body}`);
  return res.json<AccountDetail>();
}

export async function listAccounts(server: TestServer, query: string): Promise<{ items: AccountListItem[]; total: number; limit: number; offset: number }> {
  const res = await call(server, "leadership", "GET", `/api/v1/accounts${query ? `?${query}` : ""}`);
  if (res.statusCode !== 200) throw new Error(`list accounts: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const names = (items: { name: string }[]): string[] => items.map((i) => i.name);

export async function timeline(server: TestServer, accountId: string): Promise<{ kind: string; summary: string }[]> {
  const res = await call(server, "admin", "GET", `/api/v1/timeline/account/${accountId}`);
  return res.json<{ items: { kind: string; summary: string }[] }>().items;
}

/** Row counts of the account tables: "nothing changed" checks compare two of these. */
export async function bookCounts(server: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["accounts", "account_domains", "contacts", "timeline_events"] as const) {
    const row = await server.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

export interface ImportAnswer {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: { row: number; field: string; message: string }[];
}

export async function importCsv(server: TestServer, csv: string, dryRun: boolean): Promise<LightMyRequestResponse> {
  return call(server, "sales_ops", "POST", "/api/v1/accounts/import", { csv, dryRun });
}

export const HEADER = "name,domains,crmId,accountType,expectedCloseDate,arr,seats,developers,contractStart,contractEnd,deployment,aeEmail,ceEmail,strategic";
