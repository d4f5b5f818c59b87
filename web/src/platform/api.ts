/**
 * The one way the app talks to the server: fetch with the session cookie, JSON in and out,
 * the CSRF header on every state-changing request, and every failure as an ApiError built
 * from the server's `{"error":{"code","message","details"}}` body.
 */

import { wallClockMs } from "@/platform/time";

export const API_BASE = "/api/v1";

export interface ValidationIssue {
  path: string[];
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds to wait before retrying (from Retry-After), or null. */
  readonly retryAfter: number | null;

  constructor(status: number, code: string, message: string, details: unknown = undefined, retryAfter: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  /** Field-level problems from a validation_failed answer (path without the "body" prefix). */
  get issues(): ValidationIssue[] {
    const raw = (this.details as { issues?: unknown } | null | undefined)?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((i: unknown) => {
      if (typeof i !== "object" || i === null) return [];
      const { path, message } = i as { path?: unknown; message?: unknown };
      if (typeof message !== "string") return [];
      const parts = Array.isArray(path) ? path.map(String) : [];
      const trimmed = parts[0] === "body" || parts[0] === "querystring" || parts[0] === "params" ? parts.slice(1) : parts;
      return [{ path: trimmed, message }];
    });
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;
let onUnauthenticated: ((error: ApiError) => void) | null = null;
let refreshCsrf: (() => Promise<string | null>) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once at start-up: what to do when any call says the session is gone. */
export function setUnauthenticatedHandler(handler: (error: ApiError) => void): void {
  onUnauthenticated = handler;
}

/** Called once at start-up: how to get a fresh CSRF token after a csrf_failed answer. */
export function setCsrfRefresher(refresher: () => Promise<string | null>): void {
  refreshCsrf = refresher;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Sign-in and the session probe handle 401 themselves. */
  skipUnauthenticatedHandler?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(path, options);
  } catch (e) {
    // A session renewed in another tab has a new CSRF token: fetch it and try once more.
    if (isApiError(e) && e.code === "csrf_failed" && refreshCsrf) {
      const fresh = await refreshCsrf();
      if (fresh) {
        csrfToken = fresh;
        return send<T>(path, options);
      }
    }
    throw e;
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (STATE_CHANGING.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(
      0,
      "network_error",
      "Couldn't reach the Trellis server. Check your connection, or whether the server is running, then retry.",
    );
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (response.ok) {
    if (text && json === undefined) {
      throw new ApiError(response.status, "bad_response", `The server answered ${method} ${path} with something that isn't JSON.`);
    }
    return json as T;
  }

  const error = toApiError(response, json);
  if (error.status === 401 && !options.skipUnauthenticatedHandler && onUnauthenticated) onUnauthenticated(error);
  throw error;
}

function toApiError(response: Response, json: unknown): ApiError {
  const body = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = typeof body?.code === "string" ? body.code : fallbackCode(response.status);
  const message =
    typeof body?.message === "string" && body.message
      ? body.message
      : `The server answered ${response.status} ${response.statusText || ""}`.trim() + ".";
  return new ApiError(response.status, code, message, body?.details, parseRetryAfter(response.headers.get("retry-after")));
}

function fallbackCode(status: number): string {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "request_failed";
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  if (Number.isFinite(at)) return Math.max(0, Math.ceil((at - wallClockMs()) / 1000));
  return null;
}

/** A sentence for the person: what failed, then what to do about it. */
export function describeError(error: unknown, what: string): { title: string; message: string; hint: string } {
  const title = `Couldn't ${what}`;
  if (!isApiError(error)) {
    return { title, message: error instanceof Error ? error.message : String(error), hint: "Reload the page and try again." };
  }
  let hint = "Try again. If it keeps failing, check the server logs.";
  if (error.status === 0) hint = "Check that the Trellis server is running and reachable, then retry.";
  else if (error.status === 403 && error.code === "csrf_failed") hint = "Reload the page and try again.";
  else if (error.status === 403) hint = "Your role doesn't allow this. Ask an admin if you need access.";
  else if (error.status === 404) hint = "It may have been removed, or the link is wrong.";
  else if (error.status === 409) hint = "Something changed meanwhile: refresh and check the current state.";
  else if (error.status === 429) hint = `Too many requests: wait${error.retryAfter ? ` ${error.retryAfter} s` : " a moment"}, then retry.`;
  else if (error.status >= 500) hint = "The server had a problem; the error is in its log. Retry in a moment.";
  return { title, message: error.message, hint };
}
