#!/usr/bin/env node
// Builds the server (tsc → dist/) and the web app (vite → web/dist/) when their sources
// changed since the last build, so `npm start` is always current yet stays fast when nothing
// changed. `--force` rebuilds both. Runs from `npm install` (prepare) and before `npm start`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === "node_modules" || name === "dist") continue;
        visit(join(p, name));
      }
    } else if (s.mtimeMs > newest) newest = s.mtimeMs;
  };
  for (const p of paths) visit(join(root, p));
  return newest;
}

function stampTime(stamp) {
  const p = join(root, stamp);
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

function run(cmd, args, label, env = process.env) {
  const bin = join(root, "node_modules", ".bin", cmd);
  if (!existsSync(bin)) {
    console.error(`trellis build: ${cmd} is not installed; run \`npm install\` first.`);
    process.exit(1);
  }
  const r = spawnSync(bin, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`trellis build: ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function writeStamp(stamp) {
  const p = join(root, stamp);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, new Date().toISOString());
}

const serverSources = ["src", "bench", "tsconfig.json", "package.json"];
if (force || newestMtime(serverSources) > stampTime("dist/.build-stamp")) {
  run("tsc", ["-p", "tsconfig.json"], "server build (tsc)");
  writeStamp("dist/.build-stamp");
}

const webSources = ["web", "package.json"];
if (existsSync(join(root, "web", "index.html")) &&
    (force || newestMtime(webSources) > stampTime("web/dist/.build-stamp"))) {
  // Always a production bundle, even when called from a test run (vitest sets NODE_ENV=test,
  // which would otherwise give React's development build).
  run("vite", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"], "web build (vite)", { ...process.env, NODE_ENV: "production" });
  writeStamp("web/dist/.build-stamp");
}
