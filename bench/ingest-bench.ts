import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { openDatabase } from "../src/platform/db/open-database.js";
import { loadPack } from "../src/platform/pack/load-pack.js";
import { eventsOf, generateUsage, inBatches, toWireEvent, usagePlan } from "../src/demo/usage-generator.js";
import { startBenchServer, type BenchServer } from "./ingest-client.js";
import { streamOptions, type StreamSpec } from "./ingest-protocol.js";

/**
 * Usage ingestion through the real HTTP endpoint (POST /api/v1/ingest/events) on a server in
 * its own process, driven by several keep-alive clients each sending one instance's stream, as
 * instances do. Baselines are measured in the same run on the same engine (see each row).
 */
export interface IngestRow {
  bench: string;
  engine: "pglite" | "postgres";
  value: number;
  unit: string;
  baseline: number;
  target?: string;
}

export interface IngestBenchOptions {
  /** PostgreSQL server to create a scratch database on; unreachable means PGlite only. */
  postgresUrl?: string | undefined;
  quick?: boolean;
  /** Events in the memory check (default 1,000,000; env BENCH_INGEST_EVENTS). */
  streamEvents?: number;
  engines?: ("pglite" | "postgres")[];
}

const CLIENTS = 8;
const SEATS = 300;
const catalog = loadPack(undefined).pack.usage;
const log = (msg: string) => console.error(`bench ingest: ${msg}`);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)] ?? NaN;

interface Instance {
  id: string;
  slug: string;
  token: string;
}

async function instances(server: BenchServer, prefix: string, count: number, kind: "trial" | "production"): Promise<Instance[]> {
  const r = await server.request<{ instances: Instance[] }>({ cmd: "instances", prefix, count, kind, seats: kind === "production" ? SEATS : null });
  return r.instances;
}

const specFor = (inst: Instance, seed: string, events: number, profile: StreamSpec["profile"] = "thriving"): StreamSpec => ({
  instanceId: inst.id,
  profile,
  seed,
  to: new Date().toISOString(),
  // A thriving instance of 300 seats sends ~3,000 events a weekday at this rate: enough days for the count.
  days: Math.ceil(events / 1500) + 14,
  seats: profile === "thriving" ? SEATS : null,
  events,
});

function* bodies(spec: StreamSpec, batchSize: number): Generator<{ body: string; n: number }> {
  let left = spec.events;
  for (const batch of inBatches(eventsOf(generateUsage(streamOptions(spec, catalog))), batchSize)) {
    const events = batch.slice(0, left);
    left -= events.length;
    yield { body: JSON.stringify({ events: events.map(toWireEvent) }), n: events.length };
    if (left <= 0) return;
  }
}

async function send(server: BenchServer, inst: Instance, body: string): Promise<number> {
  for (;;) {
    const res = await server.post("/api/v1/ingest/events", inst.token, body);
    if (res.status === 202) return (JSON.parse(res.text) as { accepted: number }).accepted;
    if (res.status === 503) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    throw new Error(`ingest answered ${res.status}: ${res.text.slice(0, 300)}`);
  }
}

/** Events/s at one batch size; baseline: bare multi-row INSERTs of the same rows, same batch size and concurrency. */
async function throughput(
  server: BenchServer,
  batchSize: number,
  total: number,
  deadlineMs: number,
): Promise<{ value: number; baseline: number; recordset: number | null }> {
  const insts = await instances(server, `b${batchSize}i`, CLIENTS, "production");
  const specs = insts.map((inst, i) => specFor(inst, `b${batchSize}-${i}`, Math.ceil(total / CLIENTS)));
  // Bodies are serialised before the clock starts, as the bare side builds its statements first.
  const perClient = specs.map((spec) => [...bodies(spec, batchSize)]);
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    perClient.map(async (list, i) => {
      for (const b of list) {
        if (performance.now() - t0 > deadlineMs) return;
        // Not `accepted += await …`: that reads `accepted` before the await and loses the other clients' counts.
        const n = await send(server, insts[i]!, b.body);
        accepted += n;
      }
    }),
  );
  const value = accepted / ((performance.now() - t0) / 1000);
  const bare = await server.request<{ events: number; seconds: number }>({ cmd: "bare", specs, batchSize, deadlineMs, mode: "values" });
  // A stricter floor at the largest batch: one jsonb parameter per batch beats thousands of bind parameters.
  const strict =
    batchSize >= 1000 ? await server.request<{ events: number; seconds: number }>({ cmd: "bare", specs, batchSize, deadlineMs, mode: "recordset" }) : null;
  return { value, baseline: bare.events / bare.seconds, recordset: strict ? strict.events / strict.seconds : null };
}

