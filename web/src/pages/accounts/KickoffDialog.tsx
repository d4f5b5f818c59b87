import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { useForm } from "@/platform/form";
import { recordKickoff, type AccountDetail, type KickoffInput } from "@/pages/accounts/api";
import { addDays } from "@/pages/accounts/format";
import { useAccountsPack } from "@/pages/accounts/pack";
import { today, useAccountAction } from "@/pages/accounts/useAccountAction";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_HELP = 5000;

type Values = { kickoffOn: string; checkInCadence: string; onboardingHelp: string };

/** One training in the plan: picked or not, and its due day (by default kickoff + the pack's days). */
interface TrainingChoice {
  picked: boolean;
  /** A due day typed by hand; null follows the kickoff date. */
  dueOn: string | null;
}

/** H6: the kickoff's engagement plan; Trellis turns it into check-in, training and onboarding-help tasks. */
export function KickoffDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const pack = useAccountsPack();
  const plan = account.engagementPlan;
  const form = useForm<Values>(
    { kickoffOn: account.kickoffOn ?? today(), checkInCadence: plan?.checkInCadence ?? "", onboardingHelp: plan?.onboardingHelp ?? "" },
    {
      kickoffOn: (v) => (!v ? "The kickoff date is required." : DAY.test(v) ? null : "Enter a date like 2027-03-31."),
      checkInCadence: (v) => (v ? null : "Choose how often the TA checks in."),
      onboardingHelp: (v) => (v.length > MAX_HELP ? `At most ${MAX_HELP} characters.` : null),
    },
  );
  const [choices, setChoices] = useState<Record<string, TrainingChoice>>(() =>
    Object.fromEntries((plan?.trainings ?? []).map((t) => [t.name, { picked: true, dueOn: t.dueOn }])),
  );
  const kickoff = useAccountAction(account.id, (input: KickoffInput) => recordKickoff(account.id, input), {
    title: "Kickoff recorded",
    message: (a) => `The engagement plan of ${a.name} is in place; its tasks are on the board.`,
    onDone: onClose,
    onError: (e) => form.applyApiError(e, "The kickoff was not recorded."),
  });

  const trainings = pack.data?.kickoff.trainings ?? [];
  const cadences = pack.data?.kickoff.checkInCadences ?? [];
  const dueOf = (name: string, afterDays: number): string => choices[name]?.dueOn ?? (DAY.test(form.values.kickoffOn) ? addDays(form.values.kickoffOn, afterDays) : "");
  const badDue = trainings.find((t) => choices[t.name]?.picked && !DAY.test(dueOf(t.name, t.afterDays)));
  const set = (name: string, patch: Partial<TrainingChoice>) =>
    setChoices((c) => ({ ...c, [name]: { picked: c[name]?.picked ?? false, dueOn: c[name]?.dueOn ?? null, ...patch } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate() || badDue) return;
    const v = form.values;
    const picked = trainings.filter((t) => choices[t.name]?.picked).map((t) => ({ name: t.name, dueOn: dueOf(t.name, t.afterDays) }));
    kickoff.mutate({
      kickoffOn: v.kickoffOn,
      checkInCadence: v.checkInCadence,
      trainings: picked,
      ...(v.onboardingHelp.trim() ? { onboardingHelp: v.onboardingHelp.trim() } : {}),
    });
  };
  const cadence = cadences.find((c) => c.name === form.values.checkInCadence);

  return (
    <Modal opened onClose={kickoff.isPending ? () => undefined : onClose} title={`Record the kickoff of ${account.name}`} size="lg">
      {pack.isError ? (
        <ErrorState error={pack.error} what="load the cadences and trainings from the process pack" onRetry={() => void pack.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput label="Kickoff date" type="date" required data-autofocus {...form.text("kickoffOn")} />
              <NativeSelect
                label="Check-in cadence"
                required
                data={[{ value: "", label: pack.isPending ? "Loading…" : "Choose…" }, ...cadences.map((c) => ({ value: c.name, label: `${c.name} (every ${c.days} days)` }))]}
                value={form.values.checkInCadence}
                error={form.errorOf("checkInCadence")}
                onChange={(e) => form.setField("checkInCadence", e.currentTarget.value)}
              />
            </Group>
            <Table aria-label="Trainings" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Training</Table.Th>
                  <Table.Th scope="col">Due on</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trainings.map((t) => {
                  const picked = choices[t.name]?.picked ?? false;
                  const due = dueOf(t.name, t.afterDays);
                  return (
                    <Table.Tr key={t.name}>
                      <Table.Td>
                        <Checkbox label={t.name} checked={picked} onChange={(e) => set(t.name, { picked: e.currentTarget.checked })} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          type="date"
                          size="xs"
                          aria-label={`${t.name} due on`}
                          disabled={!picked}
                          value={due}
                          error={picked && !DAY.test(due) ? "Enter a due date." : undefined}
                          onChange={(e) => set(t.name, { dueOn: e.currentTarget.value })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Textarea
              label="Onboarding help"
              description="What the customer needs help with to onboard (becomes a task for the TA)."
              autosize
              minRows={2}
              maxRows={8}
              {...form.text("onboardingHelp")}
              onChange={(e) => form.setField("onboardingHelp", e.currentTarget.value)}
            />
            <Text size="sm" c="dimmed">
              Trellis creates a check-in task {cadence ? `every ${cadence.days} days` : "at the chosen cadence"} until the plan's horizon or the
              renewal, one task per training picked, and one for the onboarding help.
            </Text>
            {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={kickoff.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={kickoff.isPending} disabled={pack.isPending}>
                Record kickoff
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
