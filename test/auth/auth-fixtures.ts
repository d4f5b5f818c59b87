import { afterEach } from "vitest";
import { createTestContext, type TestContext, type TestContextOptions } from "../support/test-context.js";
import { createUser, type CreateUserOptions } from "../../src/platform/auth/create-user.js";
import { signIn, type SignInResult } from "../../src/platform/auth/sign-in.js";
import type { UserView } from "../../src/platform/auth/user-view.js";
import { AppError } from "../../src/platform/errors/app-error.js";
import { systemActor } from "../../src/platform/timeline/actor.js";

export const PASSWORD = "correct horse battery staple";
export const MINUTE = 60_000;

/**
 * One fresh context per test, closed afterwards. Call at the top of a test file; use the
 * returned function inside each test.
 */
export function useTestContext(): (options?: TestContextOptions) => Promise<TestContext> {
  let current: TestContext | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await createTestContext(options);
    return current;
  };
}

export async function makeUser(ctx: TestContext, o: Partial<CreateUserOptions> = {}): Promise<UserView> {
  return createUser(ctx, {
    email: "ada@example.com",
    name: "Ada Lovelace",
    role: "ce",
    password: PASSWORD,
    actor: systemActor("test"),
    ...o,
  });
}

export async function signInAda(ctx: TestContext, o: { previousSessionToken?: string; ip?: string } = {}): Promise<SignInResult> {
  return signIn(ctx, { email: "ada@example.com", password: PASSWORD, ip: o.ip ?? "192.0.2.1", userAgent: "vitest", ...o });
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError, but the call succeeded");
}

export async function countRows(
  ctx: TestContext,
  table: "users" | "sessions" | "api_tokens" | "login_attempts" | "audit_log",
): Promise<number> {
  const rows = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return Number(rows.n);
}
