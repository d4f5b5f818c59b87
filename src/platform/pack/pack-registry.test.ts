import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-context.js";
import { createContext } from "../app/create-context.js";
import { loadConfig } from "../config/config.js";
import { SimulatedClock } from "../clock/clock.js";
import { createLogger } from "../log/logger.js";
import { canonicalJson } from "./pack-registry.js";
import { PackError, validatePack } from "./load-pack.js";
import { defaultPack } from "../../pack/default-pack.js";

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe("process pack", () => {
  it("boots twice on the same database (stored jsonb reorders keys)", async () => {
    db = await createTestDatabase();
    const config = loadConfig({ env: {}, overrides: { logLevel: "silent", clock: "simulated" } });
    const open = () =>
      createContext({ config, database: { ...db!, close: async () => {} }, clock: new SimulatedClock(new Date("2026-01-05T00:00:00Z")), migrate: false, logger: createLogger("silent") });
    const first = await open();
    const second = await open();
    expect(second.packs.current().version).toBe(first.packs.current().version);
    const stored = await second.db.selectFrom("pack_versions").select("version").execute();
    expect(stored).toHaveLength(1);
  });

  it("refuses a changed pack under a stored version", async () => {
    db = await createTestDatabase();
    const config = loadConfig({ env: {}, overrides: { logLevel: "silent" } });
    const ctx = await createContext({ config, database: { ...db, close: async () => {} }, migrate: false, logger: createLogger("silent") });
    const changed = validatePack({ ...defaultPack, trials: { ...defaultPack.trials, lengthDays: 14 } }, "test");
    await expect(ctx.packs.init(ctx.db, changed, "test")).rejects.toThrow(/already stored with different content/);
  });

  it("names every bad field when validating", () => {
    const bad = { ...defaultPack, trials: { ...defaultPack.trials, lengthDays: -1, unusedWarningDays: "ten" } };
    expect(() => validatePack(bad, "test")).toThrow(PackError);
    try {
      validatePack(bad, "test");
    } catch (e) {
      expect((e as Error).message).toContain("trials.lengthDays");
      expect((e as Error).message).toContain("trials.unusedWarningDays");
    }
  });

  it("compares canonically", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });
});