/** From the response of the batch that crosses T11 to its timeline event being seen; baseline: an IPC round trip with a plain SELECT. */
async function signalLatency(server: BenchServer, crossings: number): Promise<{ p50: number; p95: number; base50: number; base95: number }> {
  const insts = await instances(server, "sig", crossings, "trial");
  const plans = await Promise.all(
    insts.map(async (inst, i) => {
      const spec: StreamSpec = { ...specFor(inst, `sig-${i}`, 1_000_000, "about_to_pql"), days: 14 };
      for (const b of bodies(spec, 1000)) await send(server, inst, b.body);
      return usagePlan(streamOptions(spec, catalog));
    }),
  );
  const latencies: number[] = [];
  for (const [i, inst] of insts.entries()) {
    const crossing = JSON.stringify({ events: [{ id: "crossing", user: plans[i]!.powerUser, event: "search.submitted", timestamp: new Date().toISOString() }] });
    await send(server, inst, crossing);
    const t0 = performance.now();
    const seen = await server.request<{ polls: number }>({ cmd: "signal", instanceId: inst.id });
    if (seen.polls < 1) throw new Error(`no PQL signal for ${inst.slug}`);
    latencies.push(performance.now() - t0);
  }
  const base: number[] = [];
  for (let i = 0; i < crossings; i++) {
    const t0 = performance.now();
    await server.request({ cmd: "select1" });
    base.push(performance.now() - t0);
  }
  return { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), base50: percentile(base, 0.5), base95: percentile(base, 0.95) };
}

/** Peak RSS growth of the server over a long stream; baseline: the growth by half-way (flat memory: ratio near 1). */
async function memory(server: BenchServer, total: number): Promise<{ growth: number; halfway: number; startMb: number; rate: number }> {
  const insts = await instances(server, "mem", CLIENTS, "production");
  for (const inst of insts) await send(server, inst, JSON.stringify({ events: [{ user: "warm@example.com", event: "page.viewed", timestamp: new Date().toISOString() }] }));
  const startMb = server.memory().rssMb;
  let peak = startMb;
  let halfPeak = startMb;
  let sent = 0;
  const sample = () => {
    peak = Math.max(peak, server.memory().rssMb);
    if (sent <= total / 2) halfPeak = peak;
  };
  const timer = setInterval(sample, 200);
  const t0 = performance.now();
  try {
    await Promise.all(
      insts.map(async (inst, i) => {
        for (const b of bodies(specFor(inst, `mem-${i}`, Math.ceil(total / CLIENTS)), 1000)) {
          await send(server, inst, b.body);
          sent += b.n;
        }
      }),
    );
  } finally {
    clearInterval(timer);
  }
  sample();
  return { growth: peak - startMb, halfway: halfPeak - startMb, startMb, rate: sent / ((performance.now() - t0) / 1000) };
}

