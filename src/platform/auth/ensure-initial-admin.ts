import type { AppContext } from "../app/context.js";
import { AppError, isAppError } from "../errors/app-error.js";
import { systemActor } from "../timeline/actor.js";
import { createUser } from "./create-user.js";
import { randomToken } from "./secrets.js";
import type { UserView } from "./user-view.js";

export interface EnsureInitialAdminOptions {
  /** Default: config.initialAdminEmail (TRELLIS_ADMIN_EMAIL). */
  email?: string | undefined;
  /** Default: "Administrator". */
  name?: string | undefined;
}

export interface InitialAdmin {
  user: UserView;
  /** Shown once (the CLI prints it); only its hash is stored. */
  password: string;
}

/**
 * On first start (no users at all) creates an admin with config.initialAdminEmail and a
 * random password, and returns it so the CLI can print it once. Otherwise returns null.
 * Safe when two processes start together: the loser of the race sees already_exists.
 */
export async function ensureInitialAdmin(
  ctx: AppContext,
  o: EnsureInitialAdminOptions = {},
): Promise<InitialAdmin | null> {
  const anyUser = await ctx.db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) return null;

  // 18 random bytes = 24 base64url characters (144 bits): well past the 12-character policy.
  const password = randomToken(18);
  try {
    const user = await createUser(ctx, {
      email: o.email ?? ctx.config.initialAdminEmail,
      name: o.name ?? "Administrator",
      role: "admin",
      password,
      actor: systemActor("first start"),
    });
    ctx.log.info({ email: user.email }, "initial admin created");
    return { user, password };
  } catch (e) {
    if (isAppError(e) && e.code === "already_exists") return null;
    if (isAppError(e) && e.code === "validation_failed" && o.email === undefined) {
      throw new AppError("validation_failed", `TRELLIS_ADMIN_EMAIL (initialAdminEmail): ${e.message}`, { cause: e });
    }
    throw e;
  }
}
