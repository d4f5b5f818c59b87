import { NativeSelect, Textarea } from "@mantine/core";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { ErrorState } from "@/platform/ui/ErrorState";
import { useForm } from "@/platform/form";
import { clearStageOverride, overrideStage, type AccountDetail } from "@/pages/accounts/api";
import { stageNames, useAccountsPack } from "@/pages/accounts/pack";
import { useAccountAction } from "@/pages/accounts/useAccountAction";

const MAX_REASON = 1000;

/** A manual stage: kept (with who and why) until cleared; the automatic rules pause meanwhile. */
export function OverrideStageDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const pack = useAccountsPack();
  const form = useForm(
    { stage: account.stageOverride?.stage ?? "", reason: "" },
    {
      stage: (v: string) => (v ? null : "Choose a stage."),
      reason: (v: string) => (!v.trim() ? "Say why: it shows in the stage history." : v.length > MAX_REASON ? `At most ${MAX_REASON} characters.` : null),
    },
  );
  const override = useAccountAction(account.id, (v: { stage: string; reason: string }) => overrideStage(account.id, v.stage, v.reason), {
    title: "Stage set by hand",
    message: (a) => `${a.name} is in ${a.stage ?? form.values.stage} until the override is cleared.`,
    onDone: onClose,
    onError: (e) => form.applyApiError(e, "The stage was not changed."),
  });
  const stages = stageNames(pack.data);
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Override the stage of ${account.name}`}
      confirmLabel="Override stage"
      onConfirm={() => {
        if (form.validate()) override.mutate({ stage: form.values.stage, reason: form.values.reason.trim() });
      }}
      pending={override.isPending}
      error={form.formError ? new Error(form.formError) : null}
      confirmDisabled={pack.isError}
      extra={
        pack.isError ? (
          <ErrorState error={pack.error} what="load the stages from the process pack" onRetry={() => void pack.refetch()} />
        ) : (
          <>
            <NativeSelect
              label="Stage"
              required
              data={[{ value: "", label: pack.isPending ? "Loading…" : "Choose a stage" }, ...stages]}
              value={form.values.stage}
              error={form.errorOf("stage")}
              onChange={(e) => form.setField("stage", e.currentTarget.value)}
            />
            <Textarea label="Reason" required autosize minRows={2} {...form.text("reason")} onChange={(e) => form.setField("reason", e.currentTarget.value)} />
          </>
        )
      }
    >
      The account moves to the stage you choose now, with your name and reason in its stage history. The automatic stage rules leave it there
      until someone clears the override.
    </ConfirmDialog>
  );
}

export function ClearOverrideDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const clear = useAccountAction(account.id, () => clearStageOverride(account.id), {
    title: "Override cleared",
    message: (a) => `The rules decide the stage of ${a.name} again${a.stage ? `: ${a.stage}` : ""}.`,
    onDone: onClose,
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Clear the stage override of ${account.name}?`}
      confirmLabel="Clear override"
      onConfirm={() => clear.mutate(undefined)}
      pending={clear.isPending}
      error={clear.error}
    >
      The automatic stage rules decide the stage again right away, from usage, dates and targets; the stage may change, and the change shows
      in the history.
    </ConfirmDialog>
  );
}
