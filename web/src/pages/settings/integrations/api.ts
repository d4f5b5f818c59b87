import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";

export interface WebhookEndpoint {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
}

export interface IntegrationsInfo {
  email: { configured: boolean; from: string; host: string | null };
  slack: { configured: boolean; apiUrl: string };
  webhooks: WebhookEndpoint[];
  outboundAllowList: string[];
}

export const integrationsQuery = queryOptions({
  queryKey: ["integrations"],
  queryFn: ({ signal }) => api<IntegrationsInfo>("/integrations", { signal }),
});

export function sendTestEmail(to: string): Promise<{ outboxId: string | number }> {
  return api("/integrations/email/test", { method: "POST", body: { to } });
}

export interface CreateWebhookInput {
  name: string;
  url: string;
  eventTypes: string[];
}

export interface CreatedWebhook {
  endpoint: WebhookEndpoint;
  secret: string;
  /** e.g. "plain http" or "private address: refused unless allow-listed". */
  warnings?: string[];
}

/** [] or ["*"] subscribe to every event. */
export function describeEventTypes(types: string[]): string[] {
  return types.length === 0 || types.includes("*") ? ["All events"] : types;
}

export function createWebhook(input: CreateWebhookInput): Promise<CreatedWebhook> {
  return api("/webhooks", { method: "POST", body: input });
}

export function setWebhookActive(id: string, active: boolean): Promise<unknown> {
  return api(`/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body: { active } });
}

export function rotateWebhookSecret(id: string): Promise<{ secret: string }> {
  return api(`/webhooks/${encodeURIComponent(id)}/rotate-secret`, { method: "POST" });
}
