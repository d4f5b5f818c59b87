import { performance } from "node:perf_hooks";
import type { AppContext } from "../platform/app/context.js";
import { FixedClock } from "../platform/clock/clock.js";
import { systemActor } from "../platform/timeline/actor.js";
import { createInstance } from "../domains/instances/create-instance.js";
import { ingestEvents } from "../domains/usage/ingest-events.js";
import { ingestPing } from "../domains/usage/ingest-ping.js";
import type { IngestingInstance } from "../domains/usage/ingest-token.js";
import { DEMO_INSTANCES, type DemoInstance } from "./demo-instances.js";
import { eventsOf, generateUsage, inBatches, usagePlan, type UsageDay } from "./usage-generator.js";

export interface SeedUsageOptions {
  instances?: DemoInstance[];
  /** Mean events per active user-day (default 3: four months of demo usage stays quick to seed on PGlite). */
  eventsPerUserDay?: number;
  /**
   * Production instances: days fed in one batch (default 7), with the clock at the batch's
   * last day, so their signals fire on the timeline within a week of the crossing. Trials are
   * fed a day at a time, so their PQL and T9 signals land on the very day.
   */
  maxDaysPerBatch?: number;
  maxEventsPerBatch?: number;
}

export interface SeedUsageResult {
  created: string[];
  skipped: string[];
  events: number;
  pings: number;
  ms: number;
}

const DAY_MS = 86_400_000;
const dayStart = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/**
 * Registers the demo instances and feeds each its usage through the real ingestion use cases,
 * so rollups and signals are computed exactly as in production. The days are replayed in order
 * with the clock at the end of the day fed, so signals land on the timeline when they would
 * have fired (see maxDaysPerBatch).
 * Idempotent: an instance whose slug exists is left as it is.
 */
export async function seedUsage(ctx: AppContext, options: SeedUsageOptions = {}): Promise<SeedUsageResult> {
  const t0 = performance.now();
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const actor = systemActor("demo seed");
  const instances = options.instances ?? DEMO_INSTANCES;
  const existing = new Set(
    (await ctx.db.selectFrom("instances").select("slug").where("slug", "in", instances.map((i) => i.slug)).execute()).map((r) => r.slug),
  );
  const result: SeedUsageResult = { created: [], skipped: [], events: 0, pings: 0, ms: 0 };
  const at = (ms: number): AppContext => ({ ...ctx, clock: new FixedClock(new Date(Math.min(ms, now.getTime()))) });

  for (const demo of instances) {
    if (existing.has(demo.slug)) {
      result.skipped.push(demo.slug);
      continue;
    }
    const firstDay = dayStart(now) - (demo.days - 1) * DAY_MS;
    const options_ = {
      profile: demo.profile,
      domain: demo.domain,
      seed: demo.slug,
      from: new Date(firstDay).toISOString().slice(0, 10),
      to: now,
      catalog: pack.usage,
      seats: demo.seats,
      eventsPerUserDay: options.eventsPerUserDay ?? 3,
    };
    const plan = usagePlan(options_);
    const created = await createInstance(at(firstDay + 6 * 3_600_000), {
      slug: demo.slug,
      name: demo.name,
      kind: plan.kind,
      company: demo.company,
      adminEmail: plan.admin,
      seats: demo.seats,
      actor,
    });
    const instance: IngestingInstance = { id: created.instance.id, slug: demo.slug, kind: plan.kind, status: "active", seats: demo.seats, admin_email: plan.admin };
    const maxDays = plan.kind === "trial" ? 1 : (options.maxDaysPerBatch ?? 7);
    const maxEvents = Math.min(options.maxEventsPerBatch ?? 5000, pack.usage.maxEventsPerBatch);
    for (const chunk of dayChunks(generateUsage(options_), maxDays, maxEvents)) {
      const last = chunk[chunk.length - 1];
      if (!last) continue;
      const chunkCtx = at(Date.parse(`${last.day}T23:59:00Z`));
      for (const events of inBatches(eventsOf(chunk), maxEvents)) {
        result.events += (await ingestEvents(chunkCtx, { instance, events })).accepted;
      }
      for (const day of chunk) {
        await ingestPing(chunkCtx, { instance, ping: day.ping });
        result.pings++;
      }
    }
    result.created.push(demo.slug);
  }
  result.ms = performance.now() - t0;
  return result;
}

/**
 * Consecutive days fed as one batch: each ingest transaction has a fixed cost (a dozen
 * statements), so a few days per batch seed several times faster than one batch a day.
 */
function* dayChunks(days: Iterable<UsageDay>, maxDays: number, maxEvents: number): Generator<UsageDay[]> {
  let chunk: UsageDay[] = [];
  let events = 0;
  for (const d of days) {
    if (chunk.length > 0 && (chunk.length >= maxDays || events + d.events.length > maxEvents)) {
      yield chunk;
      chunk = [];
      events = 0;
    }
    chunk.push(d);
    events += d.events.length;
  }
  if (chunk.length > 0) yield chunk;
}
