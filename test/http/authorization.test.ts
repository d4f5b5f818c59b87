import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTHORIZATION, LEADERSHIP_DECISIONS, roleAllowed } from "../../src/platform/http/authorization.js";
import { ROLES } from "../../src/platform/pack/pack-schema.js";
import { createTestServer, type TestServer } from "../support/test-server.js";

// Walks the declared route × role table against the running server: every API route has an
// entry, every entry has a route, and each role gets exactly the access the table declares.
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
const urlFor = (pattern: string) => pattern.replace(/:[a-zA-Z]+/g, SAMPLE_ID);

describe("authorization table", () => {
  it("has an entry for every registered API route and a route for every entry", () => {
    const registered = new Set(server.app.registeredApiRoutes);
    const declared = new Set(Object.keys(AUTHORIZATION));
    expect([...registered].filter((r) => !declared.has(r))).toEqual([]);
    expect([...declared].filter((r) => !registered.has(r))).toEqual([]);
  });

  it("refuses callers without credentials on every non-public route", async () => {
    for (const [key, access] of Object.entries(AUTHORIZATION)) {
      const [method, pattern] = key.split(" ") as [string, string];
      const res = await server.app.inject({ method: method as "GET", url: urlFor(pattern), payload: method === "GET" ? undefined : {} });
      // A public route is reached without credentials (its own answer may still be "not signed in").
      if (access === "public") expect(res.statusCode, key).not.toBe(403);
      else expect([res.statusCode, res.json<{ error: { code: string } }>().error.code], key).toEqual([401, "unauthenticated"]);
    }
  });

  // One test per role: the table has ~200 routes, and each allowed call runs its handler.
  it.each(ROLES)("gives %s exactly the access the table declares", async (role) => {
    {
      const token = await server.tokenFor(role);
      for (const [key, access] of Object.entries(AUTHORIZATION)) {
        const [method, pattern] = key.split(" ") as [string, string];
        const res = await server.app.inject({
          method: method as "GET",
          url: urlFor(pattern),
          headers: { authorization: `Bearer ${token}` },
          payload: method === "GET" || method === "DELETE" ? undefined : {},
        });
        // Ingestion routes take an instance's token, never a person's.
        if (access === "instance_token") expect(res.statusCode, `${role} ${key}`).toBe(401);
        else if (roleAllowed(access, role)) expect(res.statusCode, `${role} ${key}`).not.toBe(403);
        else expect(res.statusCode, `${role} ${key}: ${res.body}`).toBe(403);
      }
    }
  });

  it("lets anyone reach sign-in without credentials", async () => {
    const res = await server.app.inject({ method: "POST", url: "/api/v1/session", payload: {} });
    expect(res.statusCode).toBe(400);
  });

  it("keeps leadership read-only but for the hand-off decisions of TA leadership (H1, H3, L)", () => {
    for (const [key, access] of Object.entries(AUTHORIZATION)) {
      if (key.startsWith("GET ") || access === "public") continue;
      if (LEADERSHIP_DECISIONS.includes(key)) continue;
      if (access === "authenticated") continue; // own-session routes (sign out)
      expect(access, key).not.toContain("leadership");
    }
  });
});
