import { Code, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { rolesQuery } from "@/platform/auth";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";

const COLUMNS = ["Role", "Key", "What they do in Trellis"];

/** What each role can do, as the process pack describes it. */
export function RolesTab() {
  const roles = useQuery(rolesQuery);
  let body;
  if (roles.isPending) body = <TableSkeleton label="Roles" columns={COLUMNS} rows={6} />;
  else if (roles.isError) body = <ErrorState error={roles.error} what="load the roles" onRetry={() => void roles.refetch()} retrying={roles.isFetching} />;
  else if (roles.data.items.length === 0) {
    body = (
      <EmptyState title="No roles defined">
        Roles come from the process pack. Check the pack the server loaded (TRELLIS_PACK) and restart Trellis.
      </EmptyState>
    );
  } else {
    body = (
      <Table aria-label="Roles" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.data.items.map((r) => (
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
        </Table.Tbody>
      </Table>
    );
  }
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
