import { useSyncExternalStore } from "react";

/**
 * Time display. Relative ("3 days ago") for reading, exact UTC for checking. "Now" is the
 * server's clock: with a simulated clock (demos, acceptance runs) the app's now is the
 * simulated instant, so "next attempt in 2 days" agrees with what the rules see.
 */

type Reference = { kind: "system" } | { kind: "simulated"; nowMs: number };

let reference: Reference = { kind: "system" };
let tick = 0;
const listeners = new Set<() => void>();

function emit(): void {
  tick += 1;
  for (const l of listeners) l();
}

/** Called when the clock endpoint answers. A simulated clock is frozen between advances. */
export function setClockReference(kind: string, nowIso: string): void {
  const nowMs = Date.parse(nowIso);
  const next: Reference = kind === "simulated" && Number.isFinite(nowMs) ? { kind: "simulated", nowMs } : { kind: "system" };
  const same =
    next.kind === reference.kind && (next.kind === "system" || (reference.kind === "simulated" && reference.nowMs === next.nowMs));
  if (same) return;
  reference = next;
  emit();
}

/**
 * The browser's wall clock, for what really is wall time: countdowns (Retry-After), toast
 * de-duplication. Everything shown relative to "now" uses nowMs() (the server's clock).
 */
export function wallClockMs(): number {
  // The one browser read of wall time; the lint rule guards the server's injected clock.
  // eslint-disable-next-line no-restricted-properties
  return Date.now();
}

export function nowMs(): number {
  return reference.kind === "simulated" ? reference.nowMs : wallClockMs();
}

let timer: ReturnType<typeof setInterval> | null = null;
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(emit, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Re-renders every 30 s and whenever the reference clock moves; returns now in ms. */
export function useNow(): number {
  useSyncExternalStore(subscribe, () => tick);
  return nowMs();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 days ago", "in 2 hours", "just now". */
export function formatRelative(iso: string, now: number = nowMs()): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return "unknown time";
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";
  for (const [unit, ms] of UNITS) {
    if (abs >= ms || unit === "second") {
      return relativeFormat.format(Math.round(diff / ms), unit);
    }
  }
  return "just now";
}

/** "2026-11-22 07:27:03 UTC": exact, unambiguous, sortable. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "2026-11-22 07:27 UTC", for badges where seconds are noise. */
export function formatUtcMinutes(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "1.2 s", "340 ms". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export const DURATION_UNITS = [
  { value: "h", label: "hours", ms: 3_600_000 },
  { value: "d", label: "days", ms: 86_400_000 },
  { value: "w", label: "weeks", ms: 7 * 86_400_000 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]["value"];

export function durationMs(amount: number, unit: DurationUnit): number {
  const found = DURATION_UNITS.find((u) => u.value === unit);
  return amount * (found?.ms ?? 0);
}

export function describeDuration(amount: number, unit: DurationUnit): string {
  const found = DURATION_UNITS.find((u) => u.value === unit);
  const label = found?.label ?? unit;
  return `${amount} ${amount === 1 ? label.replace(/s$/, "") : label}`;
}
