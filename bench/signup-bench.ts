import http from "node:http";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

/**
 * Trial signup (POST /api/v1/public/signup) at 50 concurrent clients against a real server in its
 * own process: requests per second and p95 latency to the decision response. Baseline in the same
 * run and server: the public signup-form GET (same HTTP stack, no database work).
 */
export interface SignupRow {
  bench: string;
  engine: "pglite" | "postgres";
  value: number;
  unit: string;
  baseline: number;
  target?: string;
}

const CLIENTS = 50;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)] ?? NaN;

interface Server {
  port: number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const ts = import.meta.url.endsWith(".ts");
  const file = new URL(`./signup-server.${ts ? "ts" : "js"}`, import.meta.url).pathname;
  const child = spawn(process.execPath, [...(ts ? ["--import", "tsx"] : []), file], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`signup bench server exited early (${code})`)));
    child.once("message", (m: { port: number }) => resolve(m.port));
  });
  return {
    port,
    async stop() {
      child.send({ cmd: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function request(agent: http.Agent, port: number, method: "GET" | "POST", path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method, agent, headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {} },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `total` requests spread over CLIENTS loops; returns req/s and latencies. */
async function drive(port: number, total: number, make: (i: number) => { method: "GET" | "POST"; path: string; body?: string }, expect: number[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < total; i = next++) {
        const r = make(i);
        const start = performance.now();
        const status = await request(agent, port, r.method, r.path, r.body);
        latencies.push(performance.now() - start);
        if (!expect.includes(status)) failures++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  if (failures > 0) throw new Error(`${failures} of ${total} requests got an unexpected status`);
  return { perSecond: total / seconds, p95: percentile(latencies, 0.95) };
}

export async function benchSignup(o: { postgresUrl?: string | undefined; quick: boolean }): Promise<SignupRow[]> {
  const rows: SignupRow[] = [];
  const total = o.quick ? 400 : 2000;
  const engines: { engine: "pglite" | "postgres"; env: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> }[] = [
    {
      engine: "pglite",
      env: async () => {
        const dir = mkdtempSync(join(tmpdir(), "trellis-signup-bench-"));
        return { env: { BENCH_SIGNUP_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  if (o.postgresUrl) {
    const pgUrl = o.postgresUrl;
    engines.push({
      engine: "postgres",
      env: async () => {
        const { openDatabase } = await import("../src/platform/db/open-database.js");
        const { sql } = await import("kysely");
        const name = `trellis_signup_bench_${process.pid}`;
        const admin = await openDatabase({ databaseUrl: pgUrl, poolSize: 1 });
        await sql.raw(`create database ${name}`).execute(admin.db);
        const u = new URL(pgUrl);
        u.pathname = `/${name}`;
        return {
          env: { BENCH_SIGNUP_DATABASE_URL: u.toString() },
          cleanup: async () => {
            await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
            await admin.close();
          },
        };
      },
    });
  }
  for (const e of engines) {
    const { env, cleanup } = await e.env();
    const server = await startServer(env);
    try {
      // Warm-up: JIT, statement plans, the alert channel row.
      await drive(server.port, 100, (i) => signupRequest(`warm${i}`), [201]);
      const base = await drive(server.port, total, () => ({ method: "GET", path: "/api/v1/public/signup-form" }), [200]);
      const run = await drive(server.port, total, (i) => signupRequest(`c${i}`), [201]);
      rows.push({ bench: "signup_requests", engine: e.engine, value: run.perSecond, unit: "requests/s", baseline: base.perSecond });
      rows.push({ bench: "signup_p95_latency", engine: e.engine, value: run.p95, unit: "ms", baseline: base.p95, target: "value < 200" });
      console.error(`bench signup ${e.engine}: ${run.perSecond.toFixed(0)} req/s, p95 ${run.p95.toFixed(1)} ms (form GET ${base.perSecond.toFixed(0)} req/s, p95 ${base.p95.toFixed(1)} ms)`);
    } finally {
      await server.stop();
      await cleanup();
    }
  }
  return rows;
}

function signupRequest(tag: string) {
  return {
    method: "POST" as const,
    path: "/api/v1/public/signup",
    body: JSON.stringify({ name: `Ada ${tag}`, email: `ada@${tag}.bench.example.com`, company: `Company ${tag}`, fields: { developers: "100-499", useCase: "Evaluate for my team" } }),
  };
}
