import { queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/platform/api";
import { setClockReference } from "@/platform/time";
import { timing } from "@/theme";

export interface ClockInfo {
  kind: "system" | "simulated";
  now: string;
}

export interface AdvanceResult {
  from: string;
  now: string;
  fired: number;
  /** Rule ID → firings that failed (the server logs why). */
  failedByRule?: Record<string, number>;
}

export interface MetaInfo {
  version: string;
  packVersion: string;
  engine: "pglite" | "postgres";
  clock: "system" | "simulated";
}

export const clockQuery = queryOptions({
  queryKey: ["clock"],
  queryFn: () => api<ClockInfo>("/clock"),
  refetchInterval: timing.clockRefreshMs,
});

export const metaQuery = queryOptions({
  queryKey: ["meta"],
  queryFn: () => api<MetaInfo>("/meta"),
  staleTime: 5 * 60_000,
});

/** The server clock; keeps relative times ("in 2 days") measured from the server's now. */
export function useClock(): ClockInfo | undefined {
  const { data } = useQuery(clockQuery);
  useEffect(() => {
    if (data) setClockReference(data.kind, data.now);
  }, [data]);
  return data;
}

export function advanceClock(by: string): Promise<AdvanceResult> {
  return api<AdvanceResult>("/clock/advance", { method: "POST", body: { by } });
}
