import { performance } from "node:perf_hooks";
import type { AppContext } from "../../platform/app/context.js";

export interface EndpointForDelivery {
  id: string;
  name: string;
  url: string;
  secret: string;
  active: boolean;
}

interface Snapshot {
  /** performance.now() just before the read was issued. */
  readMs: number;
  row: Promise<EndpointForDelivery | undefined>;
}

/** More endpoints than any workspace configures; past it the map starts over (a bound, not a policy). */
const MAX_ENTRIES = 1000;

/**
 * Endpoint rows for the webhook handler, read once per claimed batch instead of once per
 * delivery. A snapshot is reused for a delivery only if its read was issued after that
 * delivery's claim committed, so it reflects every change (URL, secret, deactivation) committed
 * before the claim: a change applies to every delivery claimed after it, as when the row was
 * read per delivery. A delivery claimed earlier (already reserved, in flight from the outbox's
 * point of view) may still go out with what was true at its claim.
 */
export class EndpointSnapshots {
  private readonly entries = new Map<string, Snapshot>();

  /** ctx.db is read per use: the context may be bound after the handler is made. */
  constructor(private readonly ctx: Pick<AppContext, "db">) {}

  /** claimedMs: DeliveryItem.claimedMs; undefined reads afresh. */
  get(id: string, claimedMs: number | undefined): Promise<EndpointForDelivery | undefined> {
    const cached = this.entries.get(id);
    if (cached && claimedMs !== undefined && cached.readMs > claimedMs) return cached.row;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const snapshot: Snapshot = {
      readMs: performance.now(),
      row: this.ctx.db
        .selectFrom("webhook_endpoints")
        .select(["id", "name", "url", "secret", "active"])
        .where("id", "=", id)
        .executeTakeFirst(),
    };
    this.entries.set(id, snapshot);
    // A failed read is not remembered: the next delivery tries again.
    snapshot.row.catch(() => {
      if (this.entries.get(id) === snapshot) this.entries.delete(id);
    });
    return snapshot.row;
  }
}
