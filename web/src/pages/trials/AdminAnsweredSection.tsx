import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSession } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { recordAdminAnswer, refreshTrials, trialRoles, type TrialView } from "@/pages/trials/api";

/** T9: after the unused warning, the admin's answer keeps the trial from early termination. */
export function AdminAnsweredSection({ trial }: { trial: TrialView }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useForm<{ note: string }>({ note: "" }, { note: rules.required("A note on what the admin said", 2000) });
  const answer = useMutation({
    mutationFn: () => recordAdminAnswer(trial.id, form.values.note.trim()),
    onSuccess: async () => {
      notifySuccess("Answer recorded", "The trial will not be terminated early for being unused.");
      form.reset();
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => form.applyApiError(e, "The answer was not recorded."),
  });
  if (!trial.warningSentAt || trial.adminAnsweredAt || !["running", "ended"].includes(trial.state)) return null;
  if (!session || !trialRoles.adminAnswer.has(session.user.role)) return null;
  return (
    <Section title="Unused warning">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (form.validate()) answer.mutate();
        }}
      >
        <Stack gap="sm" maw={560}>
          <Text size="sm">
            The admin was warned <RelativeTime value={trial.warningSentAt} /> that the instance looks unused (T9). Without an answer it
            is terminated early. If they replied, record it here.
          </Text>
          <Textarea label="What the admin said" required autosize minRows={2} {...form.text("note")} onChange={(e) => form.setField("note", e.currentTarget.value)} />
          {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
          <Group>
            <Button type="submit" variant="light" loading={answer.isPending}>
              Admin answered
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
