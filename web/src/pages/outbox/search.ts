import { OUTBOX_STATUSES, type OutboxStatus } from "@/platform/status-colors";
import { oneOf, optionalString } from "@/platform/url-search";

/** Channels the outbox delivers through (server: OutboxChannels). Unknown ones still filter. */
export const OUTBOX_CHANNELS = [
  { value: "email", label: "Email" },
  { value: "webhook", label: "Webhook" },
  { value: "slack", label: "Slack" },
] as const;

/** The outbox view in the URL: shareable filters plus the open item. */
export interface OutboxSearch {
  status?: OutboxStatus;
  channel?: string;
  item?: string;
}

export function validateOutboxSearch(raw: Record<string, unknown>): OutboxSearch {
  const out: OutboxSearch = {};
  const status = oneOf(raw.status, OUTBOX_STATUSES);
  if (status) out.status = status;
  const channel = optionalString(raw.channel);
  if (channel) out.channel = channel;
  const item = optionalString(raw.item);
  if (item) out.item = item;
  return out;
}

export function channelLabel(channel: string): string {
  return OUTBOX_CHANNELS.find((c) => c.value === channel)?.label ?? channel;
}
