import { Text, type TextProps } from "@mantine/core";
import { formatRelative, formatUtc, useNow } from "@/platform/time";

interface RelativeTimeProps extends TextProps {
  value: string | null | undefined;
  /** Shown when there is no time (e.g. "never", "—"). */
  empty?: string;
}

/** "3 days ago" with the exact UTC time on hover (title) and in the machine-readable dateTime. */
export function RelativeTime({ value, empty = "—", ...textProps }: RelativeTimeProps) {
  const now = useNow();
  if (!value) {
    return (
      <Text component="span" c="dimmed" inherit {...textProps}>
        {empty}
      </Text>
    );
  }
  return (
    <Text component="time" dateTime={value} title={formatUtc(value)} inherit {...textProps} style={{ whiteSpace: "nowrap" }}>
      {formatRelative(value, now)}
    </Text>
  );
}
