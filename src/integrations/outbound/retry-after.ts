/**
 * Parses an HTTP Retry-After header: delay-seconds ("120") or an HTTP-date. A date is measured
 * against the injected clock, so simulated time stays consistent. Returns undefined when the
 * header is absent or unreadable (the caller then uses its own backoff).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
