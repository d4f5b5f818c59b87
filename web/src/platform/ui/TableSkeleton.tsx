import { Skeleton, Table, VisuallyHidden } from "@mantine/core";

interface TableSkeletonProps {
  /** Accessible name of the table being loaded ("Outbox deliveries"). */
  label: string;
  columns: string[];
  rows?: number;
}

/** The table's shape while it loads, so the page does not jump when rows arrive. */
export function TableSkeleton({ label, columns, rows = 8 }: TableSkeletonProps) {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading {label.toLowerCase()}…</VisuallyHidden>
      <Table aria-hidden="true">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Array.from({ length: rows }, (_, r) => (
            <Table.Tr key={r}>
              {columns.map((c) => (
                <Table.Td key={c}>
                  <Skeleton height={12} radius="xl" width={`${50 + ((r * 7 + c.length * 13) % 45)}%`} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
