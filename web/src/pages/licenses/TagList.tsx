import { Badge, Group, Text } from "@mantine/core";

/** License tags as small badges; "—" when none. */
export function TagList({ tags, max }: { tags: string[]; max?: number }) {
  if (tags.length === 0) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const shown = max === undefined ? tags : tags.slice(0, max);
  const rest = tags.length - shown.length;
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((t) => (
        <Badge key={t} variant="default" size="xs" radius="sm" style={{ textTransform: "none" }}>
          {t}
        </Badge>
      ))}
      {rest > 0 ? (
        <Text span size="xs" c="dimmed" title={tags.slice(shown.length).join(", ")}>
          +{rest} more
        </Text>
      ) : null}
    </Group>
  );
}
