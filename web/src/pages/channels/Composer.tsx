import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isApiError } from "@/platform/api";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { postMessage, refreshChannel } from "@/pages/channels/api";
import { tones } from "@/theme";

const MAX = 4000;

/** Post to the channel; the same 1–4000 character rule as the API, checked as you type. */
export function Composer({ channelId, channelName, mirrored }: { channelId: string; channelName: string; mirrored: boolean }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const trimmed = text.trim();
  const clientError = trimmed.length === 0 ? "Write a message first." : trimmed.length > MAX ? `At most ${MAX} characters (now ${trimmed.length}).` : null;

  const post = useMutation({
    mutationFn: () => postMessage(channelId, trimmed),
    onSuccess: async () => {
      setText("");
      setTouched(false);
      notifySuccess(`Posted to ${channelName}`, mirrored ? "It will appear in Slack once delivered." : undefined);
      await refreshChannel(queryClient, channelId);
    },
    onError: (error) => {
      const issue = isApiError(error) ? error.issues.find((i) => i.path.includes("text")) : undefined;
      if (issue) setServerError(issue.message);
      else notifyError(error, `post to ${channelName}`);
    },
  });

  const submit = () => {
    setTouched(true);
    if (clientError === null) post.mutate();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap={6}>
        <Textarea
          label={`Message ${channelName}`}
          placeholder="Write a message… (Ctrl+Enter to post)"
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          error={serverError ?? (touched && text !== "" ? clientError : null) ?? undefined}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setServerError(null);
            setTouched(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group justify="space-between">
          <Text size="xs" c={trimmed.length > MAX ? tones.danger : "dimmed"}>
            {trimmed.length}/{MAX}
          </Text>
          <Button type="submit" size="xs" loading={post.isPending} disabled={clientError !== null}>
            Post message
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
