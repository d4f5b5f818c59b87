import { describe, expect, it } from "vitest";
import { eventBatchBody } from "./event-input.js";
import { quickEventBatch } from "./quick-event-batch.js";

const good = { id: "e1", user: "ada@acme.com", event: "search.submitted", timestamp: "2026-11-30T09:58:00.000Z", properties: { q: "x" } };

const variants: unknown[] = [
  { events: [good] },
  { batchId: "b1", events: [good, { ...good, id: undefined }] },
  { events: [] },
  { events: [{ ...good, user: " ada" }] },
  { events: [{ ...good, user: "" }] },
  { events: [{ ...good, event: "x".repeat(201) }] },
  { events: [{ ...good, timestamp: "2026-11-30T09:58:00Z" }] },
  { events: [{ ...good, timestamp: "2026-13-30T09:58:00.000Z" }] },
  { events: [{ ...good, timestamp: "2026-02-30T09:58:00.000Z" }] },
  { events: [{ ...good, timestamp: "2026-11-30T09:58:00.000+01:00" }] },
  { events: [{ ...good, extra: 1 }] },
  { events: [{ ...good, properties: [] }] },
  { events: [{ ...good, properties: null }] },
  { events: [good], other: true },
  { batchId: 7, events: [good] },
  { events: "nope" },
  [good],
  null,
];

describe("quick event-batch validation", () => {
  it("accepts only what the full schema accepts, with the same result", () => {
    const strict = eventBatchBody.strict();
    for (const v of variants) {
      const quick = quickEventBatch(v);
      if (quick === null) continue;
      const full = strict.safeParse(v);
      expect(full.success, JSON.stringify(v)).toBe(true);
      expect(JSON.parse(JSON.stringify(quick))).toEqual(JSON.parse(JSON.stringify(full.data)));
    }
  });

  it("takes the common canonical form on the fast path", () => {
    expect(quickEventBatch({ batchId: "b", events: [good] })).not.toBeNull();
    expect(quickEventBatch({ events: [{ ...good, timestamp: "2026-02-30T09:58:00.000Z" }] })).toBeNull();
  });
});
