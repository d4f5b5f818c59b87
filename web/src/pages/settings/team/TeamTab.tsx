import { Anchor, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { can, useRoleLabel, useSession } from "@/platform/auth";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { notifySuccess } from "@/platform/ui/notify";
import { QueryStates } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { updateUser, usersQuery, type TeamUser } from "@/pages/settings/team/api";
import { SetPasswordModal } from "@/pages/settings/team/SetPasswordModal";
import { UserFormModal } from "@/pages/settings/team/UserFormModal";

const route = getRouteApi("/app/settings/team");

/** Brings the person a search result pointed at into view, once. */
const revealRow = (el: HTMLTableRowElement | null): void => {
  if (el && !el.dataset.revealed) {
    el.dataset.revealed = "true";
    el.scrollIntoView({ block: "center" });
  }
};

const COLUMNS = ["Name", "Email", "Role", "Status", "Booking link", "Added"];

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; user: TeamUser }
  | { kind: "password"; user: TeamUser }
  | { kind: "toggle"; user: TeamUser }
  | null;

export function TeamTab() {
  const session = useSession();
  const isAdmin = session ? can.administer(session.user.role) : false;
  const roleLabel = useRoleLabel();
  const users = useQuery(usersQuery);
  const [dialog, setDialog] = useState<Dialog>(null);
  const { person } = route.useSearch();
  const columns = isAdmin ? [...COLUMNS, "Actions"] : COLUMNS;

  const items = users.data?.items ?? [];
  const body = (
    <QueryStates
      query={users}
      what="load the team"
      failed={users.isError}
      skeleton={<TableSkeleton label="Team" columns={columns} rows={5} />}
      isEmpty={items.length === 0}
      empty={
        <EmptyState title="No people yet">
          People who work in Trellis appear here with their role.{" "}
          {isAdmin ? "Use “Add person” to add your colleagues so rules can assign them work." : "Ask an admin to add your colleagues."}
        </EmptyState>
      }
    >
      <DataTable label="Team" columns={columns} minWidth={820} highlightOnHover>
        {items.map((u) => {
          const me = u.id === session?.user.id;
          return (
            <Table.Tr
              key={u.id}
              ref={u.id === person ? revealRow : undefined}
              bg={u.id === person ? "var(--mantine-primary-color-light)" : undefined}
              aria-current={u.id === person ? "true" : undefined}
            >
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {u.name}
                  </Text>
                  {me ? (
                    <Badge size="xs" variant="light" style={{ textTransform: "none" }}>
                      You
                    </Badge>
                  ) : null}
                  {u.hasPassword === false ? (
                    <Badge size="xs" variant="light" color="yellow" style={{ textTransform: "none" }} title="This person can't sign in until an admin sets a password.">
                      No password yet
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td className="trellis-break">{u.email}</Table.Td>
              <Table.Td>{roleLabel(u.role)}</Table.Td>
              <Table.Td>
                <StatusPill domain="user" status={u.active ? "active" : "inactive"} />
              </Table.Td>
              <Table.Td className="trellis-break" maw={240}>
                {u.bookingUrl ? (
                  <Anchor href={u.bookingUrl} target="_blank" rel="noopener noreferrer" size="sm">
                    {u.bookingUrl.replace(/^https?:\/\//, "")}
                  </Anchor>
                ) : (
                  <Text c="dimmed" size="sm">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <RelativeTime value={u.createdAt} size="sm" />
              </Table.Td>
              {isAdmin ? (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="default" aria-label={`Edit ${u.name}`} onClick={() => setDialog({ kind: "edit", user: u })}>
                      Edit
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      aria-label={`Set password for ${u.name}`}
                      onClick={() => setDialog({ kind: "password", user: u })}
                    >
                      Set password
                    </Button>
                    {me ? null : (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={u.active ? "red" : undefined}
                        aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`}
                        onClick={() => setDialog({ kind: "toggle", user: u })}
                      >
                        {u.active ? "Deactivate" : "Reactivate"}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          );
        })}
      </DataTable>
    </QueryStates>
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {isAdmin
            ? "Everyone who can sign in to Trellis, with their role. Rules assign work by role."
            : "Everyone who can sign in to Trellis, with their role. Only admins can add people or change roles."}
        </Text>
        {isAdmin ? <Button onClick={() => setDialog({ kind: "create" })}>Add person</Button> : null}
      </Group>
      {body}
      {dialog?.kind === "create" ? <UserFormModal mode="create" onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "edit" ? <UserFormModal mode="edit" user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "password" ? <SetPasswordModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "toggle" ? <ToggleActiveDialog user={dialog.user} roleLabel={roleLabel(dialog.user.role)} onClose={() => setDialog(null)} /> : null}
    </Stack>
  );
}

function ToggleActiveDialog({ user, roleLabel, onClose }: { user: TeamUser; roleLabel: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const deactivating = user.active;
  const mutation = useMutation({
    mutationFn: () => updateUser(user.id, { active: !user.active }),
    onSuccess: async (updated) => {
      onClose();
      notifySuccess(updated.active ? `${user.name} reactivated` : `${user.name} deactivated`, updated.active ? "They can sign in again." : "They can no longer sign in.");
      await queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={deactivating ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
      confirmLabel={deactivating ? "Deactivate" : "Reactivate"}
      intent={deactivating ? "danger" : "primary"}
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
    >
      {deactivating ? (
        <>
          {user.name} ({user.email}) will no longer be able to sign in or use Trellis.
          Everything they did stays in the history and the audit log. You can reactivate them later.
        </>
      ) : (
        <>
          {user.name} ({user.email}) will be able to sign in again, as {roleLabel}, with their existing password.
        </>
      )}
    </ConfirmDialog>
  );
}
