import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RecordLoadError } from "@/platform/ui/RecordPage";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { notifyError } from "@/platform/ui/notify";
import { DOC_WRITERS, docKeys, docQuery } from "@/pages/docs/api";
import { DocEditor } from "@/pages/docs/DocEditor";

const route = getRouteApi("/app/docs/$docId");

/** /docs/:id: one account doc in the rich-text editor, with its versions. */
export function DocPage() {
  const { docId } = route.useParams();
  const queryClient = useQueryClient();
  const query = useQuery(docQuery(docId));
  const canWrite = DOC_WRITERS.has(useSession()?.user.role ?? "");
  // Each reload starts a fresh edit from the server's latest version.
  const [round, setRound] = useState(0);

  // The edit starts from the server's current version, not from a cached copy.
  if (query.isPending || (!query.isFetchedAfterMount && query.isFetching)) return <PageSkeleton />;
  if (query.isError && !query.data) {
    return <RecordLoadError query={query} what="load this doc" back={<AnchorLink to="/accounts">Back to the accounts</AnchorLink>} />;
  }
  const reload = async () => {
    const fresh = await query.refetch();
    if (fresh.isError) return notifyError(fresh.error, "reload the doc");
    setRound((r) => r + 1);
    await queryClient.invalidateQueries({ queryKey: docKeys.versions(docId) });
  };
  return <DocEditor key={`${docId}:${round}`} latest={query.data} canWrite={canWrite} onReload={() => void reload()} />;
}
