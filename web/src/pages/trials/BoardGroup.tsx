import { Badge, Paper, Stack, Table, Text, Title } from "@mantine/core";
import type { RowProps } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { TrialView } from "@/pages/trials/api";
import { OwnerCell, type BoardColumn } from "@/pages/trials/TrialCells";

interface BoardGroupProps {
  id: string;
  title: string;
  /** Says what shows here and why it is empty. */
  emptyText: string;
  items: TrialView[];
  columns: BoardColumn[];
  /** Show the state pill (groups that hold more than one state). */
  withState: boolean;
  rowProps: (trialId: string) => RowProps;
  dimmed: boolean;
}

/** One part of the board (Queued, Provisioning, …): a heading with the count and a dense table. */
export function BoardGroup({ id, title, emptyText, items, columns, withState, rowProps, dimmed }: BoardGroupProps) {
  const headingId = `board-${id}`;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h5" id={headingId}>
          {title}{" "}
          <Badge size="sm" variant="default" radius="sm" aria-label={`${items.length} trials`}>
            {items.length}
          </Badge>
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={`${title} trials`} highlightOnHover style={{ opacity: dimmed ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Trial</Table.Th>
                  {withState ? <Table.Th scope="col">State</Table.Th> : null}
                  <Table.Th scope="col">Owner</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c.header} scope="col" ta={c.numeric ? "right" : undefined} className="trellis-nowrap">
                      {c.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((t) => (
                  <Table.Tr key={t.id} {...rowProps(t.id)}>
                    <Table.Td maw={280}>
                      <AnchorLink to="/trials/$trialId" params={{ trialId: t.id }} size="sm" fw={500} className="trellis-break">
                        {t.company}
                      </AnchorLink>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {t.slug} · {t.adminEmail}
                      </Text>
                    </Table.Td>
                    {withState ? (
                      <Table.Td>
                        <StatusPill domain="trial" status={t.state} />
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <OwnerCell trial={t} />
                    </Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c.header} ta={c.numeric ? "right" : undefined}>
                        {c.cell(t)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
