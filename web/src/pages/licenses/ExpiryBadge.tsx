import { Badge, Text } from "@mantine/core";
import { formatUtc } from "@/platform/time";
import { EXPIRING_SOON_DAYS, type License } from "@/pages/licenses/api";
import { tones } from "@/theme";

/**
 * "expires in 23 days"; amber within the X window (7 days), red once expired. The day count
 * comes from the server (its clock); the exact UTC instant is on hover.
 */
export function ExpiryBadge({ license }: { license: Pick<License, "expiresAt" | "expired" | "expiresInDays"> }) {
  const exact = formatUtc(license.expiresAt);
  const days = license.expiresInDays;
  if (license.expired) {
    const ago = Math.max(0, -days);
    return (
      <Badge color={tones.danger} variant="light" radius="sm" title={`Expired ${exact}`} style={{ textTransform: "none" }}>
        <time dateTime={license.expiresAt}>Expired{ago >= 1 ? ` ${ago} ${ago === 1 ? "day" : "days"} ago` : ""}</time>
      </Badge>
    );
  }
  const label = days <= 1 ? "Expires within a day" : `Expires in ${days} days`;
  if (days <= EXPIRING_SOON_DAYS) {
    return (
      <Badge color={tones.warning} variant="light" radius="sm" title={`Expires ${exact}: within ${EXPIRING_SOON_DAYS} days`} style={{ textTransform: "none" }}>
        <time dateTime={license.expiresAt}>{label}</time>
      </Badge>
    );
  }
  return (
    <Text component="time" dateTime={license.expiresAt} title={exact} size="sm" style={{ whiteSpace: "nowrap" }}>
      {label.replace("Expires", "expires")}
    </Text>
  );
}
