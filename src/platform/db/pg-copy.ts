import { finished } from "node:stream/promises";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type { Pool, PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyPayload } from "./copy-rows.js";

/**
 * The pool as Kysely's PostgresDialect sees it, with COPY … FROM STDIN (copy-rows.ts): a
 * statement of that shape with its rows as the one parameter is streamed in on the same client,
 * so it runs inside whatever transaction that client is in. Everything else goes to pg as is.
 */
export function copyAwarePool(pool: Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      const query = (sql: unknown, parameters?: readonly unknown[]): unknown => {
        const payload = typeof sql === "string" && parameters ? copyPayload(sql, parameters) : null;
        if (payload !== null) return copyIn(client, sql as string, payload);
        // Kysely passes either (sql, parameters) or a cursor; both go to pg unchanged.
        return (client.query as (...args: unknown[]) => unknown).call(client, sql, parameters);
      };
      // The two overloads of PostgresPoolClient.query are both served by `query` above.
      return { query: query as PostgresPoolClient["query"], release: () => client.release() };
    },
    end: () => pool.end(),
  };
}

async function copyIn(client: PoolClient, statement: string, payload: string): Promise<{ command: "COPY"; rowCount: number; rows: never[] }> {
  const stream = client.query(copyFrom(statement));
  stream.end(payload);
  await finished(stream);
  return { command: "COPY", rowCount: stream.rowCount, rows: [] };
}
