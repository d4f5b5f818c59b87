import type { AppContext } from "../../platform/app/context.js";
import type { OutboxStatus } from "../../platform/db/database.js";
import { SLACK_TOKEN_ENV, slackMirrorOn } from "./slack-mirror.js";
import type { ChannelKind } from "./schema.js";

/**
 * off: no Slack token. mirrored: the Slack channel is known. pending: it will be created or
 * found by the next Slack delivery. failed: that delivery is dead (the error says why).
 */
export type SlackMirrorState = "off" | "pending" | "mirrored" | "failed";

export interface SlackMirrorView {
  state: SlackMirrorState;
  slackChannelId: string | null;
  error: string | null;
}

/** Whether Slack mirroring is on for the whole deployment, and what turns it on. */
export const slackMirrorInfo = (ctx: AppContext) => ({ enabled: slackMirrorOn(ctx), envVar: SLACK_TOKEN_ENV });

export interface ChannelSummary {
  id: string;
  name: string;
  kind: ChannelKind;
  /** The record the channel is for (a company channel's lead), or null (feeds). */
  subject: { type: string; id: string } | null;
  memberCount: number;
  lastMessage: { id: number; at: Date; text: string; actorLabel: string } | null;
  slack: SlackMirrorView;
  createdAt: Date;
}

export interface DeliveryView {
  outboxId: number;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

export interface MessageView {
  id: number;
  at: Date;
  text: string;
  actor: { type: string; id: string | null; label: string };
  ruleId: string | null;
  packVersion: string | null;
  subject: { type: string; id: string } | null;
  /** The Slack copy's outbox row; null when it was posted with the mirror off. */
  slack: DeliveryView | null;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: string;
  roleLabel: string;
  active: boolean;
  addedAt: Date;
}

export function mirrorView(
  ctx: AppContext,
  slackChannelId: string | null,
  failures: { status: string | null; error: string | null }[],
): SlackMirrorView {
  if (!slackMirrorOn(ctx)) return { state: "off", slackChannelId, error: null };
  if (slackChannelId) return { state: "mirrored", slackChannelId, error: null };
  const dead = failures.find((f) => f.status === "dead");
  return dead ? { state: "failed", slackChannelId: null, error: dead.error } : { state: "pending", slackChannelId: null, error: null };
}

export const subjectOf = (type: string | null, id: string | null) => (type && id ? { type, id } : null);
