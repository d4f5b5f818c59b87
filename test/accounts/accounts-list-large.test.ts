import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXACT_TOTAL_UP_TO } from "../../src/domains/accounts/list-accounts.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { listAccounts } from "./account-fixtures.js";

let server: TestServer;
const N = EXACT_TOTAL_UP_TO + 500;

/** More accounts than the exact count covers, written set-based: every third has no ARR, ARR values repeat (ties). */
beforeAll(async () => {
  server = await createTestServer();
  const now = server.ctx.clock.now();
  await sql`
    insert into accounts (id, name, domain, arr, account_type, segment, created_at, updated_at)
    select gen_random_uuid(), 'Bulk ' || lpad(i::text, 6, '0'), 'bulk' || i || '.example',
      case when i % 3 = 0 then null else (i % 50) * 1000 end,
      case when i % 100 = 0 then 'Partner' else 'Prospect' end,
      case when i % 2 = 0 then 'SMB' else 'Enterprise' end,
      ${now}, ${now}::timestamptz + make_interval(secs => i)
    from generate_series(1, ${N}::int) i`.execute(server.ctx.db);
  await sql`analyze accounts`.execute(server.ctx.db);
});
afterAll(async () => {
  await server.close();
});

type Row = { id: string; arr: number | null };

/** The whole list in the order the API promises: ARR with empty last, ties by id, in the direction asked. */
async function expectedOrder(dir: "asc" | "desc"): Promise<string[]> {
  const rows: Row[] = await server.ctx.db.selectFrom("accounts").select(["id", "arr"]).execute();
  const sign = dir === "asc" ? 1 : -1;
  return rows
    .sort((a, b) => {
      if (a.arr === null || b.arr === null) return a.arr === b.arr ? sign * (a.id < b.id ? -1 : 1) : a.arr === null ? 1 : -1;
      return a.arr !== b.arr ? sign * (a.arr - b.arr) : sign * (a.id < b.id ? -1 : 1);
    })
    .map((r) => r.id);
}

describe("accounts list over more accounts than the exact count covers", () => {
  it("a broad list says about how many (totalExact false); a narrow one counts exactly", async () => {
    const all = await listAccounts(server, "limit=10");
    expect(all).toMatchObject({ totalExact: false });
    expect(all.total).toBeGreaterThan(EXACT_TOTAL_UP_TO);
    expect(all.items.map((i) => i.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Bulk ${String(i + 1).padStart(6, "0")}`));
    const partners = await listAccounts(server, "type=Partner&limit=10");
    expect(partners).toMatchObject({ total: Math.floor(N / 100), totalExact: true });
    const last = await listAccounts(server, `sort=updated&dir=desc&limit=5&offset=${N - 2}`);
    expect(last).toMatchObject({ total: N, totalExact: true });
    expect(last.items.map((i) => i.name)).toEqual(["Bulk 000002", "Bulk 000001"]);
  });

  it("sorting by a key some accounts lack keeps them last in both directions, ties by id, across page boundaries", async () => {
    for (const dir of ["asc", "desc"] as const) {
      const expected = await expectedOrder(dir);
      const valued = expected.length - Math.floor(N / 3);
      // Pages at the start, astride the valued/empty boundary, and inside the empty part.
      for (const offset of [0, valued - 3, valued + 7]) {
        const page = await listAccounts(server, `sort=arr&dir=${dir}&limit=10&offset=${offset}`);
        expect(page.items.map((i) => i.id)).toEqual(expected.slice(offset, offset + 10));
      }
      const filtered = await listAccounts(server, `sort=arr&dir=${dir}&segment=SMB&limit=10&offset=${Math.floor(valued / 2) - 4}`);
      const smb = new Set((await server.ctx.db.selectFrom("accounts").select("id").where("segment", "=", "SMB").execute()).map((r) => r.id));
      const expectedSmb = expected.filter((id) => smb.has(id));
      const start = Math.floor(valued / 2) - 4;
      expect(filtered.items.map((i) => i.id)).toEqual(expectedSmb.slice(start, start + 10));
    }
  });
});
