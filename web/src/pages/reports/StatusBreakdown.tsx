import { Group, Paper, SimpleGrid, Table, Text } from "@mantine/core";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { StatusCount, TrialsReport } from "@/pages/reports/api";

const count = new Intl.NumberFormat("en");
const pct = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** The period's leads by current status and substatus. */
export function StatusBreakdownTable({ rows }: { rows: StatusCount[] }) {
  return (
    <Table aria-label="Lead status breakdown" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Substatus</Table.Th>
          <Table.Th scope="col" ta="right">
            Leads
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Share
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.status}\u0000${r.substatus ?? ""}`}>
            <Table.Td>
              <StatusPill domain="lead" status={r.status} />
            </Table.Td>
            <Table.Td>
              {r.substatus ?? (
                <Text span c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {count.format(r.count)}
            </Table.Td>
            <Table.Td ta="right">{pct.format(r.sharePct)}%</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every lead's current status, whenever it signed up: a row of counts in the pack's order. */
export function PipelineCounts({ stages }: { stages: TrialsReport["pipeline"] }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" component="ul" aria-label="Lead pipeline" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {stages.map((s) => (
        <Paper key={s.status} component="li" withBorder radius="sm" p="xs" style={{ opacity: s.count === 0 ? 0.6 : 1 }}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <StatusPill domain="lead" status={s.status} size="xs" />
            <Text fw={600} ff="monospace">
              {count.format(s.count)}
            </Text>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
