/**
 * Coded domain errors. Use cases throw AppError with a code from ERROR_STATUS; the HTTP layer
 * maps the code to a status in one place (http/error-handler.ts) and the CLI prints the message.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  forbidden_key: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_state: 409,
  /** T11: only product-qualified leads convert (and are claimed by an AE). */
  not_pql: 409,
  /** T11: another AE claimed the lead first. */
  already_claimed: 409,
  /** S3: clearing a red flag the account does not carry. */
  not_flagged: 409,
  /** S3: a resolved red-account tracker is closed to edits. */
  red_account_resolved: 409,
  /** R1–R5: the renewal was processed already (it is closed). */
  renewal_processed: 409,
  /** R1: a review needs a rating first. */
  renewal_not_rated: 409,
  /** X: the account is in an active Lighthouse program already. */
  lighthouse_active: 409,
  /** X: leadership exits Lighthouse when the success criteria are met, so there must be some. */
  success_criteria_missing: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  clock_not_simulated: 409,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  details?: unknown;
  /** Seconds a client should wait before retrying (429/503). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export const notFound = (what: string, id: string | number): AppError =>
  new AppError("not_found", `${what} ${id} was not found.`, { details: { what, id } });

/** 400 naming the field the way request validation does ({issues:[{path:["body",field],message}]}). */
export const invalidField = (field: string, problem: string, where: "body" | "query" = "body"): AppError =>
  new AppError("validation_failed", `${field}: ${problem}.`, { details: { issues: [{ path: [where, field], message: problem }] } });
