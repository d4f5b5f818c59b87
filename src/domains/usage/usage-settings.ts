import type { Kysely } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { audit } from "../../platform/timeline/record.js";
import type { Actor } from "../../platform/timeline/actor.js";

const LATEST_RELEASE_KEY = "usage.latest_release";
const VERSION = /^\d+\.\d+(\.\d+)?$/;

export interface UsageSettings {
  latestRelease: string | null;
  latestReleaseSource: "pack" | "setting";
  releases: string[];
  retentionDays: number;
}

/** The latest release comes from an admin setting when one is set, else the pack's last release. */
export async function getUsageSettings(ctx: Pick<AppContext, "db" | "packs" | "config">, db: Kysely<Database> = ctx.db): Promise<UsageSettings> {
  const pack = ctx.packs.current();
  const row = await db.selectFrom("app_settings").select("value").where("key", "=", LATEST_RELEASE_KEY).executeTakeFirst();
  const setting = typeof row?.value === "string" ? row.value : null;
  return {
    latestRelease: setting ?? pack.usage.releases[pack.usage.releases.length - 1] ?? null,
    latestReleaseSource: setting !== null ? "setting" : "pack",
    releases: [...pack.usage.releases],
    retentionDays: ctx.config.usageRetentionDays,
  };
}

export interface SetLatestReleaseOptions {
  latestRelease: string | null;
  actor: Actor;
  requestId?: string | undefined;
}

/** Sets (or with null clears) the admin's latest-release override; audited. */
export async function setLatestRelease(ctx: AppContext, o: SetLatestReleaseOptions): Promise<UsageSettings> {
  if (o.latestRelease !== null && !VERSION.test(o.latestRelease)) {
    throw new AppError("validation_failed", "latestRelease: must look like 6.2 or 6.2.1.", {
      details: { issues: [{ path: ["body", "latestRelease"], message: "must look like 6.2 or 6.2.1" }] },
    });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (o.latestRelease === null) await trx.deleteFrom("app_settings").where("key", "=", LATEST_RELEASE_KEY).execute();
    else {
      const value = JSON.stringify(o.latestRelease);
      const by = o.actor.type === "user" || o.actor.type === "api_token" ? o.actor.id : null;
      await trx
        .insertInto("app_settings")
        .values({ key: LATEST_RELEASE_KEY, value, updated_at: now, updated_by: by })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now, updated_by: by }))
        .execute();
    }
    await audit(trx, { actor: o.actor, action: "usage.latest_release_set", at: now, data: { latestRelease: o.latestRelease }, requestId: o.requestId });
  });
  return getUsageSettings(ctx);
}
