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
const LICENSE_WRITE: readonly Role[] = ["admin", "growth", "cloud_ops", "sales_ops"];

const ADMIN: readonly Role[] = ["admin"];
/** Channels: everyone posts and adds people except leadership (read-only). */
const CHANNEL_WRITE: readonly Role[] = ["admin", "sdr", "ae", "ce", "ta", "growth", "cloud_ops", "support", "sales_ops"];

/** The account book: everyone who works accounts edits them; leadership reads. */
const ACCOUNT_WRITE: readonly Role[] = ["admin", "ae", "ce", "ta", "sales_ops"];
/** Tasks: everyone but leadership (read-only) works tasks. */
const TASK_WRITE: readonly Role[] = ["admin", "sdr", "ae", "ce", "ta", "growth", "cloud_ops", "support", "sales_ops"];
/**
 * H1/H3 and manual stage changes are decisions of TA leadership (the spec's words), so the
 * leadership role, otherwise read-only, takes them; see LEADERSHIP_DECISIONS and decision 0017.
 */
const TA_LEADERSHIP: readonly Role[] = ["admin", "leadership"];
/** The account team that works a red account (S3: AE and CE, with the TA). */
const ACCOUNT_TEAM: readonly Role[] = ["admin", "ae", "ce", "ta"];

/** The only writes leadership may make: the hand-off decisions the spec gives TA leadership. */
export const LEADERSHIP_DECISIONS: readonly string[] = [
  "POST /api/v1/accounts/:id/support-level",
  "POST /api/v1/accounts/:id/ta",
  "POST /api/v1/accounts/:id/stage-override",
  "DELETE /api/v1/accounts/:id/stage-override",
  // S3: managers take part in the red-account discussion.
  "POST /api/v1/red-accounts/:id/comments",
  // R1: the manager's review of a renewal rating; R2/X: leadership runs Lighthouse and exits it.
  "POST /api/v1/renewals/:id/review",
  "POST /api/v1/accounts/:id/lighthouse",
  "PATCH /api/v1/lighthouse/:id",
  "POST /api/v1/lighthouse/:id/exit",
];

