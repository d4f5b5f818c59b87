import type { Role } from "../pack/pack-schema.js";

/**
 * Who may call what: the declared route × role table. Every API route must have an entry
 * (the route builder refuses to register one without), and test/http/authorization.test.ts
 * walks the table against the running server.
 *
 * "public": no sign-in. "authenticated": any signed-in role. A list: only those roles.
 * "instance_token": no person at all; the route authenticates a product instance by its
 * ingestion token itself (user sessions and API tokens are refused there).
 * Leadership is read-only: it appears on reads, never on writes.
 */
export type Access = "public" | "authenticated" | "instance_token" | readonly Role[];
const INSTANCE_WRITE: readonly Role[] = ["admin", "growth", "cloud_ops"];

const ADMIN: readonly Role[] = ["admin"];

export const AUTHORIZATION: Record<string, Access> = {
  "GET /api/v1/meta": "authenticated",
  "GET /api/v1/session": "public",
  "POST /api/v1/session": "public",
  "DELETE /api/v1/session": "authenticated",
  "GET /api/v1/roles": "authenticated",
  "GET /api/v1/search": "authenticated",
  "GET /api/v1/users": "authenticated",
  "POST /api/v1/users": ADMIN,
  "PATCH /api/v1/users/:id": ADMIN,
  "POST /api/v1/users/:id/password": ADMIN,
  "GET /api/v1/api-tokens": ADMIN,
  "POST /api/v1/api-tokens": ADMIN,
  "DELETE /api/v1/api-tokens/:id": ADMIN,
  "GET /api/v1/integrations": "authenticated",
  "POST /api/v1/integrations/email/test": ADMIN,
  "GET /api/v1/webhooks": ADMIN,
  "POST /api/v1/webhooks": ADMIN,
  "PATCH /api/v1/webhooks/:id": ADMIN,
  "POST /api/v1/webhooks/:id/rotate-secret": ADMIN,
  "GET /api/v1/outbox": ["admin", "leadership", "growth", "cloud_ops", "sales_ops", "support"],
  "GET /api/v1/outbox/:id": ["admin", "leadership", "growth", "cloud_ops", "sales_ops", "support"],
  "POST /api/v1/outbox/:id/replay": ADMIN,
  "GET /api/v1/audit": ["admin", "leadership"],
  "GET /api/v1/timeline/:subjectType/:subjectId": "authenticated",
  "GET /api/v1/clock": "authenticated",
  "POST /api/v1/clock/advance": ADMIN,
  "GET /api/v1/instances": "authenticated",
  "POST /api/v1/instances": INSTANCE_WRITE,
  "GET /api/v1/instances/:id": "authenticated",
  "PATCH /api/v1/instances/:id": INSTANCE_WRITE,
  "GET /api/v1/instances/:id/usage": "authenticated",
  "POST /api/v1/instances/:id/ingest-token": INSTANCE_WRITE,
  "DELETE /api/v1/instances/:id/ingest-token": INSTANCE_WRITE,
  "GET /api/v1/usage/settings": "authenticated",
  "PUT /api/v1/usage/settings": ADMIN,
  "POST /api/v1/ingest/events": "instance_token",
  "POST /api/v1/ingest/pings": "instance_token",
  "POST /api/v1/ingest/segment/batch": "instance_token",
};

export function accessFor(method: string, url: string): Access | undefined {
  return AUTHORIZATION[`${method.toUpperCase()} ${url}`];
}

export function roleAllowed(access: Access, role: string | null): boolean {
  if (access === "public") return true;
  if (access === "instance_token") return false;
  if (role === null) return false;
  if (access === "authenticated") return true;
  return (access as readonly string[]).includes(role);
}
