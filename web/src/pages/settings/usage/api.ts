import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";

export interface UsageSettings {
  /** The release instances are compared with (versions behind, S2). */
  latestRelease: string | null;
  /** "pack": the pack's newest release; "setting": an admin's override. */
  latestReleaseSource: "pack" | "setting" | string;
  /** Product releases from the process pack, oldest first. */
  releases: string[];
  /** Raw usage events older than this are purged; daily rollups are kept. */
  retentionDays: number;
}

export const usageSettingsQuery = queryOptions({
  queryKey: ["usage", "settings"],
  queryFn: ({ signal }) => api<UsageSettings>("/usage/settings", { signal }),
});

/** Admin: override the latest release, or clear the override (null) to follow the pack. */
export function putUsageSettings(latestRelease: string | null): Promise<UsageSettings | undefined> {
  return api<UsageSettings | undefined>("/usage/settings", { method: "PUT", body: { latestRelease } });
}
