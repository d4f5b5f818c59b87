import { Badge } from "@mantine/core";
import { statusStyle, type StatusDomain } from "@/platform/status-colors";
import { tones } from "@/theme";

interface StatusPillProps {
  domain: StatusDomain;
  status: string;
  size?: "xs" | "sm" | "md";
}

/** A status as a coloured pill; colours come only from status-colors.ts. */
export function StatusPill({ domain, status, size = "sm" }: StatusPillProps) {
  const style = statusStyle(domain, status);
  return (
    <Badge color={tones[style.tone]} variant="light" size={size} radius="sm" title={style.meaning} style={{ textTransform: "none" }}>
      {style.label}
    </Badge>
  );
}
