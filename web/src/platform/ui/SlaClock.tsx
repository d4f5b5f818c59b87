import { Badge, VisuallyHidden } from "@mantine/core";
import { statusStyle } from "@/platform/status-colors";
import { formatUtc } from "@/platform/time";
import { tones } from "@/theme";

export type SlaState = "ok" | "amber" | "red" | "met" | "missed";

interface SlaClockProps {
  state: SlaState;
  /** Working time left until due (negative: working time overdue); from the server's slaClock. */
  workingMsLeft: number;
  /** What the SLA is about, for the accessible name and tooltip ("Provisioning SLA"). */
  what?: string;
  /** ISO due time, shown exactly on hover. */
  dueAt?: string | null;
  size?: "xs" | "sm" | "md";
}

const MINUTE = 60_000;

/** "42m", "3h 20m", "14h" (working time: days of working time differ per calendar, so hours). */
export function formatWorkingTime(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours >= 10 || rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

/** The badge text: "42m left", "3h overdue", "met", "missed". */
export function slaLabel(state: SlaState, workingMsLeft: number): string {
  switch (state) {
    case "met":
      return "met";
    case "missed":
      return "missed";
    case "red":
      return workingMsLeft < 0 ? `${formatWorkingTime(workingMsLeft)} overdue` : "overdue";
    case "ok":
    case "amber":
      return `${formatWorkingTime(Math.max(0, workingMsLeft))} left`;
  }
}

/**
 * An SLA clock as a badge: green with time to spare, amber under a quarter of the allowed
 * working time, red once overdue; met/missed when done. Times are working time on the
 * business calendar (nights and weekends do not count), which the tooltip says.
 */
export function SlaClock({ state, workingMsLeft, what = "SLA", dueAt, size = "sm" }: SlaClockProps) {
  const style = statusStyle("sla", state);
  const label = slaLabel(state, workingMsLeft);
  const due = dueAt ? ` Due ${formatUtc(dueAt)}.` : "";
  // Said aloud, the colour needs words too; "met" and "3h overdue" already say it.
  const spoken = state === "ok" || state === "amber" ? ` (${style.label.toLowerCase()})` : "";
  return (
    <Badge
      color={tones[style.tone]}
      variant={state === "red" ? "filled" : "light"}
      size={size}
      radius="sm"
      title={`${what}: ${style.meaning} Working time only.${due}`}
      style={{ textTransform: "none", fontVariantNumeric: "tabular-nums" }}
    >
      <VisuallyHidden>{what}: </VisuallyHidden>
      {label}
      {spoken ? <VisuallyHidden>{spoken}</VisuallyHidden> : null}
    </Badge>
  );
}
