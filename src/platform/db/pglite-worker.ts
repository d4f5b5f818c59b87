import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Results } from "@electric-sql/pglite";
import { typeParsers } from "./type-parsers.js";
import { pgliteExtensions } from "./open-database.js";
import { errorFields, type PGliteReply, type PGliteRequest } from "./pglite-protocol.js";

/**
 * The embedded database in a thread of its own (see pglite-thread.ts): opens the data directory
 * given in workerData and runs the main thread's queries one by one, in arrival order.
 */
if (!parentPort) throw new Error("pglite-worker.ts runs as a worker thread only");
const port = parentPort;
const { dataDir } = workerData as { dataDir: string };
const send = (reply: PGliteReply) => port.postMessage(reply);

async function open(): Promise<PGlite | null> {
  try {
    const pg = new PGlite({ dataDir, extensions: await pgliteExtensions(), parsers: typeParsers });
    await pg.waitReady;
    return pg;
  } catch (e) {
    send({ kind: "open-failed", error: errorFields(e) });
    port.close();
    return null;
  }
}

const opened = await open();
if (opened) {
  const pg = opened;
  // Requests are answered in order: a chain keeps a later query from starting before an
  // earlier one ends, exactly as on the single connection the driver hands out.
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (req: PGliteRequest) => {
    chain = chain.then(() => answer(pg, req));
  });
  send({ kind: "ready" });
}

async function answer(pg: PGlite, req: PGliteRequest): Promise<void> {
  try {
    if (req.op === "query") {
      // A COPY's rows arrive as text (pglite-thread.ts); PGlite reads them from a blob.
      const value: Results =
        req.blobText === undefined ? await pg.query(req.sql, req.params) : await pg.query(req.sql, req.params, { blob: new Blob([req.blobText]) });
      send({ kind: "result", id: req.id, value });
    } else if (req.op === "exec") send({ kind: "result", id: req.id, value: await pg.exec(req.sql) });
    else {
      if (!pg.closed) await pg.close();
      send({ kind: "result", id: req.id, value: null });
      port.close();
    }
  } catch (e) {
    send({ kind: "error", id: req.id, error: errorFields(e) });
  }
}
