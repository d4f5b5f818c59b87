import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, generateWebhookSecret } from "../../src/integrations/webhooks/standard-webhooks.js";
import { retryDelaySeconds } from "../../src/platform/outbox/backoff.js";
import { parseRetryAfter } from "../../src/integrations/outbound/retry-after.js";
import { renderTemplate, templateVariables, TemplateError } from "../../src/platform/outbox/render-template.js";
import { classifySmtpError } from "../../src/integrations/smtp/smtp-sender.js";
import { deliveryId } from "../../src/platform/outbox/delivery.js";

// The published Standard Webhooks test vector: matching it is what makes receivers' libraries accept us.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const vectorHeaders = (signature = VECTOR.signature) => ({
  "webhook-id": VECTOR.id,
  "webhook-timestamp": String(VECTOR.timestamp),
  "webhook-signature": signature,
});

describe("Standard Webhooks signatures", () => {
  it("reproduces the specification's test vector", () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("verifies the vector, also among several signatures, and rejects tampering", () => {
    expect(verifyWebhook({ secret: VECTOR.secret, headers: vectorHeaders(), body: VECTOR.body }).ok).toBe(true);
    expect(verifyWebhook({ secret: VECTOR.secret, headers: vectorHeaders(`v1,bm9wZQ== ${VECTOR.signature}`), body: VECTOR.body }).ok).toBe(true);
    expect(verifyWebhook({ secret: VECTOR.secret, headers: vectorHeaders(), body: '{"test": 2432232315}' }).ok).toBe(false);
    expect(verifyWebhook({ secret: generateWebhookSecret(), headers: vectorHeaders(), body: VECTOR.body }).ok).toBe(false);
    expect(verifyWebhook({ secret: VECTOR.secret, headers: vectorHeaders("v2,abc"), body: VECTOR.body }).ok).toBe(false);
  });

  it("enforces the timestamp tolerance only when asked for the current time", () => {
    const at = (seconds: number) => new Date(seconds * 1000);
    const base = { secret: VECTOR.secret, headers: vectorHeaders(), body: VECTOR.body };
    expect(verifyWebhook({ ...base, now: at(VECTOR.timestamp + 299) }).ok).toBe(true);
    expect(verifyWebhook({ ...base, now: at(VECTOR.timestamp + 301) })).toEqual({ ok: false, reason: "webhook-timestamp is too old or too new" });
  });

  it("generates whsec_ secrets of 32 random bytes", () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });

  it("derives the same delivery id from the same idempotency key, and different ones otherwise", () => {
    expect(deliveryId("a:1")).toBe(deliveryId("a:1"));
    expect(deliveryId("a:1")).not.toBe(deliveryId("a:2"));
    expect(deliveryId("a:1")).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });
});

describe("retry timing", () => {
  const policy = { maxAttempts: 8, backoffBaseSeconds: 10, backoffMaxSeconds: 3600, jitter: 0.2, requestTimeoutSeconds: 15 };
  const noJitter = () => 0.5;

  it("doubles from the base and stops at the maximum", () => {
    expect([1, 2, 3, 4, 9, 20].map((n) => retryDelaySeconds(policy, n, undefined, noJitter))).toEqual([10, 20, 40, 80, 2560, 3600]);
  });

  it("spreads delays by at most the jitter fraction", () => {
    expect(retryDelaySeconds(policy, 3, undefined, () => 0)).toBe(32);
    expect(retryDelaySeconds(policy, 3, undefined, () => 0.999999)).toBe(48);
    expect(retryDelaySeconds(policy, 30, undefined, () => 0.999999)).toBe(3600); // never above the cap
  });

  it("honours Retry-After over the formula, capped at the maximum", () => {
    expect(retryDelaySeconds(policy, 5, 3, noJitter)).toBe(3);
    expect(retryDelaySeconds(policy, 1, 0, noJitter)).toBe(0);
    expect(retryDelaySeconds(policy, 1, 86_400 * 365, noJitter)).toBe(3600);
  });

  it("reads Retry-After as seconds or as an HTTP date measured on the injected clock", () => {
    const now = new Date("2026-01-05T09:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Mon, 05 Jan 2026 09:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Mon, 05 Jan 2026 08:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("SMTP error classification", () => {
  it("treats 5xx as final, 4xx and connection failures as temporary", () => {
    expect(classifySmtpError({ code: "EMESSAGE", responseCode: 550, response: "550 no such user" })).toMatchObject({ ok: false, permanent: true, statusCode: 550 });
    expect(classifySmtpError({ code: "EENVELOPE", responseCode: 451, response: "451 later" })).toMatchObject({ ok: false, permanent: false });
    expect(classifySmtpError({ code: "ECONNECTION", message: "connect ECONNREFUSED" })).toMatchObject({ ok: false, permanent: false });
    expect(classifySmtpError({ code: "EENVELOPE", message: "No recipients defined" })).toMatchObject({ ok: false, permanent: true });
    expect(classifySmtpError({ code: "EAUTH", responseCode: 535, response: "535 bad credentials" })).toMatchObject({ ok: false, permanent: false });
  });
});

describe("template rendering", () => {
  it("replaces {{variables}} and fails on a variable without a value", () => {
    expect(renderTemplate("Hello {{name}}, see {{ url }}.", { name: "Ada", url: "https://x" })).toBe("Hello Ada, see https://x.");
    expect(() => renderTemplate("Hello {{name}} {{nmae}}", { name: "Ada" }, "emails.welcome.text")).toThrow(TemplateError);
    expect(() => renderTemplate("Hello {{nmae}}", { name: "Ada" }, "emails.welcome.text")).toThrow(
      "emails.welcome.text uses {{nmae}} but no value was given (known: name).",
    );
    expect(() => renderTemplate("{{toString}}", {})).toThrow(/toString/);
    expect(templateVariables("{{a}} {{ b }} {{a}}")).toEqual(["a", "b"]);
  });
});
