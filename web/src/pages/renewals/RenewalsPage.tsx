import { Button } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageHeader } from "@/platform/ui/PageHeader";
import { EmptyState } from "@/platform/ui/EmptyState";

export function RenewalsPage() {
  return (
    <>
      <PageHeader title="Renewals" description="Contracts coming up for renewal, with their risk and forecast." />
      <EmptyState
        title="No renewals here yet"
        actions={
          <Button component={Link} to="/settings/integrations" variant="light">
            Test email delivery
          </Button>
        }
      >
        Upcoming renewals will appear here by date, with each account's health band, owner, forecast and the reminders Trellis
        has sent. Renewals arrive in a coming Trellis release. Meanwhile, check that email delivery works (Settings →
        Integrations → Send test email), so renewal reminders reach customers when they start.
      </EmptyState>
    </>
  );
}
