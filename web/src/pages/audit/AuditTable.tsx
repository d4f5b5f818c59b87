import { Anchor, Button, Table, Text, VisuallyHidden } from "@mantine/core";
import { Fragment, useState } from "react";
import { useRowNavigation } from "@/platform/keyboard";
import { JsonBlock } from "@/platform/ui/JsonBlock";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { describeActor, type AuditEntry } from "@/pages/audit/api";

export const AUDIT_COLUMNS = ["Data", "When", "Who", "Action", "Subject", "Reason"];

interface AuditTableProps {
  items: AuditEntry[];
  dimmed: boolean;
  onFilterSubject: (subjectType: string, subjectId: string) => void;
}

/** Dense, newest-first log. Row click, Enter, or the toggle shows the entry's data JSON. */
export function AuditTable({ items, dimmed, onFilterSubject }: AuditTableProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) toggle(String(item.id));
  });

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Audit log" aria-busy={dimmed || undefined} highlightOnHover stickyHeader style={{ opacity: dimmed ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            {AUDIT_COLUMNS.map((c) => (
              <Table.Th key={c} scope="col">
                {c === "Data" ? <VisuallyHidden>Data</VisuallyHidden> : c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry, index) => {
            const id = String(entry.id);
            const open = expanded.has(id);
            const actor = describeActor(entry);
            const dataId = `audit-data-${id}`;
            return (
              <Fragment key={id}>
                <Table.Tr {...getRowProps(index)}>
                  <Table.Td w={40}>
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      aria-expanded={open}
                      aria-controls={open ? dataId : undefined}
                      aria-label={`${open ? "Hide" : "Show"} data for entry ${id}`}
                      onClick={() => toggle(id)}
                    >
                      {open ? "▾" : "▸"}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime value={entry.at} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{actor.primary}</Text>
                    {actor.secondary ? (
                      <Text size="xs" c="dimmed">
                        {actor.secondary}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {entry.action}
                    </Text>
                  </Table.Td>
                  <Table.Td className="trellis-break">
                    {entry.subjectType ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => onFilterSubject(entry.subjectType ?? "", entry.subjectId ?? "")}
                        title="Show only entries for this subject"
                      >
                        {entry.subjectType} {entry.subjectId ?? ""}
                      </Anchor>
                    ) : (
                      <Text c="dimmed" size="sm">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="trellis-break" maw={360}>
                    <Text size="sm" c={entry.reason ? undefined : "dimmed"} lineClamp={open ? undefined : 2}>
                      {entry.reason || "—"}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {open ? (
                  <Table.Tr id={dataId}>
                    <Table.Td colSpan={AUDIT_COLUMNS.length}>
                      <JsonBlock value={entry.data ?? null} label={`Data for entry ${id}`} maxHeight={280} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
