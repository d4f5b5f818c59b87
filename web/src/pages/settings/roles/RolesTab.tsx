import { Code, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { rolesQuery } from "@/platform/auth";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { QueryStates } from "@/platform/ui/QueryStates";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";

const COLUMNS = ["Role", "Key", "What they do in Trellis"];

/** What each role can do, as the process pack describes it. */
export function RolesTab() {
  const roles = useQuery(rolesQuery);
  const items = roles.data?.items ?? [];
  const body = (
    <QueryStates
      query={roles}
      what="load the roles"
      failed={roles.isError}
      skeleton={<TableSkeleton label="Roles" columns={COLUMNS} rows={6} />}
      isEmpty={items.length === 0}
      empty={
        <EmptyState title="No roles defined">
          Roles come from the process pack. Check the pack the server loaded (TRELLIS_PACK) and restart Trellis.
        </EmptyState>
      }
    >
      <DataTable label="Roles" columns={COLUMNS} highlightOnHover>
        {items.map((r) => (
          <Table.Tr key={r.role}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {r.label}
              </Text>
            </Table.Td>
            <Table.Td>
              <Code>{r.role}</Code>
            </Table.Td>
            <Table.Td>{r.description}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </QueryStates>
  );
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Roles come from the process pack, which also decides which role each rule assigns work to. Admins give people their
        role in the Team tab. Leadership can see everything but change nothing.
      </Text>
      {body}
    </Stack>
  );
}
