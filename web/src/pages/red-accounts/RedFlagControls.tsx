import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { afterHealthInput, type HealthView } from "@/pages/health/api";
import { formatScore } from "@/pages/health/HealthBadge";
import { clearRedFlag, openTrackerQuery, REASON_MAX, redKeys, redRoles, setRedFlag } from "@/pages/red-accounts/api";

interface RedFlagControlsProps {
  accountId: string;
  accountName: string;
  redFlag: HealthView["redFlag"];
}

/** S3 on the account page: the link to the open tracker, and "Mark red…" / "Clear red flag…" for the account team. */
export function RedFlagControls({ accountId, accountName, redFlag }: RedFlagControlsProps) {
  const session = useSession();
  const canFlag = redRoles.write.has(session?.user.role ?? "");
  const tracker = useQuery(openTrackerQuery(accountId));
  const [dialog, setDialog] = useState<"set" | "clear" | null>(null);
  const open = tracker.data?.items[0];
  const flagged = redFlag !== null && redFlag !== undefined;
  return (
    <Group gap="sm">
      {open ? (
        <AnchorLink to="/red-accounts/$trackerId" params={{ trackerId: open.id }} size="sm">
          Red-account tracker
        </AnchorLink>
      ) : null}
      {canFlag ? (
        <Button size="xs" variant="light" color={flagged ? "gray" : "red"} onClick={() => setDialog(flagged ? "clear" : "set")}>
          {flagged ? "Clear red flag…" : "Mark red…"}
        </Button>
      ) : null}
      {dialog ? <RedFlagDialog mode={dialog} accountId={accountId} accountName={accountName} current={redFlag?.reason ?? null} onClose={() => setDialog(null)} /> : null}
    </Group>
  );
}

interface RedFlagDialogProps {
  mode: "set" | "clear";
  accountId: string;
  accountName: string;
  current: string | null;
  onClose: () => void;
}

function RedFlagDialog({ mode, accountId, accountName, current, onClose }: RedFlagDialogProps) {
  const queryClient = useQueryClient();
  const form = useForm<{ reason: string }>(
    { reason: "" },
    { reason: (v) => (v.trim() === "" ? "Say why." : v.trim().length > REASON_MAX ? `At most ${REASON_MAX} characters.` : null) },
  );
  const save = useMutation({
    mutationFn: () => (mode === "set" ? setRedFlag(accountId, form.values.reason.trim()) : clearRedFlag(accountId, form.values.reason.trim())),
    onSuccess: async (health) => {
      notifySuccess(
        mode === "set" ? `${accountName} marked red` : "Red flag cleared",
        mode === "set"
          ? "The red-account tracker is open; #red-accounts and the account team are told."
          : `Health is ${health.band ?? "unscored"} (${formatScore(health.score)}) again${health.band === "red" ? "; the tracker stays open while the score is red" : ""}.`,
      );
      onClose();
      await Promise.all([afterHealthInput(queryClient, accountId, health), queryClient.invalidateQueries({ queryKey: redKeys.all })]);
    },
    onError: (e) => form.applyApiError(e, mode === "set" ? "The account was not marked red." : "The red flag was not cleared."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  return (
    <Modal opened onClose={save.isPending ? () => undefined : onClose} title={mode === "set" ? `Mark ${accountName} red` : `Clear the red flag of ${accountName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {mode === "set"
              ? "The account's health band becomes red whatever its score, until the flag is cleared. If it was not red yet, a red-account tracker opens, a message goes to #red-accounts and its AE, CE and TA are emailed."
              : `Marked red because: ${current ?? "—"}. Clearing the flag lets the score decide the band again; when that is yellow or green the tracker resolves.`}
          </Text>
          <Textarea
            label={mode === "set" ? "Why is it red?" : "Why clear it?"}
            placeholder={mode === "set" ? "e.g. Our champion left the company" : "e.g. New champion in place and usage back up"}
            required
            data-autofocus
            autosize
            minRows={2}
            maxRows={6}
            value={form.values.reason}
            onChange={(e) => form.setField("reason", e.currentTarget.value)}
            error={form.errorOf("reason")}
          />
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" color={mode === "set" ? "red" : undefined} loading={save.isPending}>
              {mode === "set" ? "Mark red" : "Clear red flag"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
