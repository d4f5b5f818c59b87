import type { AppContext } from "../../platform/app/context.js";
import {
  deliveryId,
  delivered,
  permanent,
  retryable,
  type ChannelHandler,
  type DeliveryResult,
} from "../../platform/outbox/delivery.js";

export const SMTP_NOT_CONFIGURED = "SMTP is not configured: set SMTP_URL";

/**
 * The outbox handler for the email channel: one SMTP transaction per message through
 * nodemailer. The Message-ID is derived from the idempotency key, so a retry after a lost
 * reply carries the same id and mail systems (and people) can recognise the duplicate.
 * Config is read per call: an operator who sets SMTP_URL and restarts gets every waiting
 * message delivered, because "not configured" is retried rather than dead.
 */
export function createEmailHandler(ctx: AppContext): ChannelHandler<"email"> {
  return async (payload, item) => {
    const url = ctx.config.smtpUrl;
    if (!url) return retryable(SMTP_NOT_CONFIGURED);
    const timeout = ctx.packs.current().outbox.requestTimeoutSeconds * 1000;
    const nodemailer = await loadNodemailer();
    const transport = nodemailer.createTransport({
      url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    const id = deliveryId(item.idempotencyKey);
    try {
      const info = await transport.sendMail({
        from: ctx.config.mailFrom,
        to: [...payload.to],
        ...(payload.cc ? { cc: [...payload.cc] } : {}),
        ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
        subject: payload.subject,
        text: payload.text,
        ...(payload.html ? { html: payload.html } : {}),
        messageId: messageIdFor(id, ctx.config.mailFrom),
        headers: { "X-Trellis-Delivery-Id": id },
      });
      return delivered(replyCode(info.response) ?? 250);
    } catch (e) {
      return classifySmtpError(e);
    } finally {
      transport.close();
    }
  };
}

/** nodemailer is loaded on the first email, not at start-up (start-up time counts; many installs never send one). */
let nodemailerModule: Promise<typeof import("nodemailer")> | undefined;
function loadNodemailer(): Promise<typeof import("nodemailer")> {
  nodemailerModule ??= import("nodemailer");
  return nodemailerModule;
}

/** `<msg_…@domain-of-MAIL_FROM>`: stable per idempotency key. */
export function messageIdFor(id: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? "trellis.local";
  return `<${id}@${domain}>`;
}

function replyCode(response: unknown): number | undefined {
  const m = typeof response === "string" ? /^(\d{3})/.exec(response) : null;
  return m?.[1] ? Number(m[1]) : undefined;
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * 5xx replies are final (the server refuses this message: unknown mailbox, policy); 4xx and
 * connection problems are temporary. Authentication failures are retried even when 5xx: the
 * message is fine, the credentials are the operator's to fix.
 */
export function classifySmtpError(e: unknown): DeliveryResult {
  const err = (typeof e === "object" && e !== null ? e : { message: String(e) }) as NodemailerError;
  const code = err.responseCode;
  const message = `SMTP ${code ?? err.code ?? "error"}: ${err.response ?? err.message ?? "unknown error"}`;
  if (err.code === "EAUTH") return retryable(`${message} (check the credentials in SMTP_URL)`, { statusCode: code });
  if (typeof code === "number") return code >= 500 ? permanent(message, code) : retryable(message, { statusCode: code });
  // Refused by nodemailer before sending (invalid or missing address): retrying cannot help.
  if (err.code === "EENVELOPE") return permanent(message);
  return retryable(message);
}
