import { Button } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageHeader } from "@/platform/ui/PageHeader";
import { EmptyState } from "@/platform/ui/EmptyState";

export function AccountsPage() {
  return (
    <>
      <PageHeader title="Accounts" description="Customers after hand-off: instances, licenses, health and owners." />
      <EmptyState
        title="No accounts here yet"
        actions={
          <Button component={Link} to="/settings/team" variant="light">
            Set booking links in Team
          </Button>
        }
      >
        Each customer account will appear here with its instances, licenses, health band, usage trend, owners (AE and TA) and
        a timeline of everything that happened. Accounts arrive in a coming Trellis release. Meanwhile, give every AE and TA a
        booking link in Settings → Team: Trellis puts it in the emails it sends to their customers.
      </EmptyState>
    </>
  );
}
