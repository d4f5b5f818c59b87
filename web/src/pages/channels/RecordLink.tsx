import { Anchor, Text, type TextProps } from "@mantine/core";
import { useRouter } from "@tanstack/react-router";
import type { MouseEvent } from "react";
import { recordHref, subjectLabel, type SubjectRef } from "@/pages/channels/api";

/**
 * A link to the record a channel or message is about. Record pages (leads, trials) are built
 * by other areas, so the path is a plain href navigated through the router (no typed route).
 */
export function RecordLink({ subject, size = "sm" }: { subject: SubjectRef; size?: TextProps["size"] }) {
  const router = useRouter();
  const href = recordHref(subject);
  if (!href) {
    return (
      <Text size={size} c="dimmed" span>
        {subjectLabel(subject)}
      </Text>
    );
  }
  const go = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    void router.navigate({ href });
  };
  return (
    <Anchor href={href} onClick={go} size={size} title={`${subject.type} ${subject.id}`}>
      {subjectLabel(subject)}
    </Anchor>
  );
}
