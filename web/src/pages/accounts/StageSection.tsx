import { Badge, Button, Group, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { tones } from "@/theme";
import { accountRoles, stageHistoryQuery, type AccountDetail } from "@/pages/accounts/api";
import { StageBadge } from "@/pages/accounts/AccountBadges";
import { ClearOverrideDialog, OverrideStageDialog } from "@/pages/accounts/StageDialogs";

/** The lifecycle stage in force, why, since when, any manual override, and every move before it. */
export function StageSection({ account }: { account: AccountDetail }) {
  const session = useSession();
  const [dialog, setDialog] = useState<"override" | "clear" | null>(null);
  const canOverride = accountRoles.overrideStage.has(session?.user.role ?? "");
  const o = account.stageOverride;
  return (
    <Section
      title="Lifecycle stage"
      actions={
        canOverride ? (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setDialog("override")}>
              Override stage
            </Button>
            {o ? (
              <Button size="xs" variant="default" onClick={() => setDialog("clear")}>
                Clear override
              </Button>
            ) : null}
          </Group>
        ) : undefined
      }
    >
      <Stack gap="xs">
        <Group gap="sm" align="center">
          <StageBadge stage={account.stage} overridden={account.stageOverridden} size="md" />
          {account.stageSince ? (
            <Text size="sm" c="dimmed">
              since <RelativeTime value={account.stageSince} />
            </Text>
          ) : null}
        </Group>
        {account.stageReason && !o ? <Text size="sm">{account.stageReason}</Text> : null}
        {!account.inBook ? (
          <Text size="sm" c="dimmed">
            Stages start once the account is in the book (when TA leadership sets its support level).
          </Text>
        ) : null}
        {o ? (
          <Notice tone="warning" heading={`Set by hand to ${o.stage}`} announce="none">
            {o.by ?? "Someone"}
            {o.at ? (
              <>
                , <RelativeTime value={o.at} />
              </>
            ) : null}
            : {o.reason ?? "no reason given"}. The automatic rules leave the stage alone until the override is cleared.
          </Notice>
        ) : null}
        {account.targetsMetAt ? (
          <Text size="xs" c="dimmed">
            Usage targets first met together <RelativeTime value={account.targetsMetAt} />.
          </Text>
        ) : null}
        <StageHistory accountId={account.id} />
      </Stack>
      {dialog === "override" ? <OverrideStageDialog account={account} onClose={() => setDialog(null)} /> : null}
      {dialog === "clear" ? <ClearOverrideDialog account={account} onClose={() => setDialog(null)} /> : null}
    </Section>
  );
}

function StageHistory({ accountId }: { accountId: string }) {
  const history = useQuery(stageHistoryQuery(accountId));
  if (history.isPending) return <Skeleton height={48} aria-label="Loading the stage history" />;
  if (history.isError) return <ErrorState error={history.error} what="load the stage history" onRetry={() => void history.refetch()} />;
  const items = history.data.items;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" role="status">
        No stage changes yet.
      </Text>
    );
  }
  return (
    <DataTable label="Stage history" columns={["When", "From", "To", "Why", "By"]} minWidth={640}>
      {items.map((h, i) => (
        <Table.Tr key={`${h.at}-${i}`}>
          <Table.Td>
            <RelativeTime value={h.at} size="sm" />
          </Table.Td>
          <Table.Td>{h.fromStage ?? "—"}</Table.Td>
          <Table.Td fw={500}>{h.toStage}</Table.Td>
          <Table.Td className="trellis-break">{h.reason}</Table.Td>
          <Table.Td>
            {h.actor}{" "}
            {h.manual ? (
              <Badge size="xs" variant="outline" color={tones.warning} style={{ textTransform: "none" }}>
                manual
              </Badge>
            ) : null}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
