import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, ERROR_STATUS, isAppError, type ErrorCode } from "../errors/app-error.js";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface Issue {
  path: (string | number)[];
  message: string;
}

/** The one place where errors become HTTP responses: `{"error":{"code","message","details"}}`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const mapped = toAppError(err);
    if (mapped.status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code: mapped.code, msg: mapped.message }, "request refused");
    if (mapped.retryAfterSeconds !== undefined) reply.header("retry-after", String(mapped.retryAfterSeconds));
    const body: ErrorBody = { error: { code: mapped.code, message: mapped.message } };
    if (mapped.details !== undefined) body.error.details = mapped.details;
    return reply.status(mapped.status).send(body);
  });
}

/**
 * Unknown API paths get the JSON 404; with the web app served, other GETs get index.html
 * so the single-page app's deep links work.
 */
export function installNotFound(app: FastifyInstance, spa: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (spa && request.method === "GET" && !path.startsWith("/api/") && !path.includes(".")) {
      return reply.type("text/html").sendFile("index.html");
    }
    const body: ErrorBody = { error: { code: "not_found", message: `No route ${request.method} ${path}.` } };
    return reply.status(404).send(body);
  });
}

function toAppError(err: FastifyError): AppError {
  if (isAppError(err)) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues: Issue[] = err.validation.map((v) => {
      const where = (err.validationContext ?? "body") as string;
      const path = v.instancePath.split("/").filter(Boolean);
      return { path: [where, ...path], message: v.message ?? "is invalid" };
    });
    const first = issues[0];
    const message = first ? `${first.path.join(".")}: ${first.message}` : "The request is invalid.";
    return new AppError("validation_failed", message, { details: { issues } });
  }
  if (isResponseSerializationError(err)) {
    return new AppError("internal", "The server produced an invalid response.", { cause: err });
  }
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", "The request body is larger than this route accepts.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send the body as application/json.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("invalid_json", "The JSON body is empty.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("invalid_json", "The body is not valid JSON.");
    default:
      break;
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status) ?? "validation_failed";
    return new AppError(code, err.message);
  }
  return new AppError("internal", "Something went wrong on the server; the error is logged.", { cause: err });
}
