import { Badge, Text } from "@mantine/core";
import { statusStyle, type StatusDomain, type StatusStyle } from "@/platform/status-colors";
import { tones } from "@/theme";

/** Renewal and Lighthouse pills, from the app's one status map (platform/status-colors.ts). */
const DOMAINS = { rating: "renewalRating", review: "renewalReview", renewal: "renewal", lighthouse: "lighthouse" } as const satisfies Record<string, StatusDomain>;

export type RenewalStatusDomain = keyof typeof DOMAINS;

export function renewalStyle(domain: RenewalStatusDomain, status: string): StatusStyle {
  return statusStyle(DOMAINS[domain], status);
}

export function RenewalPill({ domain, status, size = "sm" }: { domain: RenewalStatusDomain; status: string; size?: "xs" | "sm" | "md" }) {
  const style = renewalStyle(domain, status);
  return (
    <Badge color={tones[style.tone]} variant="light" size={size} radius="sm" title={style.meaning} style={{ textTransform: "none" }}>
      {style.label}
    </Badge>
  );
}

/** The rating, or "Not rated". */
export function RatingPill({ rating, size = "sm" }: { rating: string | null; size?: "xs" | "sm" | "md" }) {
  return <RenewalPill domain="rating" status={rating ?? "unrated"} size={size} />;
}

/** The review state of a rating: nothing to review, pending, approved or changes requested. */
export function ReviewPill({ rating, decision, size = "sm" }: { rating: string | null; decision: string | null; size?: "xs" | "sm" | "md" }) {
  if (!rating) {
    return (
      <Text span size="xs" c="dimmed">
        —
      </Text>
    );
  }
  return <RenewalPill domain="review" status={decision ?? "pending"} size={size} />;
}
