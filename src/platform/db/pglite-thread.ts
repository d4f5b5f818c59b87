import { Worker } from "node:worker_threads";
import type { Results } from "@electric-sql/pglite";
import type { PGliteLike } from "./pglite-dialect.js";
import { errorFrom, type ErrorFields, type PGliteReply, type PGliteRequest } from "./pglite-protocol.js";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Pending = { resolve: (value: Results | Results[] | null) => void; reject: (e: Error) => void };

/**
 * PGlite on a data directory, run in a worker thread. Opening the embedded database (WASM
 * compile, PostgreSQL's start-up over the data directory) is about a second of CPU; in a thread
 * of its own it runs beside the main thread loading and building the HTTP app instead of after
 * it (start-up time: a restart is an outage). Queries then run off the main thread too, so a
 * long one no longer holds HTTP requests up. Same surface as PGlite for the Kysely driver.
 */
export class PGliteThread implements PGliteLike {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  constructor(dataDir: string) {
    this.worker = startWorker(dataDir);
    let ready!: () => void;
    let failed!: (e: Error) => void;
    this.waitReady = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // Whoever opens awaits waitReady; this only keeps a failure after that from going unhandled.
    this.waitReady.catch(() => undefined);
    this.worker.on("message", (reply: PGliteReply) => {
      if (reply.kind === "ready") ready();
      else if (reply.kind === "open-failed") this.fail(errorFrom(reply.error), failed);
      else this.settle(reply.id, reply.kind === "result" ? { value: reply.value } : { error: reply.error });
    });
    this.worker.on("error", (e) => this.fail(e, failed));
    this.worker.on("exit", (code) => this.fail(new Error(`the PGlite thread exited (code ${code})`), failed));
  }

  get closed(): boolean {
    return this.failure !== null || this.closing !== null;
  }

  async query<T>(sql: string, params: unknown[] = [], options: { blob?: Blob } = {}): Promise<Results<T>> {
    // A COPY's rows cross to the thread as text; the worker makes them a blob again.
    const blobText = options.blob ? await options.blob.text() : undefined;
    return (await this.request({ op: "query", sql, params, ...(blobText === undefined ? {} : { blobText }) })) as Results<T>;
  }

  async exec(sql: string): Promise<Results[]> {
    return (await this.request({ op: "exec", sql })) as Results[];
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) await this.request({ op: "close" }, true);
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private request(req: WithoutId<PGliteRequest>, closing = false): Promise<Results | Results[] | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing && !closing) return Promise.reject(new Error("PGlite is closed"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as PGliteRequest);
    });
  }

  private settle(id: number, outcome: { value: Results | Results[] | null } | { error: ErrorFields }): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if ("error" in outcome) p.reject(errorFrom(outcome.error));
    else p.resolve(outcome.value);
  }

  /** The thread is gone (open failed, crashed, or exited): every waiting and later call fails. */
  private fail(e: Error, failOpen: (e: Error) => void): void {
    this.failure ??= e;
    failOpen(this.failure);
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
}

/**
 * Built, the worker is the .js file beside this one. From source (tsx, tests) it is the .ts
 * file, and a thread does not inherit the loader that runs TypeScript (Node 20): a small
 * bootstrap registers tsx's loader in the thread first.
 */
function startWorker(dataDir: string): Worker {
  const options = { workerData: { dataDir } };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./pglite-worker.js", import.meta.url), options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./pglite-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => (m.register ?? m.default.register)()).then(() => import(${JSON.stringify(entry)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
