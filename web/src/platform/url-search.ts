/**
 * Plain query strings (`?status=dead&channel=email`) instead of the router's JSON encoding,
 * so shared links stay readable and match what people type. Search values are strings.
 */
export function parseSearch(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  for (const [key, value] of params) out[key] = value;
  return out;
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, typeof value === "string" ? value : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A search value as a non-empty string, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** A search value if it is one of the allowed ones, or undefined. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
