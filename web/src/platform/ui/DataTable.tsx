import { Table, type TableProps } from "@mantine/core";
import type { ReactNode } from "react";

interface ColumnHeadsProps {
  columns: readonly string[];
  /** Numeric columns: right-aligned, like their cells. */
  numeric?: readonly string[];
  /** Keep each heading on one line (dense lists). */
  nowrap?: boolean;
}

/** Column headings with scope="col", so assistive tech announces each cell with its column. */
export function ColumnHeads({ columns, numeric = [], nowrap = false }: ColumnHeadsProps) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={c} scope="col" className={nowrap ? "trellis-nowrap" : undefined} ta={numeric.includes(c) ? "right" : undefined}>
            {c}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

interface DataTableProps extends ColumnHeadsProps, Omit<TableProps, "children"> {
  /** The table's accessible name (browser tests find tables by it). */
  label: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  /** The rows. */
  children: ReactNode;
}

/** A named table with its headings; extra props go to Mantine's Table. */
export function DataTable({ label, columns, numeric, nowrap, minWidth, children, ...tableProps }: DataTableProps) {
  const table = (
    <Table aria-label={label} {...tableProps}>
      <ColumnHeads columns={columns} numeric={numeric} nowrap={nowrap} />
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}

interface ListTableProps extends Omit<DataTableProps, "minWidth"> {
  minWidth: number;
  /** Previous results shown while a new filter loads: dimmed and marked busy. */
  dimmed?: boolean;
}

/** A list page's dense table: sticky one-line headings, hover highlight, dimmed while the next results load. */
export function ListTable({ dimmed = false, ...props }: ListTableProps) {
  return <DataTable nowrap highlightOnHover stickyHeader aria-busy={dimmed || undefined} style={{ opacity: dimmed ? 0.6 : 1, transition: "opacity 120ms" }} {...props} />;
}
