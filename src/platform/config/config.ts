import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

/**
 * Configuration, validated once at boot. Sources in rising precedence: defaults, an optional
 * JSON file (TRELLIS_CONFIG or --config), environment variables, CLI flags.
 * A bad value is a ConfigError naming the field and the fix; the CLI exits 2 with that line.
 */
export const configSchema = z
  .object({
    nodeEnv: z.enum(["development", "production", "test"]).default("development"),
    host: z.string().min(1).default("127.0.0.1"),
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    publicUrl: z.url().optional(),
    dataDir: z.string().min(1).default(".trellis/data"),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    databasePoolSize: z.coerce.number().int().min(1).max(200).default(10),
    clock: z.enum(["system", "simulated"]).default("system"),
    clockStart: z.iso.datetime({ offset: true }).optional(),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    packFile: z.string().optional(),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    mailFrom: z.string().default("Trellis <trellis@localhost>"),
    supportEmail: z.string().optional(),
    slackToken: z.string().optional(),
    slackApiUrl: z.url().default("https://slack.com/api/"),
    /** Hosts, IPs or CIDRs that outbound webhooks may reach even though they are private. */
    outboundAllowList: z.array(z.string()).default([]),
    sessionIdleMinutes: z.coerce.number().int().min(1).default(12 * 60),
    sessionAbsoluteHours: z.coerce.number().int().min(1).default(7 * 24),
    secureCookies: z.boolean().optional(),
    workerConcurrency: z.coerce.number().int().min(1).max(64).default(4),
    workerPollMs: z.coerce.number().int().min(10).default(1000),
    leaseSeconds: z.coerce.number().int().min(5).default(60),
    schedulerIntervalMs: z.coerce.number().int().min(100).default(60_000),
    /** Where the first-start admin password is written instead of stdout, if set. */
    initialAdminEmail: z.string().default("admin@trellis.local"),
    /** Raw usage events older than this are purged daily; rollups are kept. */
    usageRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
    /** Ingestion batches processed at once by this process; more wait in a bounded queue. */
    ingestConcurrency: z.coerce.number().int().min(1).max(64).default(4),
    /** Batches allowed to wait; beyond this the endpoint answers 503 with Retry-After. */
    ingestQueueLimit: z.coerce.number().int().min(0).max(10_000).default(64),
    /** T6: how trial instances are provisioned: a task for cloud ops in Trellis, or a signed request to a URL. */
    provisioner: z.enum(["manual", "webhook"]).default("manual"),
    /** Webhook provisioner: where provisioning requests are POSTed (Standard Webhooks signature). */
    provisionerUrl: z.url().optional(),
    /** Webhook provisioner: shared secret (whsec_… or any string of 24+ characters) signing both directions. */
    provisionerSecret: z.string().min(24, "must be at least 24 characters").optional(),
    /** Where license signing keys live (default <dataDir>/keys); share it between processes in server mode. */
    licenseKeysDir: z.string().min(1).optional(),
    /** S2: shared secret (whsec_… or any string of 24+ characters) the help desk signs inbound ticket webhooks with; unset → the endpoint answers 503. */
    ticketsWebhookSecret: z.string().min(24, "must be at least 24 characters").optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Environment variable → config key. Listed here so the README table stays honest. */
export const ENV_KEYS: Record<string, keyof Config> = {
  NODE_ENV: "nodeEnv",
  HOST: "host",
  PORT: "port",
  TRELLIS_PUBLIC_URL: "publicUrl",
  TRELLIS_DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  TRELLIS_DB_POOL_SIZE: "databasePoolSize",
  TRELLIS_CLOCK: "clock",
  TRELLIS_CLOCK_START: "clockStart",
  LOG_LEVEL: "logLevel",
  TRELLIS_PACK: "packFile",
  SMTP_URL: "smtpUrl",
  MAIL_FROM: "mailFrom",
  TRELLIS_SUPPORT_EMAIL: "supportEmail",
  SLACK_TOKEN: "slackToken",
  SLACK_API_URL: "slackApiUrl",
  TRELLIS_OUTBOUND_ALLOW: "outboundAllowList",
  TRELLIS_SESSION_IDLE_MINUTES: "sessionIdleMinutes",
  TRELLIS_SESSION_ABSOLUTE_HOURS: "sessionAbsoluteHours",
  TRELLIS_SECURE_COOKIES: "secureCookies",
  TRELLIS_WORKER_CONCURRENCY: "workerConcurrency",
  TRELLIS_WORKER_POLL_MS: "workerPollMs",
  TRELLIS_LEASE_SECONDS: "leaseSeconds",
  TRELLIS_SCHEDULER_INTERVAL_MS: "schedulerIntervalMs",
  TRELLIS_ADMIN_EMAIL: "initialAdminEmail",
  TRELLIS_USAGE_RETENTION_DAYS: "usageRetentionDays",
  TRELLIS_INGEST_CONCURRENCY: "ingestConcurrency",
  TRELLIS_INGEST_QUEUE_LIMIT: "ingestQueueLimit",
  TRELLIS_PROVISIONER: "provisioner",
  TRELLIS_PROVISIONER_URL: "provisionerUrl",
  TRELLIS_PROVISIONER_SECRET: "provisionerSecret",
  TRELLIS_LICENSE_KEYS_DIR: "licenseKeysDir",
  TRELLIS_TICKETS_WEBHOOK_SECRET: "ticketsWebhookSecret",
};

const LIST_KEYS = new Set<keyof Config>(["outboundAllowList"]);
const BOOL_KEYS = new Set<keyof Config>(["secureCookies"]);

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    if (LIST_KEYS.has(key)) out[key] = raw.split(",").map((s) => s.trim()).filter(Boolean);
    else if (BOOL_KEYS.has(key)) {
      if (raw !== "true" && raw !== "false") {
        throw new ConfigError(`${name}: must be "true" or "false", got "${raw}".`);
      }
      out[key] = raw === "true";
    } else out[key] = raw;
  }
  return out;
}

