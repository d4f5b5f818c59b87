import { z } from "zod";
import type { AppContext } from "../app/context.js";
import type { AppServer } from "../http/server.js";
import { SESSION_COOKIE } from "../http/access-hooks.js";
import { AppError } from "../errors/app-error.js";
import { signIn } from "./sign-in.js";
import { signOut } from "./sign-out.js";

/** Cookies are Secure when told so, or when the public URL is https. */
export const secureCookies = (ctx: AppContext): boolean =>
  ctx.config.secureCookies ?? (ctx.config.publicUrl?.startsWith("https://") ?? false);

export function sessionRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/session", { schema: { tags: ["session"], summary: "The signed-in person and the CSRF token for writes" } }, (req) => {
      const p = req.principal;
      if (!p?.user) throw new AppError("unauthenticated", "Not signed in.");
      return { user: p.user, csrfToken: p.csrfToken, via: p.via };
    });

    app.post(
      "/api/v1/session",
      {
        config: { csrf: false },
        bodyLimit: 8 * 1024,
        schema: {
          tags: ["session"],
          summary: "Sign in with email and password (sets the session cookie)",
          body: z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) }),
        },
      },
      async (req, reply) => {
        const result = await signIn(ctx, {
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers["user-agent"],
          previousSessionToken: req.cookies[SESSION_COOKIE],
          requestId: req.id,
        });
        reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: "lax",
          secure: secureCookies(ctx),
          path: "/",
          // Max-Age, not Expires: the browser's clock may differ from ours (simulated time),
          // and a relative lifetime means the same thing on both.
          maxAge: Math.max(0, Math.floor((result.expiresAt.getTime() - ctx.clock.now().getTime()) / 1000)),
        });
        const u = result.user;
        return { user: { id: u.id, email: u.email, name: u.name, role: u.role }, csrfToken: result.csrfToken, via: "session" };
      },
    );

    app.delete("/api/v1/session", { schema: { tags: ["session"], summary: "Sign out" } }, async (req, reply) => {
      await signOut(ctx, { token: req.cookies[SESSION_COOKIE], requestId: req.id });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    });
  };
}
