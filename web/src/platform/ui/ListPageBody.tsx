import { Button, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { QueryError, QueryStates, type QueryLike } from "@/platform/ui/QueryStates";

/** A paged (infinite) query, as the list below reads it. */
export interface PagedQueryLike extends QueryLike {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A paged list's status line (a live region, so the new count is announced) and "Load more" while pages remain. */
export function LoadMoreRow({ list, children }: { list: PagedQueryLike; children: ReactNode }) {
  return (
    <Group justify="space-between">
      <Text size="xs" c="dimmed" role="status">
        {children}
      </Text>
      {list.hasNextPage ? (
        <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}

interface ListPageBodyProps {
  list: PagedQueryLike;
  /** Rows loaded so far. */
  count: number;
  /** "the channels": errors say "load the channels", or "refresh the channels" above rows already shown. */
  what: string;
  /** The row noun, singular and plural. */
  noun: readonly [string, string];
  skeleton: ReactNode;
  empty: ReactNode;
  keyboardHint: string;
  /** Follows "N rows shown" while pages remain (" (all)" once every row is here). */
  moreNote?: string;
  /** Appended to the status line. */
  note?: string;
  /** The table. */
  children: ReactNode;
}

/** A list page under its filters: loading, error, empty, or the table with its count, "Load more" and keys. */
export function ListPageBody({ list, count, what, noun, skeleton, empty, keyboardHint, moreNote = "", note = "", children }: ListPageBodyProps) {
  return (
    <QueryStates query={list} what={`load ${what}`} skeleton={skeleton} isEmpty={count === 0} empty={empty}>
      {/* A failed refresh keeps the rows already shown, under the error. */}
      {list.isError ? <QueryError query={list} what={`refresh ${what}`} /> : null}
      {children}
      <LoadMoreRow list={list}>
        {count} {count === 1 ? noun[0] : noun[1]} shown{list.hasNextPage ? moreNote : " (all)"}
        {note}
      </LoadMoreRow>
      <Text size="xs" c="dimmed">
        {keyboardHint}
      </Text>
    </QueryStates>
  );
}
