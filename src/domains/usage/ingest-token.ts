import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { InstanceKind, InstanceStatus } from "../instances/schema.js";

/** Ingestion tokens: `trl_ing_` + 32 random bytes. Only the sha256 is stored. */
export const INGEST_TOKEN_PREFIX = "trl_ing_";

export interface NewIngestToken {
  token: string;
  hash: string;
  /** Shown in lists so people can tell tokens apart without the secret. */
  prefix: string;
}

export function newIngestToken(): NewIngestToken {
  const token = `${INGEST_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashIngestToken(token), prefix: token.slice(0, INGEST_TOKEN_PREFIX.length + 6) };
}

export const hashIngestToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface IngestingInstance {
  id: string;
  slug: string;
  kind: InstanceKind;
  status: InstanceStatus;
  seats: number | null;
  admin_email: string | null;
}

/** The instance a token belongs to, or null for an unknown or revoked token. */
export async function instanceForToken(db: Kysely<Database>, token: string): Promise<IngestingInstance | null> {
  if (!token.startsWith(INGEST_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom("instances")
    .select(["id", "slug", "kind", "status", "seats", "admin_email"])
    .where("ingest_token_hash", "=", hashIngestToken(token))
    .executeTakeFirst();
  return row ?? null;
}
