import { connect } from "node:net";
import nodemailer from "nodemailer";
import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import { pendingMigrations } from "../db/migrate.js";
import { checkOutboundTarget } from "../../integrations/outbound/url-guard.js";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found, or what is wrong and how to fix it. */
  detail: string;
  /** Not configured is not a failure (e.g. no SMTP yet), but says what it means. */
  skipped?: boolean;
}

const TIMEOUT_MS = 5000;

export async function checkDatabase(ctx: AppContext): Promise<CheckResult> {
  try {
    const v = await sql<{ version: string }>`select version() as version`.execute(ctx.db);
    const pending = await pendingMigrations(ctx.db);
    if (pending.length > 0) return { name: "database", ok: false, detail: `pending migrations ${pending.join(", ")}: run \`trellis migrate\`` };
    return { name: "database", ok: true, detail: `${ctx.engine}: ${(v.rows[0]?.version ?? "").split(",")[0]}; migrations up to date` };
  } catch (e) {
    return { name: "database", ok: false, detail: `${(e as Error).message}: check DATABASE_URL or the data directory` };
  }
}

export async function checkSmtp(ctx: AppContext): Promise<CheckResult> {
  if (!ctx.config.smtpUrl) {
    return { name: "smtp", ok: true, skipped: true, detail: "not configured: emails wait in the outbox until SMTP_URL is set" };
  }
  const transport = nodemailer.createTransport(ctx.config.smtpUrl, { connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS });
  try {
    await transport.verify();
    return { name: "smtp", ok: true, detail: `${new URL(ctx.config.smtpUrl).host} accepts connections and our credentials` };
  } catch (e) {
    return { name: "smtp", ok: false, detail: `${(e as Error).message}: check SMTP_URL (host, port, user, password)` };
  } finally {
    transport.close();
  }
}

function tcpReachable(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: TIMEOUT_MS });
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(`no answer from ${host}:${port} within ${TIMEOUT_MS / 1000} s`);
    });
    socket.once("error", (e) => resolve(e.message));
  });
}

export async function checkWebhooks(ctx: AppContext): Promise<CheckResult[]> {
  const endpoints = await ctx.db.selectFrom("webhook_endpoints").select(["name", "url"]).where("active", "=", true).execute();
  if (endpoints.length === 0) return [{ name: "webhooks", ok: true, skipped: true, detail: "no active endpoints" }];
  return Promise.all(
    endpoints.map(async (e): Promise<CheckResult> => {
      const name = `webhook "${e.name}"`;
      try {
        const target = await checkOutboundTarget(e.url, ctx.config.outboundAllowList);
        const port = Number(target.url.port || (target.url.protocol === "https:" ? 443 : 80));
        const problem = await tcpReachable(target.address, port);
        if (problem) return { name, ok: false, detail: `${e.url}: ${problem}` };
        return { name, ok: true, detail: `${e.url} reachable at ${target.address}:${port}` };
      } catch (err) {
        return { name, ok: false, detail: `${e.url}: ${(err as Error).message}` };
      }
    }),
  );
}
