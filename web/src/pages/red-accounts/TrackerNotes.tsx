import { Button, Group, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, type FormEvent } from "react";
import { useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { Section } from "@/platform/ui/Section";
import { afterTrackerWrite, redKeys, TEXT_MAX, updateTracker, type RedAccountDetail } from "@/pages/red-accounts/api";

type Values = { currentState: string; businessNeeds: string };
const tooLong = (v: string) => (v.length > TEXT_MAX ? `At most ${TEXT_MAX.toLocaleString("en")} characters.` : null);

/** S3: what the AE and CE record: the account's current state and what they need from the business. */
export function TrackerNotes({ tracker, canEdit }: { tracker: RedAccountDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>({ currentState: tracker.currentState, businessNeeds: tracker.businessNeeds }, { currentState: tooLong, businessNeeds: tooLong });
  const { reset } = form;
  // Someone else saved meanwhile (or the page refetched): show what the server holds.
  useEffect(() => reset({ currentState: tracker.currentState, businessNeeds: tracker.businessNeeds }), [tracker.currentState, tracker.businessNeeds]);
  const save = useMutation({
    mutationFn: () => updateTracker(tracker.id, form.values),
    onSuccess: async (next) => {
      queryClient.setQueryData(redKeys.detail(tracker.id), next);
      notifySuccess("Saved", "Current state and needs are recorded on the tracker and the account's timeline.");
      await afterTrackerWrite(queryClient, tracker.account.id);
    },
    onError: (e) => form.applyApiError(e, "The notes were not saved."),
  });
  const dirty = form.values.currentState !== tracker.currentState || form.values.businessNeeds !== tracker.businessNeeds;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  const readOnly = !canEdit;
  return (
    <Section title="Current state and needs">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Textarea
              label="Current state"
              description="Where the account stands: usage, relationships, risks."
              placeholder={readOnly ? "Nothing recorded yet." : "e.g. Usage halved since the reorg; the new VP has not met us."}
              autosize
              minRows={4}
              maxRows={14}
              readOnly={readOnly}
              value={form.values.currentState}
              onChange={(e) => form.setField("currentState", e.currentTarget.value)}
              error={form.errorOf("currentState")}
            />
            <Textarea
              label="Business needs"
              description="What the team needs from the business: exec sponsor, product fixes, discounts."
              placeholder={readOnly ? "Nothing recorded yet." : "e.g. An exec sponsor call before the QBR."}
              autosize
              minRows={4}
              maxRows={14}
              readOnly={readOnly}
              value={form.values.businessNeeds}
              onChange={(e) => form.setField("businessNeeds", e.currentTarget.value)}
              error={form.errorOf("businessNeeds")}
            />
          </SimpleGrid>
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          {canEdit ? (
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {tracker.updatedBy ? `Last change by ${tracker.updatedBy}.` : "Not edited yet."}
              </Text>
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save state and needs
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Section>
  );
}