export const AUTHORIZATION: Record<string, Access> = {
  "GET /api/v1/meta": "authenticated",
  "GET /api/v1/session": "public",
  "POST /api/v1/session": "public",
  "DELETE /api/v1/session": "authenticated",
  "GET /api/v1/roles": "authenticated",
  "GET /api/v1/meta/pack": "authenticated",
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
  "GET /api/v1/reports/trials": "authenticated",
  "GET /api/v1/channels": "authenticated",
  "GET /api/v1/channels/:id": "authenticated",
  "POST /api/v1/channels/:id/messages": CHANNEL_WRITE,
  "POST /api/v1/channels/:id/members": CHANNEL_WRITE,
  "GET /api/v1/subscriptions": "authenticated",
  "GET /api/v1/subscriptions/:id": "authenticated",
  "POST /api/v1/subscriptions": LICENSE_WRITE,
  "POST /api/v1/subscriptions/:id/licenses": LICENSE_WRITE,
  "GET /api/v1/licenses/:id": "authenticated",
  "POST /api/v1/licenses/verify": "authenticated",
  "GET /api/v1/license-keys": "public",
  // T10 decisions: which role may take which decision is checked by the use case (record-decision.ts).
  "POST /api/v1/trials/:id/decision": ["admin", "growth", "sales_ops"],
  "POST /api/v1/trials/:id/admin-answered": ["admin", "growth"],
  "POST /api/v1/leads/:id/claim": ["admin", "ae"],
  "POST /api/v1/leads/:id/ce-booking": ["admin", "sdr", "growth", "ce"],
  "GET /api/v1/public/signup-form": "public",
  "POST /api/v1/public/signup": "public",
  "POST /api/v1/public/access-requests": "public",
  // Authenticated by the provisioner's signature over the body (Standard Webhooks), not a person.
  "POST /api/v1/provisioning/callback": "public",
  "GET /api/v1/leads": "authenticated",
  "GET /api/v1/leads/:id": "authenticated",
  "POST /api/v1/leads/:id/qualification": ["admin", "sdr", "growth"],
  "GET /api/v1/trials": "authenticated",
  "GET /api/v1/trials/capacity": "authenticated",
  "GET /api/v1/trials/:id": "authenticated",
  "POST /api/v1/trials/:id/assign": ["admin", "growth"],
  "POST /api/v1/trials/:id/ready": ["admin", "growth", "cloud_ops"],
  "POST /api/v1/trials/:id/provisioning-failed": ["admin", "growth", "cloud_ops"],
  "POST /api/v1/trials/:id/retry-provisioning": ["admin", "growth", "cloud_ops"],
  "GET /api/v1/signups/failed": ["admin", "support", "growth", "leadership"],
  "POST /api/v1/signups/:id/replay": ["admin", "support"],
  "GET /api/v1/access-requests": "authenticated",
  "POST /api/v1/access-requests/:id/answer": ["admin", "support", "growth", "sdr"],
  // Accounts (issue 5)
  "GET /api/v1/accounts": "authenticated",
  "GET /api/v1/accounts/export.csv": "authenticated",
  "POST /api/v1/accounts/import": ["admin", "sales_ops"],
  "POST /api/v1/accounts": ACCOUNT_WRITE,
  "GET /api/v1/accounts/:id": "authenticated",
  "PATCH /api/v1/accounts/:id": ACCOUNT_WRITE,
  "GET /api/v1/accounts/:id/stage-history": "authenticated",
  "POST /api/v1/accounts/:id/instances": ["admin", "ae", "ta", "sales_ops", "growth", "cloud_ops"],
  "GET /api/v1/accounts/:id/contacts": "authenticated",
  "POST /api/v1/accounts/:id/contacts": ACCOUNT_WRITE,
  "PATCH /api/v1/contacts/:id": ACCOUNT_WRITE,
  "DELETE /api/v1/contacts/:id": ACCOUNT_WRITE,
  "GET /api/v1/saved-views": "authenticated",
  "POST /api/v1/saved-views": "authenticated",
  "DELETE /api/v1/saved-views/:id": "authenticated",
  // Hand-off (H1–H6) and lifecycle stages (L)
  "POST /api/v1/accounts/:id/support-level": TA_LEADERSHIP,
  "POST /api/v1/accounts/:id/ta": TA_LEADERSHIP,
  "POST /api/v1/accounts/:id/close": ["admin", "ae", "ta", "sales_ops"],
  "POST /api/v1/accounts/:id/kickoff": ["admin", "ta"],
  "POST /api/v1/accounts/:id/stage-override": [...TA_LEADERSHIP, "ta"],
  "DELETE /api/v1/accounts/:id/stage-override": [...TA_LEADERSHIP, "ta"],
  // Tasks (E7) and docs
  "GET /api/v1/tasks": "authenticated",
  "GET /api/v1/tasks/board": "authenticated",
  "GET /api/v1/tasks/my-day": "authenticated",
  "GET /api/v1/tasks/overdue": "authenticated",
  "POST /api/v1/tasks": TASK_WRITE,
  "GET /api/v1/tasks/:id": "authenticated",
  "PATCH /api/v1/tasks/:id": TASK_WRITE,
  "GET /api/v1/doc-templates": "authenticated",
  "GET /api/v1/accounts/:id/docs": "authenticated",
  "POST /api/v1/accounts/:id/docs": ACCOUNT_WRITE,
  "GET /api/v1/docs/:id": "authenticated",
  "PUT /api/v1/docs/:id": ACCOUNT_WRITE,
  "GET /api/v1/docs/:id/versions": "authenticated",
  "GET /api/v1/docs/:id/versions/:version": "authenticated",
  // Health (issue 6: S1–S4), tickets and activities
  "GET /api/v1/accounts/:id/health": "authenticated",
  "GET /api/v1/accounts/:id/health/history": "authenticated",
  "PUT /api/v1/accounts/:id/health/traits/:trait": ["admin", "ae", "ce", "ta"],
  "POST /api/v1/health/recompute": ADMIN,
  "GET /api/v1/accounts/:id/tickets": "authenticated",
  "POST /api/v1/accounts/:id/tickets": ["admin", "support", "ta", "ce"],
  "PATCH /api/v1/tickets/:id": ["admin", "support", "ta", "ce"],
  "POST /api/v1/tickets/import": ["admin", "support"],
  // Authenticated by the help desk's signature over the body (Standard Webhooks), not a person.
  "POST /api/v1/inbound/tickets": "public",
  "GET /api/v1/accounts/:id/activities": "authenticated",
  "POST /api/v1/accounts/:id/activities": ["admin", "ae", "ce", "ta", "sales_ops", "support"],
  // Red accounts (S3): AE and CE run the tracker with the TA; a person can mark an account red.
  "PUT /api/v1/accounts/:id/health/red-flag": ACCOUNT_TEAM,
  "DELETE /api/v1/accounts/:id/health/red-flag": ACCOUNT_TEAM,
  "GET /api/v1/red-accounts": "authenticated",
  "GET /api/v1/red-accounts/:id": "authenticated",
  "PATCH /api/v1/red-accounts/:id": ACCOUNT_TEAM,
  "POST /api/v1/red-accounts/:id/actions": ACCOUNT_TEAM,
  "PATCH /api/v1/red-accounts/:id/actions/:actionId": ACCOUNT_TEAM,
  "POST /api/v1/red-accounts/:id/comments": [...ACCOUNT_TEAM, "leadership"],
  // Renewals (R1–R5) and Lighthouse
  "GET /api/v1/renewals": "authenticated",
  "GET /api/v1/renewals/forecast": "authenticated",
  "GET /api/v1/renewals/:id": "authenticated",
  "GET /api/v1/accounts/:id/renewals": "authenticated",
  "PUT /api/v1/renewals/:id/rating": ["admin", "ta", "ae"],
  "POST /api/v1/renewals/:id/review": ["admin", "leadership"],
  "PUT /api/v1/renewals/:id/projection": ["admin", "ae"],
  "POST /api/v1/renewals/:id/process": ["admin", "ae", "sales_ops"],
  "GET /api/v1/lighthouse": "authenticated",
  "GET /api/v1/lighthouse/:id": "authenticated",
  "POST /api/v1/accounts/:id/lighthouse": ["admin", "ae", "ta", "leadership"],
  "PATCH /api/v1/lighthouse/:id": ["admin", "ae", "ta", "leadership"],
  "POST /api/v1/lighthouse/:id/updates": ["admin", "ae", "ta", "ce"],
  "POST /api/v1/lighthouse/:id/exit": ["admin", "leadership"],
  // Health overview report (S)
  "GET /api/v1/reports/health": "authenticated",
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
