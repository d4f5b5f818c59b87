import { isIP } from "node:net";
import type { Selectable } from "kysely";
import type { WebhookEndpointsTable } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { AllowList, forbiddenKind } from "../outbound/address-policy.js";

/** What the API shows for an endpoint: never the secret (shown once, on create and rotate). */
export interface WebhookEndpointView {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toEndpointView(row: Selectable<WebhookEndpointsTable>): WebhookEndpointView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    eventTypes: row.event_types,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const invalid = (field: string, message: string): AppError =>
  new AppError("validation_failed", `${field}: ${message}`, { details: { issues: [{ path: [field], message }] } });

export function validateName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw invalid("name", "must be 1 to 100 characters");
  return trimmed;
}

/**
 * A malformed URL is refused now; a private or loopback destination only earns a warning,
 * because the operator may allow it (TRELLIS_OUTBOUND_ALLOW) and the delivery-time guard,
 * which checks the resolved address, is what actually protects the network.
 */
export function validateEndpointUrl(raw: string, allowList: readonly string[]): { url: string; warnings: string[] } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid("url", "is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid("url", "must start with http:// or https://");
  if (url.username || url.password) throw invalid("url", "must not contain credentials; the signature authenticates us");
  if (url.href.length > 2048) throw invalid("url", "must be at most 2048 characters");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const allow = new AllowList(allowList);
  const warnings: string[] = [];
  const kind = isIP(host) !== 0 ? forbiddenKind(host) : /(^|\.)(localhost|local|internal)$/.test(host) ? "a local" : null;
  if (kind && !allow.allowsHost(host) && !(isIP(host) !== 0 && allow.allowsAddress(host))) {
    warnings.push(`${host} is ${kind} address: deliveries will be refused unless TRELLIS_OUTBOUND_ALLOW permits it.`);
  }
  if (url.protocol === "http:" && !kind) warnings.push("the URL uses plain http: payloads travel unencrypted.");
  return { url: url.href, warnings };
}

const EVENT_TYPE = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;

/** [] or ["*"] = every event; "lead.*" = every event under lead. */
export function validateEventTypes(types: readonly string[]): string[] {
  if (types.length > 100) throw invalid("eventTypes", "at most 100 entries");
  for (const t of types) {
    if (!EVENT_TYPE.test(t)) throw invalid("eventTypes", `"${t}" is not an event type (like lead.created, lead.* or *)`);
  }
  return [...new Set(types)];
}

export function isSubscribed(eventTypes: readonly string[], type: string): boolean {
  if (eventTypes.length === 0) return true;
  return eventTypes.some((t) => t === "*" || t === type || (t.endsWith(".*") && type.startsWith(t.slice(0, -1))));
}
