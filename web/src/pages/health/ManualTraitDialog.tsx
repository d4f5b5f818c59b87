import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Switch, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { healthTraitDef, useAccountsPack } from "@/pages/accounts/pack";
import { afterHealthInput, setManualTrait, type ChampionCriteria, type HealthGrade, type ManualTrait, type TraitScore, type TraitValue } from "@/pages/health/api";
import { formatScore } from "@/pages/health/HealthBadge";

export const GRADE_OPTIONS: { value: HealthGrade; label: string }[] = [
  { value: "healthy", label: "Healthy" },
  { value: "concerning", label: "Concerning" },
  { value: "poor", label: "Poor" },
];
const NOTE_MAX = 2000;

interface ManualTraitDialogProps {
  accountId: string;
  accountName: string;
  trait: TraitScore;
  /** What a person set last (value, note, who, when), if anyone did. */
  current: ManualTrait | undefined;
  onClose: () => void;
}

type Values = { value: TraitValue; note: string };

function initialValue(trait: TraitScore, current: ManualTrait | undefined, criteria: { key: string }[]): TraitValue {
  const v = current?.value ?? trait.value;
  switch (trait.kind) {
    case "grade":
      return typeof v === "string" ? v : null;
    case "boolean":
      return typeof v === "boolean" ? v : false;
    case "champion": {
      const held = v !== null && typeof v === "object" ? v : {};
      return Object.fromEntries(criteria.map((c) => [c.key, held[c.key] === true]));
    }
    case "number":
      return typeof v === "number" ? v : null;
  }
}

/** Sets one manual trait (S1 pulse, S4 champion, access to buyer); the answer is the recomputed score. */
export function ManualTraitDialog({ accountId, accountName, trait, current, onClose }: ManualTraitDialogProps) {
  const queryClient = useQueryClient();
  const pack = useAccountsPack();
  const def = healthTraitDef(pack.data, trait.key);
  // The pack names the criteria; without it (an older server) the keys already set still show.
  const criteria = def?.criteria ?? Object.keys((current?.value as ChampionCriteria | null) ?? {}).map((key) => ({ key, label: key }));
  const form = useForm<Values>(
    { value: initialValue(trait, current, criteria), note: current?.note ?? "" },
    {
      value: (v) => {
        if (trait.kind === "grade" && typeof v !== "string") return "Choose a grade.";
        if (trait.kind === "number" && (typeof v !== "number" || !Number.isFinite(v))) return "Enter a number.";
        return null;
      },
      note: (v) => (v.length > NOTE_MAX ? `Note must be at most ${NOTE_MAX} characters long.` : null),
    },
  );
  const save = useMutation({
    mutationFn: () => setManualTrait(accountId, trait.key, form.values.value, form.values.note.trim() || null),
    onSuccess: async (health) => {
      notifySuccess(`${trait.label} saved`, `Health score now ${formatScore(health.score)}${health.band ? ` (${health.band})` : ""}.`);
      onClose();
      await afterHealthInput(queryClient, accountId, health);
    },
    onError: (e) => form.applyApiError(e, `${trait.label} was not saved.`),
  });
  // value null clears the trait: it counts as missing data again.
  const clear = useMutation({
    mutationFn: () => setManualTrait(accountId, trait.key, null, form.values.note.trim() || null),
    onSuccess: async (health) => {
      notifySuccess(`${trait.label} cleared`, `It counts as missing data now; health score ${formatScore(health.score)}.`);
      onClose();
      await afterHealthInput(queryClient, accountId, health);
    },
    onError: (e) => form.applyApiError(e, `${trait.label} was not cleared.`),
  });
  const pending = save.isPending || clear.isPending;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  const v = form.values.value;

  let input;
  switch (trait.kind) {
    case "grade":
      input = (
        <Select
          label={trait.label}
          required
          data-autofocus
          data={GRADE_OPTIONS}
          value={typeof v === "string" ? v : null}
          onChange={(g) => form.setField("value", (g as HealthGrade | null) ?? null)}
          error={form.errorOf("value")}
          allowDeselect={false}
        />
      );
      break;
    case "boolean":
      input = (
        <Switch
          label={trait.label}
          checked={v === true}
          onChange={(e) => form.setField("value", e.currentTarget.checked)}
          error={form.errorOf("value")}
          description="On: healthy. Off: poor."
        />
      );
      break;
    case "champion": {
      const held = v !== null && typeof v === "object" ? v : {};
      input = (
        <Checkbox.Group
          label={`${trait.label}: which criteria hold?`}
          description="S4: the champion counts only when every criterion holds."
          value={criteria.filter((c) => held[c.key] === true).map((c) => c.key)}
          onChange={(keys) => form.setField("value", Object.fromEntries(criteria.map((c) => [c.key, keys.includes(c.key)])))}
          error={form.errorOf("value")}
        >
          <Stack gap={6} mt={6}>
            {criteria.map((c) => (
              <Checkbox key={c.key} value={c.key} label={c.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
      break;
    }
    case "number":
      input = (
        <NumberInput
          label={trait.label}
          required
          data-autofocus
          value={typeof v === "number" ? v : ""}
          onChange={(n) => form.setField("value", typeof n === "number" ? n : null)}
          error={form.errorOf("value")}
        />
      );
      break;
  }

  return (
    <Modal opened onClose={pending ? () => undefined : onClose} title={`${trait.label} for ${accountName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {def?.description ? (
            <Text size="sm" c="dimmed">
              {def.description}
            </Text>
          ) : null}
          {input}
          <Textarea label="Note" description="Why: shown with the trait and kept in the history." autosize minRows={2} maxRows={6} {...form.text("note")} onChange={(e) => form.setField("note", e.currentTarget.value)} />
          <Text size="xs" c="dimmed">
            Saving recomputes the account&apos;s health score at once; a change of band is recorded on the timeline.
          </Text>
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            {current ? (
              <Button variant="subtle" color="red" mr="auto" onClick={() => clear.mutate()} loading={clear.isPending} disabled={save.isPending}>
                Clear {trait.label.toLowerCase()}
              </Button>
            ) : null}
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={clear.isPending}>
              Save {trait.label.toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
