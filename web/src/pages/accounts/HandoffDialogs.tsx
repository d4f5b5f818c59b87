import { NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { ErrorState } from "@/platform/ui/ErrorState";
import { assignTa, setSupportLevel, type AccountDetail } from "@/pages/accounts/api";
import { stageNames, useAccountsPack } from "@/pages/accounts/pack";
import { activeUsersQuery, PersonSelect } from "@/pages/accounts/PersonSelect";
import { useAccountAction } from "@/pages/accounts/useAccountAction";

interface DialogProps {
  account: AccountDetail;
  onClose: () => void;
}

/** H1: TA leadership sets the support level; the account enters the book and is segmented. */
export function SupportLevelDialog({ account, onClose }: DialogProps) {
  const pack = useAccountsPack();
  const [level, setLevel] = useState(account.taSupportLevel ?? "");
  const [touched, setTouched] = useState(false);
  const set = useAccountAction(account.id, (l: string) => setSupportLevel(account.id, l), {
    title: "TA support level set",
    message: (a) => `${a.name}: ${a.taSupportLevel ?? level}${a.segment ? `, segment ${a.segment}` : ""}.`,
    onDone: onClose,
  });
  const levels = pack.data?.accounts.taSupportLevels ?? [];
  const firstStage = stageNames(pack.data)[0];
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`${account.taSupportLevel ? "Change" : "Set"} the TA support level of ${account.name}`}
      confirmLabel="Set support level"
      onConfirm={() => {
        setTouched(true);
        if (level) set.mutate(level);
      }}
      pending={set.isPending}
      error={set.error}
      confirmDisabled={pack.isError}
      extra={
        pack.isError ? (
          <ErrorState error={pack.error} what="load the support levels from the process pack" onRetry={() => void pack.refetch()} />
        ) : (
          <NativeSelect
            label="TA support level"
            required
            data={[{ value: "", label: pack.isPending ? "Loading…" : "Choose a level" }, ...levels]}
            value={level}
            error={touched && !level ? "Choose a support level." : undefined}
            onChange={(e) => setLevel(e.currentTarget.value)}
          />
        )
      }
    >
      {account.inBook ? (
        <Text size="sm">The account stays in the book; its segment and coverage are worked out again.</Text>
      ) : (
        <Text size="sm">
          This puts {account.name} in the customer-success book{firstStage ? ` at stage ${firstStage}` : ""} and segments it by its
          developers and ARR. The TA assignment reminder follows before the close.
        </Text>
      )}
    </ConfirmDialog>
  );
}

/** H3: TA leadership assigns the TA, who is emailed. */
export function AssignTaDialog({ account, onClose }: DialogProps) {
  const users = useQuery(activeUsersQuery);
  const [ta, setTa] = useState(account.ta?.id ?? "");
  const [touched, setTouched] = useState(false);
  const assign = useAccountAction(account.id, (id: string) => assignTa(account.id, id), {
    title: "TA assigned",
    message: (a) => `${a.ta?.name ?? "The TA"} is now the TA of ${a.name} and was emailed.`,
    onDone: onClose,
  });
  const name = users.data?.items.find((u) => u.id === ta)?.name;
  const noTas = users.isSuccess && !users.data.items.some((u) => u.role === "ta");
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`${account.ta ? "Change" : "Assign"} the TA of ${account.name}`}
      confirmLabel="Assign TA"
      onConfirm={() => {
        setTouched(true);
        if (ta) assign.mutate(ta);
      }}
      pending={assign.isPending}
      error={assign.error}
      extra={
        <PersonSelect
          label="Technical advisor"
          onlyRole="ta"
          emptyLabel="Choose a TA"
          required
          value={ta}
          error={touched && !ta ? "Choose a TA." : noTas ? "Nobody has the TA role yet: give someone that role in Settings → Team." : undefined}
          onChange={setTa}
        />
      }
    >
      {name ? `${name} is emailed that ${account.name} is theirs` : "The TA you choose is emailed that the account is theirs"}
      {account.ta && account.ta.id !== ta ? `; ${account.ta.name} stops being its TA` : ""}. The hand-off doc and the CE's hand-off task
      follow before the close.
    </ConfirmDialog>
  );
}
