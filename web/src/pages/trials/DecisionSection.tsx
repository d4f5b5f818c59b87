import { Button, Group, NumberInput, Radio, Stack, Text, Textarea, Tooltip } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { Section } from "@/platform/ui/Section";
import { recordDecision, refreshTrials, trialRoles, type TrialDecision, type TrialView } from "@/pages/trials/api";

const MAX_DAYS = 365;
const MAX_NOTE = 2000;
const DEFAULT_EXTENSION = 30;

type Values = { decision: TrialDecision | ""; days: number | string; note: string };

/** T10: extend by N days, convert (PQLs only, T11) or terminate a running or ended trial. */
export function DecisionSection({ trial }: { trial: TrialView }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const form = useForm<Values>(
    { decision: "", days: DEFAULT_EXTENSION, note: "" },
    {
      decision: (v) => (v ? null : "Choose extend, convert or terminate."),
      days: (v, all) => {
        if (all.decision !== "extend") return null;
        const n = typeof v === "number" ? v : Number(v);
        return Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? null : `Whole days from 1 to ${MAX_DAYS}.`;
      },
      note: (v) => (v.trim().length > MAX_NOTE ? `At most ${MAX_NOTE} characters.` : null),
    },
  );
  const decide = useMutation({
    mutationFn: () => {
      const decision = form.values.decision as TrialDecision;
      const note = form.values.note.trim();
      return recordDecision(trial.id, {
        decision,
        ...(decision === "extend" ? { days: Number(form.values.days) } : {}),
        ...(note ? { note } : {}),
      });
    },
    onSuccess: async () => {
      const d = form.values.decision;
      notifySuccess(
        d === "extend" ? `Trial extended by ${form.values.days} days` : d === "convert" ? "Trial converted" : "Trial terminated",
        d === "terminate" ? `The instance is shut down and ${trial.adminEmail} is emailed.` : undefined,
      );
      setConfirming(false);
      form.reset();
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => {
      setConfirming(false);
      form.applyApiError(e, "The decision was not recorded.");
    },
  });

  if (trial.state !== "running" && trial.state !== "ended") return null;
  if (!session || !trialRoles.decide.has(session.user.role)) return null;
  const isPql = trial.leadStatusKey === "pql";
  const submit = () => {
    if (!form.validate()) return;
    if (form.values.decision === "terminate") setConfirming(true);
    else decide.mutate();
  };

  return (
    <Section title="Decision">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm" maw={560}>
          <Text size="sm" c="dimmed">
            {trial.state === "ended"
              ? "The trial has ended: record what happens next. A missing decision escalates."
              : "Decide early if the outcome is already clear."}
          </Text>
          <Radio.Group
            label="Decision"
            value={form.values.decision}
            onChange={(v) => form.setField("decision", v as TrialDecision)}
            error={form.errorOf("decision")}
          >
            <Group gap="lg" mt={4}>
              <Radio value="extend" label="Extend" />
              <Tooltip label="Only PQLs convert (T11)" disabled={isPql} withArrow>
                <span>
                  <Radio value="convert" label="Convert" disabled={!isPql} aria-description={isPql ? undefined : "Only PQLs convert (T11)"} />
                </span>
              </Tooltip>
              <Radio value="terminate" label="Terminate" />
            </Group>
          </Radio.Group>
          {form.values.decision === "extend" ? (
            <NumberInput
              label="Days to add"
              min={1}
              max={MAX_DAYS}
              allowDecimal={false}
              w={160}
              value={form.values.days}
              onChange={(v) => form.setField("days", v)}
              error={form.errorOf("days")}
            />
          ) : null}
          <Textarea label="Note (optional)" autosize minRows={2} {...form.text("note")} onChange={(e) => form.setField("note", e.currentTarget.value)} />
          {form.formError ? <Notice heading="Decision not recorded">{form.formError}</Notice> : null}
          <Group>
            <Button type="submit" loading={decide.isPending && !confirming}>
              Record decision
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Terminate ${trial.company}'s trial`}
        confirmLabel="Terminate trial"
        intent="danger"
        onConfirm={() => decide.mutate()}
        pending={decide.isPending}
      >
        The instance <b>{trial.instance?.slug ?? trial.slug}</b> is shut down and the admin, {trial.adminEmail}, is emailed that the
        trial has ended. This cannot be undone.
      </ConfirmDialog>
    </Section>
  );
}
