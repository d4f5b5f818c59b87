import type { Results } from "@electric-sql/pglite";

/**
 * Messages between a PGliteThread (the process's main thread) and pglite-worker.ts. One request
 * at a time is enough (the Kysely driver holds a mutex around its one connection), but each
 * carries an id so a reply can never be matched to the wrong caller.
 */
export type PGliteRequest =
  | { id: number; op: "query"; sql: string; params: unknown[]; blobText?: string }
  | { id: number; op: "exec"; sql: string }
  | { id: number; op: "close" };

/** Fields of a PostgreSQL error worth carrying across the thread boundary (plain values only). */
export type ErrorFields = Record<string, string | number | boolean | undefined>;

export type PGliteReply =
  | { kind: "ready" }
  | { kind: "open-failed"; error: ErrorFields }
  | { kind: "result"; id: number; value: Results | Results[] | null }
  | { kind: "error"; id: number; error: ErrorFields };

/** An Error's own plain-valued properties (PostgreSQL's code, detail, constraint…) and message. */
export function errorFields(e: unknown): ErrorFields {
  if (!(e instanceof Error)) return { message: String(e) };
  const out: ErrorFields = { name: e.name, message: e.message };
  for (const [k, v] of Object.entries(e)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}

/** The error again on this side: same message, name and PostgreSQL fields. */
export function errorFrom(fields: ErrorFields): Error {
  const { message, name, ...rest } = fields;
  const e = new Error(String(message ?? "PGlite error"));
  if (typeof name === "string") e.name = name;
  return Object.assign(e, rest);
}
