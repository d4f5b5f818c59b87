import { AppError } from "../errors/app-error.js";
import { secretsEqual } from "./secrets.js";

export interface VerifyCsrfOptions {
  /** The session's token (AuthenticatedSession.csrfToken). */
  expected: string;
  /** The request header's value as Fastify gives it (x-csrf-token). */
  provided: string | string[] | undefined;
}

/**
 * Throws csrf_failed unless the header carries the session's CSRF token. Call it for unsafe
 * methods on cookie-authenticated requests (API tokens are not sent automatically by browsers,
 * so they need no CSRF check). Pure: needs no context.
 */
export function verifyCsrf(o: VerifyCsrfOptions): void {
  const provided = typeof o.provided === "string" ? o.provided : "";
  if (provided === "" || !secretsEqual(provided, o.expected)) {
    throw new AppError("csrf_failed", "The request is missing a valid CSRF token. Reload the page and try again.");
  }
}
