import { performance } from "node:perf_hooks";
import { CompiledQuery, sql } from "kysely";
import { loadConfig } from "../src/platform/config/config.js";
import { createContext } from "../src/platform/app/create-context.js";
import { createLogger } from "../src/platform/log/logger.js";
import { buildApp } from "../src/runtime/build-app.js";
import { systemActor } from "../src/platform/timeline/actor.js";
import { createInstance } from "../src/domains/instances/create-instance.js";
import { eventsOf, generateUsage, inBatches } from "../src/demo/usage-generator.js";
import type { NormalizedEvent } from "../src/domains/usage/event-input.js";
import { streamOptions, type Reply, type Request, type StreamSpec } from "./ingest-protocol.js";

/**
 * The ingestion benchmark's server: a real Trellis HTTP server (the app `trellis serve` runs)
 * on loopback, in its own process so that its memory and CPU are its own. The parent drives it
 * over HTTP, and over IPC asks it for set-up (instances with tokens) and for the same-engine
 * baselines (bare INSERTs of the same generated rows, plain SELECT round trips).
 */
const url = process.env.BENCH_INGEST_DATABASE_URL;
const config = loadConfig({
  env: {},
  overrides: { logLevel: "silent", ...(url ? { databaseUrl: url } : { dataDir: process.env.BENCH_INGEST_DATA_DIR }) },
});
const ctx = await createContext({ config, logger: createLogger("silent") });
const app = await buildApp(ctx, { serveWeb: false });
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : 0;

const COLUMNS = "instance_id, event_key, type, user_key, event, occurred_at, received_at, properties";
await sql
  .raw(
    `create table if not exists bench_bare_events (instance_id uuid not null, event_key text not null, type text not null, user_key text not null,
     event text, occurred_at timestamptz not null, received_at timestamptz not null, properties jsonb not null)`,
  )
  .execute(ctx.db);

function insertText(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(", ")})`);
  return `insert into bench_bare_events (${COLUMNS}) values ${values.join(", ")}`;
}

// $4 (the row count) is not used by the statement; PostgreSQL accepts an unreferenced parameter only with a type, hence the cast.
const RECORDSET = `insert into bench_bare_events (${COLUMNS})
  select $1::uuid, r.k, r.t, r.u, r.e, r.o, $2::timestamptz, coalesce(r.p, '{}'::jsonb)
  from jsonb_to_recordset($3::jsonb) as r(k text, t text, u text, e text, o timestamptz, p jsonb) where $4::int > 0`;

/** The same rows the HTTP side sends (same generator, same specs), inserted bare at the same batch size and concurrency. */
async function bareInsert(specs: StreamSpec[], batchSize: number, deadlineMs: number, mode: "values" | "recordset"): Promise<{ events: number; seconds: number }> {
  const catalog = ctx.packs.current().usage;
  const receivedAt = new Date().toISOString();
  const texts = new Map<number, string>();
  const perClient = specs.map((spec) => {
    const batches: CompiledQuery[] = [];
    let left = spec.events;
    for (const batch of inBatches(eventsOf(generateUsage(streamOptions(spec, catalog))), batchSize)) {
      const rows: NormalizedEvent[] = batch.slice(0, left);
      left -= rows.length;
      if (mode === "recordset") {
        const json = JSON.stringify(rows.map((e) => ({ k: e.key, t: e.type, u: e.user, e: e.event, o: e.occurredAt.toISOString(), p: e.properties })));
        batches.push(CompiledQuery.raw(RECORDSET, [spec.instanceId, receivedAt, json, rows.length]));
      } else {
        const text = texts.get(rows.length) ?? insertText(rows.length);
        texts.set(rows.length, text);
        const params = rows.flatMap((e) => [spec.instanceId, e.key, e.type, e.user, e.event, e.occurredAt.toISOString(), receivedAt, JSON.stringify(e.properties)]);
        batches.push(CompiledQuery.raw(text, params));
      }
      if (left <= 0) break;
    }
    return { batches, rows: spec.events };
  });
  let events = 0;
  const t0 = performance.now();
  const deadline = t0 + deadlineMs;
  await Promise.all(
    perClient.map(async ({ batches }) => {
      for (const q of batches) {
        if (performance.now() > deadline) return;
        await ctx.db.executeQuery(q);
        events += mode === "recordset" ? Number(q.parameters[3]) : q.parameters.length / 8;
      }
    }),
  );
  return { events, seconds: (performance.now() - t0) / 1000 };
}

async function handle(m: Request): Promise<Reply> {
  switch (m.cmd) {
    case "instances": {
      const out = [];
      for (let i = 0; i < m.count; i++) {
        const slug = `${m.prefix}${i}`;
        const created = await createInstance(ctx, { slug, name: `Bench ${slug}`, kind: m.kind, seats: m.seats, actor: systemActor("bench") });
        out.push({ id: created.instance.id, slug, token: created.ingestToken });
      }
      return { id: m.id, instances: out };
    }
    case "bare":
      return { id: m.id, ...(await bareInsert(m.specs, m.batchSize, m.deadlineMs, m.mode)) };
    case "select1": {
      await sql`select 1`.execute(ctx.db);
      return { id: m.id };
    }
    case "signal": {
      // The signal is written in the ingest transaction: it is normally visible on the first look.
      for (let i = 0; i < 10_000; i++) {
        const row = await sql`select 1 from timeline_events where subject_type = 'instance' and subject_id = ${m.instanceId} and kind = 'usage.pql_criteria_met' limit 1`.execute(ctx.db);
        if (row.rows.length > 0) return { id: m.id, polls: i + 1 };
        await new Promise((r) => setTimeout(r, 1));
      }
      return { id: m.id, polls: -1 };
    }
    case "stop":
      await app.close();
      await ctx.close();
      setImmediate(() => process.exit(0));
      return { id: m.id };
    default: {
      const unreachable: never = m;
      throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
    }
  }
}

process.on("message", (m: Request) => {
  handle(m).then(
    (reply) => process.send?.(reply),
    (e: unknown) => process.send?.({ id: m.id, error: String((e as Error).stack ?? e) }),
  );
});
process.send?.({ id: 0, port, engine: ctx.engine });
