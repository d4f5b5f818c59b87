import type { UsageCatalog, UsageGeneratorOptions, UsageProfile } from "../src/demo/usage-generator.js";

/** What the ingestion benchmark and its server process say to each other over IPC. */
export interface StreamSpec {
  instanceId: string;
  profile: UsageProfile;
  seed: string;
  /** ISO instant the stream ends at, and how many days back it starts. */
  to: string;
  days: number;
  seats: number | null;
  /** How many events of the stream are used. */
  events: number;
}

/** Heavier than the demo: engineers on a busy instance send a few dozen events a day. */
export const BENCH_EVENTS_PER_USER_DAY = 20;

export function streamOptions(spec: StreamSpec, catalog: UsageCatalog): UsageGeneratorOptions {
  const to = new Date(spec.to);
  return {
    profile: spec.profile,
    domain: `${spec.seed}.example.com`,
    seed: spec.seed,
    from: new Date(to.getTime() - spec.days * 86_400_000).toISOString().slice(0, 10),
    to,
    catalog,
    seats: spec.seats,
    eventsPerUserDay: BENCH_EVENTS_PER_USER_DAY,
  };
}

export type Request =
  | { id: number; cmd: "instances"; count: number; prefix: string; kind: "trial" | "production"; seats: number | null }
  /** values: one multi-row INSERT … VALUES with bind parameters; recordset: one jsonb parameter through jsonb_to_recordset (as the ingest does). */
  | { id: number; cmd: "bare"; specs: StreamSpec[]; batchSize: number; deadlineMs: number; mode: "values" | "recordset" }
  | { id: number; cmd: "select1" }
  | { id: number; cmd: "signal"; instanceId: string }
  | { id: number; cmd: "stop" };

export type Reply = { id: number; error?: string } & Record<string, unknown>;
