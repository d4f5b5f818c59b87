import type { FastifyInstance } from "fastify";
import { AppError } from "../errors/app-error.js";

/**
 * JSON bodies: invalid JSON is `invalid_json`; a `__proto__` key, or `constructor.prototype`,
 * is `forbidden_key` (prototype-pollution attempts get their own code, not a generic parse
 * error). The key walk only runs when the raw text mentions one of those names.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(new AppError("invalid_json", "The JSON body is empty."), undefined);
      return;
    }
    try {
      const suspicious = text.includes("__proto__") || text.includes("constructor");
      done(null, suspicious ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text));
    } catch (e) {
      done(e instanceof AppError ? e : new AppError("invalid_json", `The body is not valid JSON: ${(e as Error).message}`), undefined);
    }
  });
}

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (key === "__proto__") throw forbidden("__proto__");
  if (key === "constructor" && value !== null && typeof value === "object" && "prototype" in value) {
    throw forbidden("constructor.prototype");
  }
  return value;
}

const forbidden = (key: string) =>
  new AppError("forbidden_key", `The body contains the forbidden key ${key}.`, { details: { key } });
