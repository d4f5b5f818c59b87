import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The PostgreSQL server tests use (trust auth on this machine); tests create their own databases. */
export const POSTGRES_ADMIN_URL = process.env.TRELLIS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const CHROMIUM_PATH = process.env.TRELLIS_CHROMIUM ?? "/usr/bin/chromium";
export const IN_CI = process.env.CI === "true" || process.env.CI === "1";

/** Synchronous reachability check (vitest config is synchronous). */
export function postgresReachable(): boolean {
  const url = new URL(POSTGRES_ADMIN_URL);
  const probe = `const s=require("net").connect(${Number(url.port || 5432)},${JSON.stringify(url.hostname)});s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),2000);`;
  return spawnSync(process.execPath, ["-e", probe]).status === 0;
}

export const chromiumPresent = (): boolean => existsSync(CHROMIUM_PATH);
