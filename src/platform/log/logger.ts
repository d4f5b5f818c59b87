import { pino, type Logger } from "pino";

export type { Logger };

/** Paths that must never reach a log line. */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "provisionerSecret",
  "*.provisionerSecret",
  "ticketsWebhookSecret",
  "*.ticketsWebhookSecret",
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers[\"x-csrf-token\"]",
  "res.headers[\"set-cookie\"]",
  "headers.authorization",
  "headers.cookie",
  "smtpUrl",
  "slackToken",
  "config.smtpUrl",
  "config.slackToken",
  "config.databaseUrl",
  "databaseUrl",
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { pid: process.pid } },
    destination ?? process.stdout,
  );
}
