import type { AppContext } from "../app/context.js";
import type { Authenticator, Principal } from "../http/principal.js";
import { actorFromToken, actorFromUser } from "./actors.js";
import { authenticateApiToken } from "./authenticate-api-token.js";
import { authenticateSession } from "./authenticate-session.js";

/** Adapts the auth use cases to the HTTP layer's Authenticator. */
export function createAuthenticator(ctx: AppContext): Authenticator {
  return {
    async fromSessionToken(token): Promise<Principal | null> {
      const auth = await authenticateSession(ctx, { token });
      if (!auth) return null;
      const user = { id: auth.user.id, email: auth.user.email, name: auth.user.name, role: auth.user.role };
      return {
        via: "session",
        role: user.role,
        actor: actorFromUser(user),
        user,
        csrfToken: auth.csrfToken,
        sessionToken: token,
      };
    },
    async fromApiToken(token): Promise<Principal | null> {
      const t = await authenticateApiToken(ctx, { token });
      if (!t) return null;
      return { via: "api_token", role: t.role, actor: actorFromToken(t), user: null, csrfToken: null, sessionToken: null };
    },
  };
}
