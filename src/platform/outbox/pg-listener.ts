import type { Logger } from "../log/logger.js";
import { OUTBOX_NOTIFY_CHANNEL } from "./enqueue.js";

/**
 * LISTEN on a dedicated PostgreSQL connection so that a commit in any process (API, CLI,
 * another worker) wakes this worker at once instead of at its next poll. Best effort: if the
 * connection fails, polling still delivers everything, only later.
 */
export async function listenForOutbox(url: string, onNotify: () => void, log: Logger): Promise<() => Promise<void>> {
  // Loaded here, not at the top: the embedded database never listens, and start-up time counts.
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  client.on("notification", (n) => {
    if (n.channel === OUTBOX_NOTIFY_CHANNEL) onNotify();
  });
  client.on("error", (err) => log.warn({ err }, "outbox LISTEN connection failed; falling back to polling"));
  await client.connect();
  await client.query(`listen ${OUTBOX_NOTIFY_CHANNEL}`);
  return async () => {
    await client.end().catch(() => undefined);
  };
}
