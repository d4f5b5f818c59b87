import { StatusPill } from "@/platform/ui/StatusPill";
import type { SlackMirror } from "@/pages/channels/api";

/** The channel's Slack mirror state as a pill; a failure's reason on hover. */
export function SlackMirrorPill({ mirror, size = "sm" }: { mirror: SlackMirror; size?: "xs" | "sm" | "md" }) {
  return (
    <span title={mirror.error ?? undefined}>
      <StatusPill domain="slackMirror" status={mirror.state} size={size} />
    </span>
  );
}
