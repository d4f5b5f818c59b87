import { permanent, retryable, type DeliveryResult } from "../../platform/outbox/delivery.js";

/** Slack `error` codes worth another try: Slack's own trouble and rate limits. */
const RETRYABLE = new Set(["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** What to do about the permanent errors people actually meet. */
const HINTS: Record<string, string> = {
  invalid_auth: "the token is not valid; check SLACK_TOKEN",
  not_authed: "no token reached Slack; check SLACK_TOKEN",
  token_revoked: "the token was revoked; install the app again and update SLACK_TOKEN",
  token_expired: "the token expired; update SLACK_TOKEN",
  account_inactive: "the token's app or user was deactivated; update SLACK_TOKEN",
  missing_scope: "the Slack app lacks a scope (see docs/channels.md); add it, reinstall, then replay",
  not_in_channel: "the Trellis app is not in this channel; invite it (/invite @Trellis), then replay",
  channel_not_found: "the channel no longer exists or the app cannot see it; check Slack, then replay",
  is_archived: "the channel is archived in Slack; unarchive it, then replay",
  restricted_action: "the workspace does not let this app do that; ask a Slack admin",
};

/**
 * Maps a Slack `ok: false` answer to the outbox verdict: rate limits and Slack-side failures
 * are retried (honouring Retry-After); everything else needs a person and goes to dead.
 */
export function slackFailure(method: string, code: string, extra: { needed?: unknown; retryAfterSeconds?: number | undefined; statusCode?: number } = {}): DeliveryResult {
  const needed = typeof extra.needed === "string" ? ` (needs ${extra.needed})` : "";
  const hint = HINTS[code];
  const error = `Slack ${method}: ${code}${needed}${hint ? `: ${hint}` : ""}`;
  if (RETRYABLE.has(code)) {
    return retryable(error, {
      ...(extra.statusCode === undefined ? {} : { statusCode: extra.statusCode }),
      ...(extra.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: extra.retryAfterSeconds }),
    });
  }
  return permanent(error, extra.statusCode);
}
