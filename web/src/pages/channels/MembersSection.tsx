import { Button, Group, MultiSelect, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { isApiError } from "@/platform/api";
import { DataTable } from "@/platform/ui/DataTable";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { StatusPill } from "@/platform/ui/StatusPill";
import { addMembers, refreshChannel, usersQuery, type ChannelMember } from "@/pages/channels/api";

const MEMBER_COLUMNS = ["Name", "Role", "Email", "Added"];

interface MembersSectionProps {
  channelId: string;
  channelName: string;
  members: ChannelMember[];
  canAdd: boolean;
  mirrored: boolean;
}

/** Who is in the channel (name, role, since when), and adding people. */
export function MembersSection({ channelId, channelName, members, canAdd, mirrored }: MembersSectionProps) {
  return (
    <Section title={`Members (${members.length})`}>
      {members.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody yet. Alert feeds have no members: anyone can read them here{mirrored ? " or join them in Slack" : ""}.
        </Text>
      ) : (
        <DataTable label="Members" columns={MEMBER_COLUMNS} verticalSpacing={4}>
          {members.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{m.name}</Text>
                  {m.active ? null : <StatusPill domain="user" status="inactive" size="xs" />}
                </Group>
              </Table.Td>
              <Table.Td>{m.roleLabel}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {m.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime value={m.addedAt} size="sm" />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {canAdd ? <AddPeople channelId={channelId} channelName={channelName} memberIds={members.map((m) => m.userId)} mirrored={mirrored} /> : null}
    </Section>
  );
}

function AddPeople({ channelId, channelName, memberIds, mirrored }: { channelId: string; channelName: string; memberIds: string[]; mirrored: boolean }) {
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const options = (users.data?.items ?? []).filter((u) => !memberIds.includes(u.id)).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));
  const add = useMutation({
    mutationFn: () => addMembers(channelId, picked),
    onSuccess: async (res) => {
      setPicked([]);
      notifySuccess(`Added ${res.added.length} ${res.added.length === 1 ? "person" : "people"} to ${channelName}`, mirrored ? "They are invited on Slack too." : undefined);
      await refreshChannel(queryClient, channelId);
    },
    onError: (e) => {
      const issue = isApiError(e) ? e.issues.find((i) => i.path.includes("userIds")) : undefined;
      if (issue) setError(issue.message);
      else notifyError(e, `add people to ${channelName}`);
    },
  });
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="sm">
        <MultiSelect
          label="Add people"
          placeholder={users.isPending ? "Loading people…" : "Pick people"}
          data={options}
          value={picked}
          onChange={(v) => {
            setPicked(v);
            setError(null);
          }}
          searchable
          size="xs"
          w={360}
          error={error ?? undefined}
          nothingFoundMessage="Everyone is in already"
        />
        <Button size="xs" variant="default" disabled={picked.length === 0} loading={add.isPending} onClick={() => add.mutate()}>
          Add to channel
        </Button>
      </Group>
    </Stack>
  );
}
