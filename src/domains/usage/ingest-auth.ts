import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { instanceForToken, type IngestingInstance } from "./ingest-token.js";

/**
 * The instance behind a request: `Authorization: Bearer trl_ing_…`, or HTTP Basic with the
 * token as user name (how Segment sends its write key).
 */
export async function authenticateInstance(db: Kysely<Database>, request: FastifyRequest): Promise<IngestingInstance> {
  const header = request.headers.authorization ?? "";
  let token: string | null = null;
  if (header.startsWith("Bearer ")) token = header.slice(7).trim();
  else if (header.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    token = decoded.split(":")[0] ?? null;
  }
  if (!token) {
    throw new AppError("unauthenticated", "Send the instance's ingestion token: Authorization: Bearer trl_ing_…");
  }
  const instance = await instanceForToken(db, token);
  if (!instance) throw new AppError("unauthenticated", "The ingestion token is unknown or was revoked; rotate it on the instance page.");
  return instance;
}