async function benchEngine(engine: "pglite" | "postgres", env: Record<string, string>, o: IngestBenchOptions): Promise<IngestRow[]> {
  const quick = o.quick ?? false;
  const rows: IngestRow[] = [];
  const deadline = quick ? 3000 : 10_000;
  let server = await startBenchServer(env);
  try {
    // Warm-up (JIT, connections, the first pages of each table), not measured.
    const [warm] = await instances(server, "warm", 1, "production");
    for (const b of bodies(specFor(warm!, "warm", quick ? 2000 : 10_000), 500)) await send(server, warm!, b.body);
    const sizes: [number, number][] = [
      [1, quick ? 500 : 4000],
      [100, quick ? 10_000 : 80_000],
      [1000, quick ? 40_000 : 240_000],
    ];
    for (const [size, total] of sizes) {
      const r = await throughput(server, size, total, deadline);
      log(`${engine} batch ${size}: ${Math.round(r.value)} events/s (bare insert ${Math.round(r.baseline)}${r.recordset ? `, bare jsonb_to_recordset ${Math.round(r.recordset)}` : ""})`);
      rows.push({
        bench: `ingest_events_batch_${size}`,
        engine,
        value: r.value,
        unit: "events/s",
        baseline: r.baseline,
        ...(size === 1000 ? { target: engine === "postgres" ? "ratio >= 0.4 and value >= 50000" : "ratio >= 0.4" } : {}),
      });
      if (r.recordset) rows.push({ bench: `ingest_events_batch_${size}_vs_bare_recordset`, engine, value: r.value, unit: "events/s", baseline: r.recordset });
    }
    const s = await signalLatency(server, quick ? 10 : 30);
    log(`${engine} signal latency p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms (select round trip ${s.base50.toFixed(2)} / ${s.base95.toFixed(2)})`);
    rows.push({ bench: "ingest_signal_latency_p50", engine, value: s.p50, unit: "ms", baseline: s.base50 });
    rows.push({ bench: "ingest_signal_latency_p95", engine, value: s.p95, unit: "ms", baseline: s.base95 });
    // The memory check runs on a fresh server, so the earlier phases' garbage does not count.
    await server.stop();
    server = await startBenchServer(env);
    const total = o.streamEvents ?? (quick ? 100_000 : 1_000_000);
    const m = await memory(server, total);
    log(`${engine} stream of ${total} events at ${Math.round(m.rate)} events/s: RSS ${m.startMb.toFixed(0)} MB at start, +${m.growth.toFixed(1)} MB peak (+${m.halfway.toFixed(1)} MB by half-way)`);
    rows.push({ bench: `ingest_stream_${total}_rss_growth`, engine, value: m.growth, unit: "MB", baseline: m.halfway, target: "ratio near 1 (flat)" });
  } finally {
    await server.stop();
  }
  return rows;
}

export async function benchIngest(o: IngestBenchOptions = {}): Promise<IngestRow[]> {
  const engines = o.engines ?? ["pglite", "postgres"];
  const streamEvents = o.streamEvents ?? (process.env.BENCH_INGEST_EVENTS ? Number(process.env.BENCH_INGEST_EVENTS) : undefined);
  const options = { ...o, ...(streamEvents ? { streamEvents } : {}) };
  const rows: IngestRow[] = [];
  if (engines.includes("pglite")) {
    const dir = mkdtempSync(join(tmpdir(), "trellis-bench-ingest-"));
    try {
      rows.push(...(await benchEngine("pglite", { BENCH_INGEST_DATA_DIR: dir }, options)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (engines.includes("postgres") && o.postgresUrl) {
    let admin: Awaited<ReturnType<typeof openDatabase>> | undefined;
    try {
      admin = await openDatabase({ databaseUrl: o.postgresUrl, poolSize: 1 });
      await sql`select 1`.execute(admin.db);
    } catch (e) {
      log(`PostgreSQL not reachable at ${o.postgresUrl} (${(e as Error).message}); PostgreSQL rows left out.`);
      await admin?.close();
      return rows;
    }
    const scratch = `trellis_ingest_${process.pid}`;
    await sql.raw(`create database ${scratch}`).execute(admin.db);
    const u = new URL(o.postgresUrl);
    u.pathname = `/${scratch}`;
    try {
      rows.push(...(await benchEngine("postgres", { BENCH_INGEST_DATABASE_URL: u.toString() }, options)));
    } finally {
      await sql.raw(`drop database if exists ${scratch} with (force)`).execute(admin.db);
      await admin.close();
    }
  }
  return rows;
}

/** `node dist/bench/ingest-bench.js [pglite|postgres]`: this benchmark alone, rows on stdout. */
async function main(): Promise<void> {
  const only = process.argv[2] as "pglite" | "postgres" | undefined;
  const rows = await benchIngest({
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    quick: process.env.BENCH_QUICK === "1",
    ...(only ? { engines: [only] } : {}),
  });
  for (const r of rows) console.log(JSON.stringify({ ...r, ratio: Math.round((r.value / r.baseline) * 100) / 100 }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
