import { Code, ScrollArea } from "@mantine/core";
import { colors } from "@/theme";

interface JsonBlockProps {
  value: unknown;
  /** Accessible name ("Payload", "Data for entry 12"). */
  label: string;
  maxHeight?: number;
}

export function prettyJson(value: unknown): string {
  if (value === undefined) return "(none)";
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Pretty-printed JSON, scrollable, selectable, announced with its label. */
export function JsonBlock({ value, label, maxHeight = 360 }: JsonBlockProps) {
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto">
      <Code block aria-label={label} role="region" tabIndex={0} style={{ background: colors.codeBackground, fontSize: 12 }}>
        {prettyJson(value)}
      </Code>
    </ScrollArea.Autosize>
  );
}
