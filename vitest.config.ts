import { defineConfig } from "vitest/config";

// Engines and browser tests are vitest projects so one `npm test` runs the whole matrix.
// PostgreSQL and browser projects run when available; with CI=true they are required
// (test/support/requirements.ts fails the run instead of skipping).
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
        test: {
          name: "pglite",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/browser/**", "**/node_modules/**"],
          env: { TRELLIS_TEST_ENGINE: "pglite" },
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/browser/**", "**/*.unit.test.ts", "**/node_modules/**"],
          env: { TRELLIS_TEST_ENGINE: "postgres" },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          env: { TRELLIS_TEST_ENGINE: "pglite" },
        },
      },
    ],
  },
});
