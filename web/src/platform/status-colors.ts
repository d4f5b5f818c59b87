import { tones, type Tone } from "@/theme";

/**
 * The one map from status to colour. Every pill, chip and badge that shows a status reads it
 * here, so "dead" is the same red everywhere. Add a domain's statuses as a new block
 * (leads, trials, renewals…); keep the tones meaningful: danger needs action, warning is at
 * risk or retrying, progress is moving, success is done, muted is closed without success.
 */

export const OUTBOX_STATUSES = ["pending", "sending", "retrying", "delivered", "dead", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface StatusStyle {
  label: string;
  tone: Tone;
  /** One line for tooltips and filter help. */
  meaning: string;
}

export const STATUS_STYLES = {
  outbox: {
    pending: { label: "Pending", tone: "neutral", meaning: "Waiting for its first delivery attempt." },
    sending: { label: "Sending", tone: "progress", meaning: "A worker is delivering it now." },
    retrying: { label: "Retrying", tone: "warning", meaning: "An attempt failed; another is scheduled." },
    delivered: { label: "Delivered", tone: "success", meaning: "The receiver accepted it." },
    dead: { label: "Dead", tone: "danger", meaning: "Every attempt failed; an admin can replay it." },
    cancelled: { label: "Cancelled", tone: "muted", meaning: "Withdrawn before delivery." },
  },
  /** One delivery attempt's outcome (outbox detail). */
  attempt: {
    delivered: { label: "Delivered", tone: "success", meaning: "The receiver accepted it." },
    succeeded: { label: "Succeeded", tone: "success", meaning: "The receiver accepted it." },
    ok: { label: "OK", tone: "success", meaning: "The receiver accepted it." },
    retry: { label: "Failed, will retry", tone: "warning", meaning: "Failed; another attempt is scheduled." },
    retrying: { label: "Failed, will retry", tone: "warning", meaning: "Failed; another attempt is scheduled." },
    failed: { label: "Failed", tone: "warning", meaning: "This attempt failed." },
    error: { label: "Error", tone: "warning", meaning: "This attempt failed." },
    timeout: { label: "Timed out", tone: "warning", meaning: "The receiver did not answer in time." },
    dead: { label: "Failed, gave up", tone: "danger", meaning: "Failed; no attempts left." },
    lease_lost: { label: "Lease lost", tone: "warning", meaning: "The worker stopped before finishing; another retries it." },
  },
  user: {
    active: { label: "Active", tone: "success", meaning: "Can sign in." },
    inactive: { label: "Deactivated", tone: "muted", meaning: "Cannot sign in; history is kept." },
  },
  webhook: {
    active: { label: "Active", tone: "success", meaning: "Receives events." },
    inactive: { label: "Inactive", tone: "muted", meaning: "Receives no events until activated." },
  },
  /** A customer's Trellis-monitored deployment (trial or production). */
  instance: {
    active: { label: "Active", tone: "success", meaning: "Running; its telemetry is ingested." },
    terminated: { label: "Terminated", tone: "muted", meaning: "Shut down; history is kept, telemetry is refused." },
  },
  /** S2 health traits: healthy / concerning / poor (thresholds in pages/instances/health.ts). */
  health: {
    healthy: { label: "Healthy", tone: "success", meaning: "At or better than the healthy threshold." },
    concerning: { label: "Concerning", tone: "warning", meaning: "Between the healthy and poor thresholds." },
    poor: { label: "Poor", tone: "danger", meaning: "At or worse than the poor threshold." },
  },
  /** Flags on an instance (T9 unused, T11 product-qualified lead). */
  usageFlag: {
    unused: { label: "Unused", tone: "warning", meaning: "T9: no code host set up and no other user has joined." },
    pql: { label: "PQL", tone: "accent", meaning: "T11: a product-qualified lead (enough users or activity)." },
  },
} as const satisfies Record<string, Record<string, StatusStyle>>;

export type StatusDomain = keyof typeof STATUS_STYLES;

/** Statuses that mean work is still in flight: lists showing them refresh themselves. */
export const OUTBOX_IN_FLIGHT: ReadonlySet<OutboxStatus> = new Set(["pending", "sending", "retrying"]);

export function isOutboxStatus(value: unknown): value is OutboxStatus {
  return typeof value === "string" && (OUTBOX_STATUSES as readonly string[]).includes(value);
}

/** Style for any status; unknown values (a newer server) fall back to a neutral pill with the raw text. */
export function statusStyle(domain: StatusDomain, status: string): StatusStyle {
  const styles: Record<string, StatusStyle> = STATUS_STYLES[domain];
  return styles[status] ?? { label: status, tone: "neutral", meaning: status };
}

export function statusColor(domain: StatusDomain, status: string): string {
  return tones[statusStyle(domain, status).tone];
}
