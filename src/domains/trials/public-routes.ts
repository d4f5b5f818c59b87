import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { createAccessRequest } from "./access-requests.js";
import { signupBody } from "./signup-input.js";
import { submitSignup } from "./submit-signup.js";

/** The signup form is small: 16 KB is far beyond any honest submission. */
const SIGNUP_BODY_LIMIT = 16 * 1024;

/** T1, T3: what a stranger can do without signing in. */
export function publicTrialRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/public/signup-form", { schema: { tags: ["trials"], summary: "The pack's optional signup fields (T1)" } }, async () => ({
      fields: ctx.packs.current().signup.fields,
    }));

    app.post(
      "/api/v1/public/signup",
      {
        bodyLimit: SIGNUP_BODY_LIMIT,
        schema: { tags: ["trials"], summary: "Request a cloud trial (T1); answers where the request stands", body: signupBody },
      },
      async (req, reply) => {
        const result = await submitSignup(ctx, { body: req.body, ip: req.ip });
        const status = result.outcome === "accepted" ? 202 : result.duplicate ? 200 : 201;
        return reply.status(status).send(result);
      },
    );

    app.post(
      "/api/v1/public/access-requests",
      {
        bodyLimit: SIGNUP_BODY_LIMIT,
        schema: {
          tags: ["trials"],
          summary: "Ask the admin of your company's instance for access (T3)",
          body: z.object({ requestId: z.uuid(), instanceId: z.uuid(), message: z.string().trim().max(2000).nullable().optional() }),
        },
      },
      async (req, reply) => reply.status(201).send(await createAccessRequest(ctx, req.body)),
    );
  };
}
