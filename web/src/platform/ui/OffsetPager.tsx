import { Button, Group, Text } from "@mantine/core";

interface OffsetPagerProps {
  /** 1-based page shown. */
  page: number;
  pageSize: number;
  total: number;
  /** The row noun, singular and plural. */
  noun: readonly [string, string];
  onPage: (page: number) => void;
  /** Appended to the status line ("; refreshing…"). */
  note?: string;
  /** False when `total` is the server's estimate (large lists): shown as "about N". */
  exact?: boolean;
}

const count = new Intl.NumberFormat("en");

/** "51–100 of 1,234 accounts" (a live region, so a new page is announced) with Previous / Next page. */
export function OffsetPager({ page, pageSize, total, noun, onPage, note = "", exact = true }: OffsetPagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="xs" c="dimmed" role="status">
        {first === last ? count.format(first) : `${count.format(first)}–${count.format(last)}`} of {exact ? "" : "about "}
        {count.format(total)} {total === 1 ? noun[0] : noun[1]}
        {note}
      </Text>
      {pages > 1 ? (
        <Group gap="xs" role="navigation" aria-label="Pages">
          <Button variant="default" size="xs" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Previous page
          </Button>
          <Text size="xs">
            Page {page} of {exact ? "" : "about "}
            {count.format(pages)}
          </Text>
          <Button variant="default" size="xs" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next page
          </Button>
        </Group>
      ) : null}
    </Group>
  );
}
