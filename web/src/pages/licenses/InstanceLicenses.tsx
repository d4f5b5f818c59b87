import { Button, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Section } from "@/platform/ui/Section";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { canManageLicenses, subscriptionListQuery } from "@/pages/licenses/api";
import { LicenseFormModal } from "@/pages/licenses/LicenseFormModal";
import { SUBSCRIPTION_COLUMNS, SubscriptionsTable } from "@/pages/licenses/SubscriptionsTable";

interface InstanceLicensesProps {
  instanceId: string;
  /** For the "new subscription" dialog title. */
  instanceSlug?: string;
}

/** The subscriptions attached to an instance with their current license; mounted on the instance page. */
export function InstanceLicenses({ instanceId, instanceSlug }: InstanceLicensesProps) {
  const navigate = useNavigate();
  const session = useSession();
  const canManage = session ? canManageLicenses(session.user.role) : false;
  const [creating, setCreating] = useState(false);
  const list = useInfiniteQuery(subscriptionListQuery({ instanceId }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string) => void navigate({ to: "/licenses/$subscriptionId", params: { subscriptionId: id } });

  return (
    <Section
      title="Licenses"
      actions={
        canManage ? (
          <Button size="xs" variant="default" onClick={() => setCreating(true)}>
            New subscription
          </Button>
        ) : null
      }
    >
      {list.isPending ? (
        <TableSkeleton label="Licenses of this instance" columns={SUBSCRIPTION_COLUMNS.filter((c) => c !== "Instance")} rows={2} />
      ) : list.isError ? (
        <ErrorState error={list.error} what="load this instance's licenses" onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No subscription is attached to this instance yet. A trial gets its license when it is approved; a production subscription
          is created when the customer signs.
        </Text>
      ) : (
        <>
          <SubscriptionsTable items={items} onOpen={open} label="Licenses of this instance" hideInstance />
          {list.hasNextPage ? (
            <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Load more
            </Button>
          ) : null}
        </>
      )}
      {creating ? (
        <LicenseFormModal mode="subscription" instance={{ id: instanceId, slug: instanceSlug ?? "this instance" }} onClose={() => setCreating(false)} onCreated={open} />
      ) : null}
    </Section>
  );
}
