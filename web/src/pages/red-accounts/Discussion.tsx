import { Button, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { addComment, afterTrackerWrite, TEXT_MAX, type RedAccountDetail } from "@/pages/red-accounts/api";

/** S3: the tracker's thread, oldest first; the account team and leadership post to it while it is open. */
export function Discussion({ tracker, canComment }: { tracker: RedAccountDetail; canComment: boolean }) {
  const queryClient = useQueryClient();
  const form = useForm<{ body: string }>(
    { body: "" },
    { body: (v) => (v.trim() === "" ? "Write a message first." : v.length > TEXT_MAX ? `At most ${TEXT_MAX.toLocaleString("en")} characters.` : null) },
  );
  const post = useMutation({
    mutationFn: () => addComment(tracker.id, form.values.body.trim()),
    onSuccess: async () => {
      form.reset();
      await afterTrackerWrite(queryClient, tracker.account.id);
    },
    onError: (e) => form.applyApiError(e, "The message was not posted."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) post.mutate();
  };
  return (
    <Section title="Discussion">
      <Stack gap="sm">
        {tracker.comments.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            No messages yet.{canComment ? " Ask for help, agree on owners, or post updates here; the thread stays with the tracker." : ""}
          </Text>
        ) : (
          <Stack gap="xs" component="ol" aria-label="Messages" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {tracker.comments.map((c) => (
              <Paper key={c.id} component="li" withBorder p="sm" radius="sm">
                <Group gap="xs" mb={4}>
                  <Text size="sm" fw={600}>
                    {c.author?.name ?? c.authorLabel}
                  </Text>
                  <RelativeTime value={c.createdAt} size="xs" c="dimmed" />
                </Group>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="trellis-break">
                  {c.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {canComment ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Textarea
                label="Message"
                autosize
                minRows={2}
                maxRows={10}
                value={form.values.body}
                onChange={(e) => form.setField("body", e.currentTarget.value)}
                error={form.errorOf("body")}
              />
              {form.formError ? <Notice heading="Not posted">{form.formError}</Notice> : null}
              <Group justify="flex-end">
                <Button type="submit" loading={post.isPending}>
                  Post message
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}
