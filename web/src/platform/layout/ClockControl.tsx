import { Badge, Button, Group, NativeSelect, NumberInput, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { can, useSession } from "@/platform/auth";
import { advanceClock, useClock } from "@/platform/server-info";
import { describeDuration, DURATION_UNITS, durationMs, formatUtc, formatUtcMinutes, type DurationUnit } from "@/platform/time";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { notifySuccess, notifyWarning } from "@/platform/ui/notify";
import { colors } from "@/theme";

/** With a simulated clock: a visible "Simulated time" badge and, for admins, "Advance time". */
export function ClockControl() {
  const clock = useClock();
  const session = useSession();
  const [opened, setOpened] = useState(false);
  if (!clock || clock.kind !== "simulated") return null;
  const isAdmin = session ? can.administer(session.user.role) : false;
  return (
    <Group gap="xs" wrap="wrap">
      <Badge
        color={colors.simulatedClock}
        variant="light"
        size="lg"
        radius="sm"
        title={`The server runs on a simulated clock, frozen between advances. Exact: ${formatUtc(clock.now)}`}
        style={{ textTransform: "none" }}
        styles={{ root: { height: "auto", paddingBlock: 4 }, label: { whiteSpace: "normal" } }}
      >
        Simulated time: {formatUtcMinutes(clock.now)}
      </Badge>
      {isAdmin ? (
        <>
          <Button size="xs" variant="light" color={colors.simulatedClock} onClick={() => setOpened(true)}>
            Advance time
          </Button>
          {opened ? <AdvanceTimeDialog now={clock.now} onClose={() => setOpened(false)} /> : null}
        </>
      ) : null}
    </Group>
  );
}

function AdvanceTimeDialog({ now, onClose }: { now: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState<number>(1);
  const [unit, setUnit] = useState<DurationUnit>("d");
  const valid = Number.isInteger(amount) && amount >= 1 && amount <= 1000;
  const until = valid ? new Date(Date.parse(now) + durationMs(amount, unit)).toISOString() : null;
  const span = describeDuration(amount, unit);

  const mutation = useMutation({
    mutationFn: () => advanceClock(`${amount}${unit}`),
    onSuccess: async (result) => {
      onClose();
      notifySuccess(
        `Time advanced by ${span}`,
        `Now ${formatUtcMinutes(result.now)}. ${result.fired} rule ${result.fired === 1 ? "firing" : "firings"} ran.`,
      );
      const failed = Object.entries(result.failedByRule ?? {}).filter(([, n]) => n > 0);
      if (failed.length > 0) {
        notifyWarning(
          "Some rule firings failed",
          `${failed.map(([rule, n]) => `${rule} ×${n}`).join(", ")}. The server log says why.`,
        );
      }
      // Rules may have changed anything: refetch every visible list.
      await queryClient.invalidateQueries();
    },
  });

  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title="Advance simulated time"
      confirmLabel={valid ? `Advance ${span}` : "Advance time"}
      confirmDisabled={!valid}
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
      extra={
        <Group grow align="flex-start">
          <NumberInput
            label="Amount"
            min={1}
            max={1000}
            allowDecimal={false}
            value={amount}
            onChange={(v) => setAmount(typeof v === "number" ? v : Number(v) || 0)}
            error={valid ? undefined : "Enter a whole number from 1 to 1000."}
          />
          <NativeSelect
            label="Unit"
            data={DURATION_UNITS.map((u) => ({ value: u.value, label: u.label }))}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value as DurationUnit)}
          />
        </Group>
      }
    >
      <Text size="sm">
        Moves the simulated clock forward from <strong>{formatUtcMinutes(now)}</strong>
        {until ? (
          <>
            {" "}
            to <strong>{formatUtcMinutes(until)}</strong>
          </>
        ) : null}
        .
      </Text>
      <Text size="sm" mt="xs">
        Every rule that falls due in that window runs now, as it would have on time: records change, tasks are created, and
        the emails, Slack messages and webhooks those rules send are queued for real delivery. Time cannot be moved back.
      </Text>
    </ConfirmDialog>
  );
}
