import { z } from "zod";
import type { AppContext } from "./context.js";
import type { AppServer } from "../http/server.js";
import { ROLES } from "../pack/pack-schema.js";
import { search, type SearchProvider } from "../search/search.js";

export const TRELLIS_VERSION = "0.1.0";

export function metaRoutes(ctx: AppContext, searchProviders: SearchProvider[]) {
  return (app: AppServer) => {
    app.get("/api/v1/meta", { schema: { tags: ["meta"], summary: "Version, engine, clock and process pack in force" } }, () => {
      const pack = ctx.packs.current();
      return {
        version: TRELLIS_VERSION,
        packVersion: pack.version,
        packName: pack.name,
        engine: ctx.engine,
        clock: ctx.clock.kind === "simulated" ? "simulated" : "system",
        now: ctx.clock.now().toISOString(),
      };
    });

    app.get("/api/v1/roles", { schema: { tags: ["meta"], summary: "Roles and what each is for (from the process pack)" } }, () => {
      const pack = ctx.packs.current();
      return { items: ROLES.map((role) => ({ role, ...pack.roles[role] })) };
    });

    app.get(
      "/api/v1/meta/pack",
      { schema: { tags: ["meta"], summary: "The process pack's account-book vocabulary the UI offers: stages and targets, segments, account types, contact roles, support levels, kickoff cadences and trainings, board columns, health model, red-account and renewal settings" } },
      () => {
        const p = ctx.packs.current();
        return { version: p.version, lifecycle: p.lifecycle, segments: p.segments, accounts: p.accounts, handoff: p.handoff, kickoff: p.kickoff, tasks: p.tasks, health: p.health, redAccounts: p.redAccounts, renewals: p.renewals };
      },
    );

    app.get(
      "/api/v1/search",
      {
        schema: {
          tags: ["meta"],
          summary: "Global search by name, email or domain",
          querystring: z.object({ q: z.string().max(200), limit: z.coerce.number().int().min(1).max(50).default(10) }),
        },
      },
      async (req) => ({ items: await search(ctx, searchProviders, req.query.q, req.query.limit) }),
    );
  };
}
