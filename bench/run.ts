import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { loadConfig } from "../src/platform/config/config.js";
import { createContext } from "../src/platform/app/create-context.js";
import { openDatabase } from "../src/platform/db/open-database.js";
import { createLogger } from "../src/platform/log/logger.js";
import { benchOutbox } from "./outbox-bench.js";
import { benchIngest } from "./ingest-bench.js";
import { benchLicense } from "./license-bench.js";
import { benchSignup } from "./signup-bench.js";
import { benchAccounts } from "./accounts-bench.js";
import { benchHealth } from "./health-bench.js";
import type { CpuTime } from "./cpu-time.js";
import { scratchDir, timeBarePGliteOpen, timeStart } from "./start-bench.js";

/**
 * `npm run bench`: one JSON object per line in bench/results/latest.jsonl, each with a
 * baseline measured in the same run (the machine is shared: compare ratios, not times).
 * Set BENCH_POSTGRES_URL (default: the local server) to include PostgreSQL; BENCH_QUICK=1 for a short run;
 * BENCH_LOG_LEVEL=debug for the app's own logs on stderr (the health recompute's phase timings).
 * Each group runs in its own Node process, one after another: a group measured after another in
 * the same process paid for the earlier one's heap and leftovers (the health recompute ran about
 * 1.5× slower after the accounts bench, its in-memory scoring included).
 */
interface Row {
  bench: string;
  engine: "pglite" | "postgres" | "none";
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  target?: string;
  /** CPU time beside the wall time, where a group measures it (bench/cpu-time.ts). */
  cpu?: CpuTime;
}

const rows: Row[] = [];
const quick = process.env.BENCH_QUICK === "1";
const GROUPS = ["outbox", "ingest", "start", "license", "signup", "accounts", "health"] as const;
/** BENCH_ONLY=outbox,ingest,start,license,signup,accounts,health runs a subset (default: all). */
const only = new Set((process.env.BENCH_ONLY ?? GROUPS.join(",")).split(",").map((s) => s.trim()));
/** Set by the parent in each group's process: run the group and print its rows, write no file. */
const isChild = process.env.BENCH_CHILD === "1";
const round = (n: number) => Math.round(n * 100) / 100;
function record(r: Omit<Row, "ratio">): void {
  const row = { ...r, value: round(r.value), baseline: round(r.baseline), ratio: round(r.value / r.baseline) };
  rows.push(row);
  console.log(JSON.stringify(row));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The outbox as the server runs it: on PostgreSQL, a pool; on PGlite, a data directory opened
 * in a worker thread, as `trellis start` opens it (decision 0022), so the database's work runs
 * beside the HTTP calls rather than on the same thread.
 */
async function outbox(engine: "pglite" | "postgres", url: string | undefined): Promise<void> {
  const scratch = url ? null : scratchDir("outbox");
  const config = loadConfig({ env: {}, overrides: { logLevel: "silent", ...(url ? { databaseUrl: url } : { dataDir: scratch?.dir }) } });
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: scratch?.dir, thread: true });
  const ctx = await createContext({ config, database, logger: createLogger("silent") });
  try {
    const r = await benchOutbox(ctx, quick ? 300 : 10_000);
    record({ bench: "outbox_webhook_deliveries", engine, value: r.deliveriesPerSecond, unit: "deliveries/s", baseline: r.bareLoopPerSecond, target: "ratio >= 0.5" });
  } finally {
    await ctx.close();
    scratch?.cleanup();
  }
}

async function coldStart(): Promise<void> {
  const runs = quick ? 1 : 3;
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = scratchDir("empty");
    empty.push((await timeStart(["start", "--data-dir", s.dir], {}, 3900 + i)).ms);
    s.cleanup();
  }
  const demo = scratchDir("demo");
  await timeStart(["start", "--data-dir", demo.dir, "--demo"], {}, 3910);
  const existing: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sample = await timeStart(["start", "--data-dir", demo.dir], {}, 3920 + i);
    existing.push(sample.ms);
    rss.push(sample.peakRssMb);
  }
  const bare = await timeBarePGliteOpen(demo.dir);
  demo.cleanup();
  record({ bench: "cold_start_empty_data_dir", engine: "pglite", value: median(empty), unit: "ms", baseline: bare.ms });
  record({ bench: "start_existing_demo_data_dir", engine: "pglite", value: median(existing), unit: "ms", baseline: bare.ms, target: "value < 1500" });
  record({ bench: "start_peak_rss_demo", engine: "pglite", value: median(rss), unit: "MB", baseline: bare.peakRssMb, target: "value < 600" });
}

/** One group in a fresh Node process; its rows, as printed (one JSON object per line). */
async function runGroupInChild(group: string): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? ""], {
    env: { ...process.env, BENCH_ONLY: group, BENCH_CHILD: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
  for await (const line of createInterface({ input: child.stdout })) {
    console.log(line);
    const row = line.startsWith("{") ? (JSON.parse(line) as Partial<Row>) : null;
    if (row && typeof row.bench === "string" && typeof row.value === "number") rows.push(row as Row);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`bench: the ${group} group failed (exit ${code})`);
}

/** The selected groups, in this process. */
async function runGroups(): Promise<void> {
  const pgUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  if (only.has("outbox")) await outbox("pglite", undefined);
  const scratch = `trellis_bench_${process.pid}`;
  let admin: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    admin = await openDatabase({ databaseUrl: pgUrl, poolSize: 1 });
  } catch (e) {
    console.error(`bench: PostgreSQL not reachable at ${pgUrl} (${(e as Error).message}); PostgreSQL rows left out.`);
  }
  if (admin && only.has("outbox")) {
    const { sql } = await import("kysely");
    await sql.raw(`create database ${scratch}`).execute(admin.db);
    const u = new URL(pgUrl);
    u.pathname = `/${scratch}`;
    try {
      await outbox("postgres", u.toString());
    } finally {
      await sql.raw(`drop database if exists ${scratch} with (force)`).execute(admin.db);
    }
  }
  await admin?.close();
  if (only.has("ingest")) for (const r of await benchIngest({ postgresUrl: admin ? pgUrl : undefined, quick })) record(r);
  if (only.has("start")) await coldStart();
  if (only.has("license")) for (const r of benchLicense({ quick })) record(r);
  if (only.has("signup")) for (const r of await benchSignup({ postgresUrl: admin ? pgUrl : undefined, quick })) record(r);
  if (only.has("accounts")) for (const r of await benchAccounts({ postgresUrl: admin ? pgUrl : undefined, quick })) record(r);
  if (only.has("health")) for (const r of await benchHealth({ postgresUrl: admin ? pgUrl : undefined, quick })) record(r);
}

async function main(): Promise<void> {
  const unknown = [...only].filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (unknown.length > 0) throw new Error(`bench: unknown group ${unknown.join(", ")} in BENCH_ONLY (known: ${GROUPS.join(", ")})`);
  if (isChild) {
    await runGroups();
    return;
  }
  for (const group of GROUPS) if (only.has(group)) await runGroupInChild(group);
  const dir = join(import.meta.dirname, "..", "..", "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`bench: ${rows.length} results in bench/results/latest.jsonl`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
