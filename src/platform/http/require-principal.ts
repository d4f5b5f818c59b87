import type { FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error.js";
import type { Principal } from "./principal.js";

/** The caller of a route whose access is not public (the access hook has already checked). */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("unauthenticated", "Sign in first.");
  return request.principal;
}
