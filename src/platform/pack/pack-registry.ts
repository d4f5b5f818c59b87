import type { Kysely } from "kysely";
import type { Database } from "../db/database.js";
import type { Clock } from "../clock/clock.js";
import type { ProcessPack } from "./pack-schema.js";
import { validatePack } from "./load-pack.js";

/**
 * Pack versions with effective dates. Every version ever loaded is stored (pack_versions),
 * so an automated action's recorded pack version can always be looked up. `current()` is the
 * newest version whose effective date has passed on the injected clock.
 */
export class PackRegistry {
  private versions: ProcessPack[] = [];

  constructor(private readonly clock: Clock) {}

  /** Stores the booted pack (idempotent per version) and loads every known version. */
  async init(db: Kysely<Database>, booted: ProcessPack, source: string): Promise<void> {
    const now = this.clock.now();
    const existing = await db
      .selectFrom("pack_versions")
      .select(["content"])
      .where("version", "=", booted.version)
      .executeTakeFirst();
    const bootedJson = canonicalJson(booted);
    if (existing && canonicalJson(existing.content) !== bootedJson) {
      throw new Error(
        `process pack version ${booted.version} is already stored with different content: give the changed pack a new version.`,
      );
    }
    if (!existing) {
      await db
        .insertInto("pack_versions")
        .values({
          version: booted.version,
          effective_at: booted.effectiveAt,
          content: JSON.stringify(booted),
          source,
          created_at: now,
        })
        .onConflict((oc) => oc.column("version").doNothing())
        .execute();
    }
    const rows = await db.selectFrom("pack_versions").select(["version", "content"]).execute();
    this.versions = rows
      // The booted pack is already validated: a stored copy of it needs no second parse.
      .map((r) =>
        r.version === booted.version && canonicalJson(r.content) === bootedJson ? booted : validatePack(r.content, `stored version ${r.version}`),
      )
      .sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt));
  }

  /** For tests and tools that do not need persistence. */
  useOnly(pack: ProcessPack): void {
    this.versions = [pack];
  }

  current(): ProcessPack {
    const now = this.clock.now().getTime();
    let chosen = this.versions[0];
    for (const v of this.versions) if (Date.parse(v.effectiveAt) <= now) chosen = v;
    if (!chosen) throw new Error("no process pack loaded");
    return chosen;
  }

  all(): readonly ProcessPack[] {
    return this.versions;
  }
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare this way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
