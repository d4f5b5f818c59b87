import { describe, expect, it } from "vitest";
import { signIn } from "../../src/platform/auth/sign-in.js";
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  THROTTLE_WINDOW_MINUTES,
} from "../../src/platform/auth/throttle.js";
import { MINUTE, PASSWORD, appErrorOf, countRows, makeUser, signInAda, useTestContext } from "./auth-fixtures.js";

const context = useTestContext();
const wrong = (ip = "192.0.2.1", email = "ada@example.com") => ({ email, password: "not the password", ip });

describe("sign-in throttling", () => {
  it("locks an account after 5 failures within 15 minutes, even for the right password, until the window passes", async () => {
    const ctx = await context();
    await makeUser(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await appErrorOf(signIn(ctx, wrong(`192.0.2.${i + 10}`)))).code).toBe("invalid_credentials");
      ctx.clock.advance(MINUTE);
    }
    const refused = await appErrorOf(signInAda(ctx, { ip: "198.51.100.1" }));
    expect(refused.code).toBe("rate_limited");
    // The first failure was 5 minutes ago: the lock lifts when it leaves the 15-minute window.
    expect(refused.retryAfterSeconds).toBe(10 * 60);
    expect(refused.message).toBe("Too many failed sign-in attempts. Try again in 10 minutes.");
    expect(await countRows(ctx, "sessions")).toBe(0);

    ctx.clock.advance(THROTTLE_WINDOW_MINUTES * MINUTE);
    expect((await signInAda(ctx)).user.email).toBe("ada@example.com");
  });

  it("lets in a client that waits retryAfterSeconds after a refusal", async () => {
    const ctx = await context();
    await makeUser(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await appErrorOf(signIn(ctx, wrong()));
    ctx.clock.advance(10 * MINUTE);
    const refused = await appErrorOf(signInAda(ctx));
    expect(refused.retryAfterSeconds).toBe(5 * 60);
    ctx.clock.advance((refused.retryAfterSeconds ?? 0) * 1000);
    expect((await signInAda(ctx)).user.email).toBe("ada@example.com");
  });

  it("records refused attempts as failures, so a client hammering during the lock stays locked", async () => {
    const ctx = await context();
    await makeUser(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await appErrorOf(signIn(ctx, wrong()));
    ctx.clock.advance(10 * MINUTE);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await appErrorOf(signInAda(ctx))).code).toBe("rate_limited");
    }
    ctx.clock.advance(5 * MINUTE);
    const stillLocked = await appErrorOf(signInAda(ctx));
    expect(stillLocked.code).toBe("rate_limited");
    expect(stillLocked.retryAfterSeconds).toBe(10 * 60);
    expect(await countRows(ctx, "login_attempts")).toBe(2 * MAX_FAILURES_PER_EMAIL + 1);
  });

  it("starts the account count afresh after a successful sign-in", async () => {
    const ctx = await context();
    await makeUser(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await appErrorOf(signIn(ctx, wrong()));
    await signInAda(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await appErrorOf(signIn(ctx, wrong()));
    expect((await signInAda(ctx)).user.email).toBe("ada@example.com");
  });

  it("locks an IP after 20 failures across any emails, while other IPs still get in", async () => {
    const ctx = await context();
    await makeUser(ctx);
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const error = await appErrorOf(signIn(ctx, wrong("203.0.113.9", `guess${i}@example.com`)));
      expect(error.code).toBe("invalid_credentials");
    }
    const refused = await appErrorOf(signInAda(ctx, { ip: "203.0.113.9" }));
    expect(refused.code).toBe("rate_limited");
    expect(refused.retryAfterSeconds).toBe(THROTTLE_WINDOW_MINUTES * 60);
    expect((await signInAda(ctx, { ip: "192.0.2.1" })).user.email).toBe("ada@example.com");

    ctx.clock.advance(THROTTLE_WINDOW_MINUTES * MINUTE);
    expect((await signInAda(ctx, { ip: "203.0.113.9" })).user.email).toBe("ada@example.com");
  });

  it("counts unknown emails too, so probing for accounts is throttled the same way", async () => {
    const ctx = await context();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await appErrorOf(signIn(ctx, wrong("192.0.2.1", "ghost@example.com")));
    expect((await appErrorOf(signIn(ctx, { ...wrong(), email: "ghost@example.com", password: PASSWORD }))).code).toBe("rate_limited");
  });
});
