import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountWorld, call, createAccount, listAccounts, names, type AccountWorld } from "./account-fixtures.js";
import { setScoreInForce } from "../support/health-in-force.js";

let w: AccountWorld;
const ids: Record<string, string> = {};

/** Health columns as the S1 recompute leaves them, written straight to the rows (health is tested on its own). */
const HEALTH: Record<string, { score: number | null; band: string | null; missing: boolean | null }> = {
  fern: { score: 82, band: "green", missing: false },
  gale: { score: 71, band: "green", missing: true },
  hazel: { score: 55, band: "yellow", missing: false },
  iris: { score: 30, band: "red", missing: false },
  juno: { score: 12, band: "red", missing: true },
  // Marked red by a person (S3): red band, score still yellow-ish.
  kite: { score: 55, band: "red", missing: false },
  lark: { score: null, band: null, missing: null },
};

beforeAll(async () => {
  w = await accountWorld();
  const db = w.server.ctx.db;
  const now = w.server.ctx.clock.now();
  for (const [name, h] of Object.entries(HEALTH)) {
    const id = (await createAccount(w.server, { name, domains: [`${name}.com`] })).id;
    ids[name] = id;
    // lark was never scored: no row in account_health.
    if (h.band !== null) await setScoreInForce(db, { accountId: id, score: h.score, band: h.band, missingData: h.missing ?? false, at: now });
  }
});
afterAll(async () => {
  await w.close();
});

/** Names sorted by health as the list must: score, empty last, ties by id in the same direction. */
function expected(dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  return Object.entries(HEALTH)
    .sort(([a, x], [b, y]) => {
      if (x.score === null || y.score === null) return x.score === y.score ? 0 : x.score === null ? 1 : -1;
      if (x.score !== y.score) return sign * (x.score - y.score);
      return sign * ((ids[a] ?? "") < (ids[b] ?? "") ? -1 : 1);
    })
    .map(([name]) => name);
}

describe("S1 health on the account list", () => {
  it("S1 healthBand filters by any of the bands, unscored = no band yet", async () => {
    expect(names((await listAccounts(w.server, "healthBand=red")).items)).toEqual(["iris", "juno", "kite"]);
    expect(names((await listAccounts(w.server, "healthBand=green,unscored")).items)).toEqual(["fern", "gale", "lark"]);
    expect(names((await listAccounts(w.server, "healthBand=unscored")).items)).toEqual(["lark"]);
    const all = await listAccounts(w.server, "healthBand=green,yellow,red,unscored");
    expect(all.total).toBe(7);
  });

  it("S1 missingData=true keeps the scores that lack an input; false the complete ones", async () => {
    expect(names((await listAccounts(w.server, "missingData=true")).items)).toEqual(["gale", "juno"]);
    expect(names((await listAccounts(w.server, "missingData=false")).items)).toEqual(["fern", "hazel", "iris", "kite", "lark"]);
    expect(names((await listAccounts(w.server, "missingData=true&healthBand=red")).items)).toEqual(["juno"]);
  });

  it("S1 sort=health orders by score, unscored last both ways, ties by id; pages do not overlap", async () => {
    expect(names((await listAccounts(w.server, "sort=health&dir=asc")).items)).toEqual(expected("asc"));
    expect(names((await listAccounts(w.server, "sort=health&dir=desc")).items)).toEqual(expected("desc"));
    const pages: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) pages.push(...names((await listAccounts(w.server, `sort=health&dir=desc&limit=3&offset=${offset}`)).items));
    expect(pages).toEqual(expected("desc"));
    // The tie (hazel and kite at 55) follows the id in the sort's direction.
    const asc = expected("asc");
    expect(asc.indexOf("hazel") < asc.indexOf("kite")).toBe((ids.hazel ?? "") < (ids.kite ?? ""));
  });

  it("S1 an unknown band or missingData value is a 400 naming the field", async () => {
    const bad = await call(w.server, "ae", "GET", "/api/v1/accounts?healthBand=red,purple");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["querystring", "healthBand"] }] } } });
    expect(bad.json<{ error: { message: string } }>().error.message).toContain("purple");
    const badMissing = await call(w.server, "ae", "GET", "/api/v1/accounts?missingData=maybe");
    expect(badMissing.statusCode).toBe(400);
  });

  it("S1 the CSV export takes the same health filter", async () => {
    const res = await call(w.server, "leadership", "GET", "/api/v1/accounts/export.csv?healthBand=yellow");
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("hazel");
  });
});
