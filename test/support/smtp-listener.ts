import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

/** One message as the listener received it; headers are parsed minimally (enough for tests). */
export interface ReceivedEmail {
  envelopeFrom: string;
  envelopeTo: string[];
  /** Lower-cased header names; unfolded values. */
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  /** Decoded text body (quoted-printable and base64 handled for single-part messages). */
  text: string;
  raw: string;
}

export interface SmtpListener {
  /** smtp://127.0.0.1:PORT, for config.smtpUrl. */
  url: string;
  messages: ReceivedEmail[];
  /** Answers the next `count` messages (at DATA) with this SMTP code instead of accepting them. */
  rejectNext(count: number, code: number, message?: string): void;
  waitFor(predicate: (messages: ReceivedEmail[]) => boolean, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (no TLS, no auth required) collecting what it is sent. */
export async function startSmtpListener(): Promise<SmtpListener> {
  const messages: ReceivedEmail[] = [];
  const rejections: { code: number; message: string }[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const rejection = rejections.shift();
        if (rejection) {
          const err = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom;
        messages.push(parse(raw, from ? from.address : "", session.envelope.rcptTo.map((r) => r.address)));
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext(count, code, message = code >= 500 ? "Mailbox unavailable" : "Try again later") {
      for (let i = 0; i < count; i++) rejections.push({ code, message });
    },
    async waitFor(predicate, timeoutMs = 5000) {
      if (predicate(messages)) return messages;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`smtp listener: condition not met within ${timeoutMs} ms (${messages.length} messages)`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parse(raw: string, envelopeFrom: string, envelopeTo: string[]): ReceivedEmail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    envelopeFrom,
    envelopeTo,
    headers,
    subject: decodeWords(headers.subject ?? ""),
    messageId: headers["message-id"] ?? "",
    text: decodeBody(body, (headers["content-transfer-encoding"] ?? "7bit").toLowerCase()),
    raw,
  };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body.replace(/=\r\n/g, ""));
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? /^[0-9A-F]{2}$/i.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? "", "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), which nodemailer uses for non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}
