import type { ReactNode } from "react";
import { ErrorState } from "@/platform/ui/ErrorState";

/** What the states below read from a TanStack query result (plain or infinite). */
export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** The query's error, with a Retry that refetches. `what` is a verb phrase: "load the outbox". */
export function QueryError({ query, what }: { query: QueryLike; what: string }) {
  return <ErrorState error={query.error} what={what} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
}

interface QueryStatesProps {
  query: QueryLike;
  /** What failed, as a verb phrase: "load the roles". */
  what: string;
  skeleton: ReactNode;
  isEmpty: boolean;
  empty: ReactNode;
  /** Show the error instead of the data. Default: only when the query failed with nothing to show. */
  failed?: boolean;
  /** Built before the data is known, so read rows as `data?.items ?? []`. */
  children: ReactNode;
}

/** Every state of loaded data visible (ux.md): skeleton, error with retry, empty, or the data. */
export function QueryStates({ query, what, skeleton, isEmpty, empty, failed = query.isError && isEmpty, children }: QueryStatesProps) {
  if (query.isPending) return skeleton;
  if (failed) return <QueryError query={query} what={what} />;
  return <>{isEmpty ? empty : children}</>;
}
