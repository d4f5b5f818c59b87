import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { can, useSession } from "@/platform/auth";
import { ErrorState } from "@/platform/ui/ErrorState";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { integrationsQuery } from "@/pages/settings/integrations/api";
import { AllowListSection } from "@/pages/settings/integrations/AllowListSection";
import { EmailSection } from "@/pages/settings/integrations/EmailSection";
import { SlackSection } from "@/pages/settings/integrations/SlackSection";
import { WebhooksSection } from "@/pages/settings/integrations/WebhooksSection";

export function IntegrationsTab() {
  const session = useSession();
  const isAdmin = session ? can.administer(session.user.role) : false;
  const query = useQuery(integrationsQuery);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    return <ErrorState error={query.error} what="load the integrations" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const info = query.data;
  return (
    <Stack gap="lg">
      <EmailSection email={info.email} isAdmin={isAdmin} defaultTo={session?.user.email ?? ""} />
      <SlackSection slack={info.slack} />
      <WebhooksSection webhooks={info.webhooks} isAdmin={isAdmin} />
      <AllowListSection hosts={info.outboundAllowList} />
    </Stack>
  );
}
