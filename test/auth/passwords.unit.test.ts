import { describe, expect, it } from "vitest";
import {
  hashPassword,
  passwordNeedsRehash,
  passwordPolicyProblem,
  verifyAgainstDummy,
  verifyPassword,
} from "../../src/platform/auth/passwords.js";
import { verifyCsrf } from "../../src/platform/auth/verify-csrf.js";
import { AppError } from "../../src/platform/errors/app-error.js";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapl")).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(false);
  });

  it("salts every hash, so equal passwords give different hashes", async () => {
    expect(await hashPassword("same password twice")).not.toBe(await hashPassword("same password twice"));
  });

  it("treats an unreadable stored hash as a wrong password and asks for a rehash of weaker ones", async () => {
    expect(await verifyPassword("not a hash", "whatever password")).toBe(false);
    expect(passwordNeedsRehash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).toBe(true);
    expect(passwordNeedsRehash("$2b$10$bcryptbcryptbcryptbcryptbc")).toBe(true);
  });

  it("spends the time of a real verification for unknown users", async () => {
    await verifyAgainstDummy("warm-up password");
    const started = performance.now();
    expect(await verifyAgainstDummy("any password at all")).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5);
  });

  it("requires 12 characters and refuses the email as password, with a clear message", () => {
    expect(passwordPolicyProblem("short", "ada@example.com")).toBe("Password must be at least 12 characters long (it has 5).");
    expect(passwordPolicyProblem(" Ada@Example.com ", "ada@example.com")).toBe(
      "Password must not be the same as the email address.",
    );
    expect(passwordPolicyProblem("x".repeat(1025), "ada@example.com")).toMatch(/at most 1024/);
    expect(passwordPolicyProblem("twelve chars", "ada@example.com")).toBeNull();
  });
});

describe("CSRF", () => {
  it("accepts the session's token and refuses a missing, wrong or repeated header", () => {
    expect(() => verifyCsrf({ expected: "abc123", provided: "abc123" })).not.toThrow();
    for (const provided of [undefined, "", "abc124", "abc1234", ["abc123", "abc123"]]) {
      let error: unknown;
      try {
        verifyCsrf({ expected: "abc123", provided });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("csrf_failed");
    }
  });
});
