import { defineConfig } from "vitest/config";
import { IN_CI, chromiumPresent, postgresReachable } from "./test/support/engines.js";

// One `npm test` runs the matrix: every DB test on PGlite and on PostgreSQL, plus the browser
// tests. Locally a missing PostgreSQL or Chromium leaves its project out (and says so);
// in CI both are required, and their absence fails the run (test/support/global-setup.ts).
const withPostgres = IN_CI || postgresReachable();
// TRELLIS_TEST_BROWSER=0 leaves the browser project (and its web build) out of a local run.
const withBrowser = process.env.TRELLIS_TEST_BROWSER === "0" ? false : IN_CI || chromiumPresent();
if (!withPostgres) console.warn("[trellis tests] PostgreSQL not reachable: the postgres project is left out.");
if (!withBrowser) console.warn("[trellis tests] Chromium not found: the browser project is left out.");
process.env.TRELLIS_TEST_WITH_POSTGRES = withPostgres ? "1" : "0";
process.env.TRELLIS_TEST_WITH_BROWSER = withBrowser ? "1" : "0";

const unitAndDb = ["src/**/*.test.ts", "test/**/*.test.ts"];
const notBrowser = ["test/browser/**", "**/node_modules/**", "dist/**"];

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["test/support/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "pglite", include: unitAndDb, exclude: notBrowser, env: { TRELLIS_TEST_ENGINE: "pglite" } },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: unitAndDb,
                exclude: [...notBrowser, "**/*.unit.test.ts"],
                env: { TRELLIS_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
      ...(withBrowser
        ? [
            {
              extends: true as const,
              test: { name: "browser", include: ["test/browser/**/*.test.ts"], env: { TRELLIS_TEST_ENGINE: "pglite" } },
            },
          ]
        : []),
    ],
  },
});
