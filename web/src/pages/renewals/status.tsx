import { Badge, Text } from "@mantine/core";
import type { StatusStyle } from "@/platform/status-colors";
import { tones } from "@/theme";

/**
 * Renewal and Lighthouse statuses. Same tones as the app's one status map
 * (platform/status-colors.ts): a red rating looks like a red health band.
 */
const RENEWAL_STYLES = {
  rating: {
    green: { label: "Green", tone: "success", meaning: "R2: on track; monitored." },
    yellow: { label: "Yellow", tone: "warning", meaning: "R2: at risk; enters the Lighthouse save program." },
    red: { label: "Red", tone: "danger", meaning: "R2: likely to churn; enters the Lighthouse save program." },
    unrated: { label: "Not rated", tone: "neutral", meaning: "R1: the Health Assessment has no rating yet." },
  },
  review: {
    pending: { label: "Review pending", tone: "progress", meaning: "Rated; waiting for a manager's review." },
    approved: { label: "Approved", tone: "success", meaning: "A manager approved the rating." },
    changes_requested: { label: "Changes requested", tone: "warning", meaning: "A manager asked for changes to the assessment or rating." },
  },
  renewal: {
    open: { label: "Open", tone: "info", meaning: "R1: the cycle is open; rate, review and project it." },
    processed: { label: "Processed", tone: "muted", meaning: "R5: the renewal was processed; the account has its new contract." },
  },
  lighthouse: {
    active: { label: "Lighthouse", tone: "danger", meaning: "In the Lighthouse save program: weekly updates until leadership exits it." },
    exited: { label: "Exited Lighthouse", tone: "muted", meaning: "Left the Lighthouse save program (criteria met)." },
  },
} as const satisfies Record<string, Record<string, StatusStyle>>;

export type RenewalStatusDomain = keyof typeof RENEWAL_STYLES;

export function renewalStyle(domain: RenewalStatusDomain, status: string): StatusStyle {
  const styles: Record<string, StatusStyle> = RENEWAL_STYLES[domain];
  return styles[status] ?? { label: status, tone: "neutral", meaning: status };
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
