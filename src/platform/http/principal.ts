import type { Role } from "../pack/pack-schema.js";
import type { Actor } from "../timeline/actor.js";

/** Who is calling: a signed-in person (session cookie) or an API token. */
export interface Principal {
  via: "session" | "api_token";
  role: Role;
  actor: Actor;
  user: { id: string; email: string; name: string; role: Role } | null;
  /** Session principals only: the token the state-changing request must echo (x-csrf-token). */
  csrfToken: string | null;
  /** Session principals only: the raw session token, to rotate or revoke it. */
  sessionToken: string | null;
}

/** Resolves credentials to principals; implemented by platform/auth, injected into the server. */
export interface Authenticator {
  fromSessionToken(token: string): Promise<Principal | null>;
  fromApiToken(token: string): Promise<Principal | null>;
}

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}
