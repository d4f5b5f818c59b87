import { createHash } from "node:crypto";
import { z } from "zod";
import type { EventType } from "./schema.js";

/**
 * The shapes instances send, validated at the edge, and their normalised form. Two event
 * shapes are accepted: Trellis's own batch and the Segment HTTP API batch (track, identify,
 * group), so an existing analytics pipeline can point at Trellis unchanged.
 */
const key = z.string().trim().min(1).max(200);
const timestamp = z.iso.datetime({ offset: true });
const properties = z.record(z.string(), z.unknown());

export const trellisEvent = z
  .object({
    id: key.optional().describe("Unique per event; re-sent events with the same id count once"),
    user: key.describe("Stable user key within the instance (id or email)"),
    event: key.describe("Event name, e.g. search.submitted"),
    timestamp,
    properties: properties.optional(),
  })
  .strict();

export const eventBatchBody = z.object({
  batchId: key.optional().describe("Re-sent batches with the same id are accepted once"),
  events: z.array(trellisEvent).min(1),
});
export type EventBatchBody = z.infer<typeof eventBatchBody>;

/** Segment's batch entries; unknown Segment fields (context, integrations, …) are allowed. */
const segmentCommon = {
  messageId: key.optional(),
  userId: key.optional(),
  anonymousId: key.optional(),
  timestamp: timestamp.optional(),
  sentAt: timestamp.optional(),
};
const segmentEntry = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("track"), event: key, properties: properties.optional(), ...segmentCommon }),
  z.looseObject({ type: z.literal("identify"), traits: properties.optional(), ...segmentCommon }),
  z.looseObject({ type: z.literal("group"), groupId: key, traits: properties.optional(), ...segmentCommon }),
]);
export const segmentBatchBody = z.looseObject({
  batch: z.array(segmentEntry).min(1),
  sentAt: timestamp.optional(),
});
export type SegmentBatchBody = z.infer<typeof segmentBatchBody>;

export interface NormalizedEvent {
  /** Dedupe key: the sender's id, else a hash of the event's content. */
  key: string;
  type: EventType;
  user: string;
  event: string | null;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

/** A bad entry found after schema validation (e.g. no user on a Segment call). */
export interface InputProblem {
  index: number;
  field: string;
  message: string;
}

function contentKey(parts: unknown[]): string {
  return `h:${createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 32)}`;
}

export function normalizeTrellisBatch(body: EventBatchBody): NormalizedEvent[] {
  return body.events.map((e) => {
    const props = e.properties ?? {};
    const occurredAt = new Date(e.timestamp);
    return {
      key: e.id !== undefined ? `id:${e.id}` : contentKey([e.user, e.event, occurredAt.toISOString(), props]),
      type: "track",
      user: e.user,
      event: e.event,
      occurredAt,
      properties: props,
    };
  });
}

/**
 * Segment calls carry userId or anonymousId; a call without a timestamp takes the time it
 * was received (Segment does the same).
 */
export function normalizeSegmentBatch(body: SegmentBatchBody, receivedAt: Date): NormalizedEvent[] | InputProblem {
  const out: NormalizedEvent[] = [];
  for (const [index, entry] of body.batch.entries()) {
    const user = entry.userId ?? entry.anonymousId;
    if (user === undefined) return { index, field: "userId", message: "a userId or anonymousId is required" };
    const occurredAt = new Date(entry.timestamp ?? entry.sentAt ?? body.sentAt ?? receivedAt.toISOString());
    const base = { user, occurredAt };
    let normalized: Omit<NormalizedEvent, "key">;
    switch (entry.type) {
      case "track":
        normalized = { ...base, type: "track", event: entry.event, properties: entry.properties ?? {} };
        break;
      case "identify":
        normalized = { ...base, type: "identify", event: null, properties: entry.traits ?? {} };
        break;
      case "group":
        normalized = { ...base, type: "group", event: null, properties: { groupId: entry.groupId, ...(entry.traits ?? {}) } };
        break;
      default: {
        const unreachable: never = entry;
        throw new Error(`unknown Segment call ${JSON.stringify(unreachable)}`);
      }
    }
    const key =
      entry.messageId !== undefined
        ? `id:${entry.messageId}`
        : contentKey([normalized.type, user, normalized.event, occurredAt.toISOString(), normalized.properties]);
    out.push({ key, ...normalized });
  }
  return out;
}

export const pingBody = z.object({
  day: z.iso.date().optional().describe("The UTC day the aggregate covers; defaults to the day of timestamp or of receipt"),
  timestamp: timestamp.optional(),
  totalUsers: z.number().int().min(0),
  dau: z.number().int().min(0),
  wau: z.number().int().min(0),
  mau: z.number().int().min(0),
  codeHostsConfigured: z.number().int().min(0),
  repositories: z.number().int().min(0),
  version: z.string().trim().min(1).max(50).nullable(),
  preciseCodeIntelEnabled: z.boolean(),
  featuresUsed: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
});
export type PingBody = z.infer<typeof pingBody>;
