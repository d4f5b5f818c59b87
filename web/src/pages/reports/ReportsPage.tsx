import { Button } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { can, useSession } from "@/platform/auth";
import { PageHeader } from "@/platform/ui/PageHeader";
import { EmptyState } from "@/platform/ui/EmptyState";

export function ReportsPage() {
  const session = useSession();
  const showAudit = session ? can.viewAudit(session.user.role) : false;
  return (
    <>
      <PageHeader title="Reports" description="The numbers to watch: funnel, conversion, health and renewal forecast." />
      <EmptyState
        title="No reports yet"
        actions={
          showAudit ? (
            <Button component={Link} to="/audit" variant="light">
              Review automated actions
            </Button>
          ) : null
        }
      >
        Charts will appear here: the trial funnel, conversion by source, usage and health trends, and the renewal forecast,
        each with labelled axes and exact values on hover. Reports arrive once trials and accounts hold data. Meanwhile,
        every automated action Trellis takes is recorded, with the rule and process-pack version behind it, in the Audit log.
      </EmptyState>
    </>
  );
}