function fromFile(path: string): Record<string, unknown> {
  const full = resolve(path);
  if (!existsSync(full)) throw new ConfigError(`config file ${full} does not exist: fix TRELLIS_CONFIG or --config.`);
  try {
    const parsed: unknown = JSON.parse(readFileSync(full, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${full} must hold a JSON object.`);
    }
    return parsed as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`config file ${full} is not valid JSON: ${(e as Error).message}`);
  }
}

function envNameFor(key: string): string {
  const found = Object.entries(ENV_KEYS).find(([, k]) => k === key);
  return found ? found[0] : key;
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  file?: string;
  overrides?: Partial<ConfigInput>;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const filePath = options.file ?? env.TRELLIS_CONFIG;
  const merged = {
    ...(filePath ? fromFile(filePath) : {}),
    ...fromEnv(env),
    ...stripUndefined(options.overrides ?? {}),
  };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? "?");
    const fix = issue?.code === "unrecognized_keys" ? `remove ${issue.keys.join(", ")}` : issue?.message ?? "invalid";
    throw new ConfigError(`${envNameFor(key)} (${key}): ${fix}.`);
  }
  const config = result.data;
  if (config.clock === "simulated" && config.nodeEnv === "production") {
    throw new ConfigError("TRELLIS_CLOCK (clock): simulated time is refused when NODE_ENV=production; unset one of them.");
  }
  if (config.provisioner === "webhook" && (!config.provisionerUrl || !config.provisionerSecret)) {
    throw new ConfigError("TRELLIS_PROVISIONER (provisioner): webhook needs TRELLIS_PROVISIONER_URL and TRELLIS_PROVISIONER_SECRET; set both or use manual.");
  }
  return config;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const isServerDatabase = (c: Config): boolean => c.databaseUrl !== undefined;
