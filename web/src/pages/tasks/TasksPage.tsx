import { Button } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { can, useSession } from "@/platform/auth";
import { PageHeader } from "@/platform/ui/PageHeader";
import { EmptyState } from "@/platform/ui/EmptyState";

export function TasksPage() {
  const session = useSession();
  const showOutbox = session ? can.viewOutbox(session.user.role) : false;
  return (
    <>
      <PageHeader title="Tasks" description="Work assigned to you and your team, by people and by rules." />
      <EmptyState
        title="No tasks yet"
        actions={
          showOutbox ? (
            <Button component={Link} to="/outbox" variant="light">
              See messages Trellis sent
            </Button>
          ) : null
        }
      >
        Tasks will appear here when a rule or a teammate assigns them (for example "follow up 10 days after hand-off"), with
        due dates that turn amber, then red, as they near their SLA. Tasks arrive in a coming Trellis release. Meanwhile, the
        messages Trellis already sends automatically are listed in the Outbox with their delivery status.
      </EmptyState>
    </>
  );
}
