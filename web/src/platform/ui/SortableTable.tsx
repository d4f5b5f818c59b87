import { Table, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";

export type SortDir = "asc" | "desc";

export interface SortableColumn<S extends string> {
  label: string;
  /** The API's sort key; columns without one are not sortable. */
  sort?: S;
  /** Numbers: right-aligned, and the first click sorts biggest first. */
  numeric?: boolean;
  /** Direction of the first click (default: desc for numeric columns, asc otherwise). */
  firstDir?: SortDir;
}

interface SortableListTableProps<S extends string> {
  /** The table's accessible name (browser tests find tables by it). */
  label: string;
  columns: readonly SortableColumn<S>[];
  sort: S | undefined;
  dir: SortDir | undefined;
  onSort: (sort: S, dir: SortDir) => void;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** Previous results shown while the next ones load: dimmed and marked busy. */
  dimmed?: boolean;
  children: ReactNode;
}

/**
 * A dense list table whose headings sort it: each sortable heading is a button ("Sort by ARR"),
 * the sorted one carries aria-sort and an arrow; clicking it again reverses the order.
 */
export function SortableListTable<S extends string>({ label, columns, sort, dir, onSort, minWidth, dimmed = false, children }: SortableListTableProps<S>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label} highlightOnHover stickyHeader aria-busy={dimmed || undefined} style={{ opacity: dimmed ? 0.6 : 1, transition: "opacity 120ms" }}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              const current: SortDir = dir ?? c.firstDir ?? (c.numeric ? "desc" : "asc");
              const first: SortDir = c.firstDir ?? (c.numeric ? "desc" : "asc");
              return (
                <Table.Th
                  key={c.label}
                  scope="col"
                  className="trellis-nowrap"
                  ta={c.numeric ? "right" : undefined}
                  aria-sort={active ? (current === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.sort === undefined ? (
                    c.label
                  ) : (
                    <UnstyledButton
                      fz="inherit"
                      fw="inherit"
                      title={`Sort by ${c.label}${active ? (current === "asc" ? ", descending" : ", ascending") : ""}`}
                      onClick={() => {
                        if (c.sort === undefined) return;
                        onSort(c.sort, active ? (current === "asc" ? "desc" : "asc") : first);
                      }}
                    >
                      {c.label}
                      <span aria-hidden="true" style={{ marginLeft: 4, opacity: active ? 1 : 0.3 }}>
                        {active ? (current === "asc" ? "↑" : "↓") : "↕"}
                      </span>
                    </UnstyledButton>
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
