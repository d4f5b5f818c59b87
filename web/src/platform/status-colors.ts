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
  /** S1 an account's health band (score lines from the pack's health.bands). */
  healthBand: {
    green: { label: "Green", tone: "success", meaning: "Healthy: the score is at or above the pack's green line." },
    yellow: { label: "Yellow", tone: "warning", meaning: "At risk: the score is between the pack's yellow and green lines." },
    red: { label: "Red", tone: "danger", meaning: "Needs action: the score is below the pack's yellow line." },
  },
  /** Flags on an instance (T9 unused, T11 product-qualified lead). */
  usageFlag: {
    unused: { label: "Unused", tone: "warning", meaning: "T9: no code host set up and no other user has joined." },
    pql: { label: "PQL", tone: "accent", meaning: "T11: a product-qualified lead (enough users or activity)." },
  },
  /** Lead statuses, keyed by the default pack's names (a pack that renames one gets a neutral pill). */
  lead: {
    New: { label: "New", tone: "info", meaning: "Waiting for an SDR to qualify it (T4)." },
    Working: { label: "Working", tone: "progress", meaning: "Someone is working this lead." },
    Nurture: { label: "Nurture", tone: "neutral", meaning: "Not ready yet; kept warm." },
    "Approved trial": { label: "Approved trial", tone: "progress", meaning: "T4.1: qualified; the trial instance is being prepared." },
    disqualified: { label: "Disqualified", tone: "muted", meaning: "T4.2: does not meet the trial criteria; the requester got the high-demand email." },
    "Instance Already in Trial": { label: "Instance Already in Trial", tone: "neutral", meaning: "T3: the company already has an instance; the requester was sent there." },
    "Trial Instance Handed Off": { label: "Trial Instance Handed Off", tone: "success", meaning: "T7: the instance is ready and the admin has the onboarding email." },
    PQL: { label: "PQL", tone: "accent", meaning: "T11: product-qualified; an AE picks it up. Only PQLs convert." },
    Converted: { label: "Converted", tone: "success", meaning: "A paying customer now." },
    Unqualified: { label: "Unqualified", tone: "muted", meaning: "T4.3: approved, then un-qualified; provisioning was cancelled." },
  },
  /** Where a trial stands (T5 capacity, T6 provisioning, T9/T10 end). */
  trial: {
    queued: { label: "Queued", tone: "neutral", meaning: "T5: approved, waiting for a free instance slot." },
    provisioning: { label: "Provisioning", tone: "progress", meaning: "T6: the provisioner is preparing the instance." },
    provisioning_failed: { label: "Provisioning failed", tone: "danger", meaning: "The provisioner reported a failure; retry or mark ready." },
    running: { label: "Running", tone: "success", meaning: "T7: handed off; the trial days are counting." },
    ended: { label: "Ended – decision needed", tone: "warning", meaning: "T10: the trial is over; record extend, convert or terminate." },
    converted: { label: "Converted", tone: "accent", meaning: "T10: became a production customer." },
    terminated: { label: "Terminated", tone: "muted", meaning: "T9/T10: the instance was shut down." },
    cancelled: { label: "Cancelled", tone: "muted", meaning: "T4.3: un-qualified before the instance was ready." },
  },
  /** An SLA clock against the business calendar (X cloud SLAs); see platform/ui/SlaClock. */
  sla: {
    ok: { label: "On time", tone: "success", meaning: "More than a quarter of the allowed working time is left." },
    amber: { label: "Due soon", tone: "warning", meaning: "Less than a quarter of the allowed working time is left." },
    red: { label: "Overdue", tone: "danger", meaning: "Past its due time and not done yet." },
    met: { label: "Met", tone: "success", meaning: "Done within the SLA." },
    missed: { label: "Missed", tone: "muted", meaning: "Done, but after the SLA was due." },
  },
  /** An automatic qualification check's verdict (T4). */
  check: {
    pass: { label: "Pass", tone: "success", meaning: "Fine." },
    fail: { label: "Fail", tone: "danger", meaning: "Argues for disqualifying." },
    info: { label: "Info", tone: "info", meaning: "Worth knowing before deciding." },
  },
  /** T3 access requests to an existing instance. */
  accessRequest: {
    open: { label: "Open", tone: "warning", meaning: "The instance admin was asked; no answer recorded yet." },
    granted: { label: "Granted", tone: "success", meaning: "The requester was given access." },
    declined: { label: "Declined", tone: "muted", meaning: "The admin declined." },
  },
  /** E7 task board columns, labelled as the default pack names them (the board itself shows the pack's labels). */
  task: {
    todo: { label: "To-Do", tone: "neutral", meaning: "Not started yet." },
    in_progress: { label: "In Progress", tone: "progress", meaning: "Someone is working on it." },
    under_review: { label: "Under Review", tone: "warning", meaning: "Done by its owner, waiting for a check." },
    completed: { label: "Completed", tone: "success", meaning: "Done." },
  },
  /** A channel's Slack mirror (domains/channels). */
  slackMirror: {
    off: { label: "Slack off", tone: "muted", meaning: "No Slack token is configured: the channel lives in Trellis only." },
    pending: { label: "Slack pending", tone: "progress", meaning: "The next Slack delivery creates or finds the channel." },
    mirrored: { label: "In Slack", tone: "success", meaning: "Mirrored to a Slack channel." },
    failed: { label: "Slack failed", tone: "danger", meaning: "Creating or finding the Slack channel failed; see the outbox." },
  },
  /** R1/R2 the renewal rating. */
  renewalRating: {
    green: { label: "Green", tone: "success", meaning: "R2: on track; monitored." },
    yellow: { label: "Yellow", tone: "warning", meaning: "R2: at risk; enters the Lighthouse save program." },
    red: { label: "Red", tone: "danger", meaning: "R2: likely to churn; enters the Lighthouse save program." },
    unrated: { label: "Not rated", tone: "neutral", meaning: "R1: the Health Assessment has no rating yet." },
  },
  /** R1 the manager's review of a rating. */
  renewalReview: {
    pending: { label: "Review pending", tone: "progress", meaning: "Rated; waiting for a manager's review." },
    approved: { label: "Approved", tone: "success", meaning: "A manager approved the rating." },
    changes_requested: { label: "Changes requested", tone: "warning", meaning: "A manager asked for changes to the assessment or rating." },
  },
  /** R1–R5 a renewal cycle. */
  renewal: {
    open: { label: "Open", tone: "info", meaning: "R1: the cycle is open; rate, review and project it." },
    processed: { label: "Processed", tone: "muted", meaning: "R5: the renewal was processed; the account has its new contract." },
  },
  /** R2/X the Lighthouse save program. */
  lighthouse: {
    active: { label: "Lighthouse", tone: "danger", meaning: "In the Lighthouse save program: weekly updates until leadership exits it." },
    exited: { label: "Exited Lighthouse", tone: "muted", meaning: "Left the Lighthouse save program (criteria met)." },
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
