import { Button } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { PageHeader } from "@/platform/ui/PageHeader";
import { EmptyState } from "@/platform/ui/EmptyState";

export function TrialsPage() {
  return (
    <>
      <PageHeader title="Trials" description="Trial requests and running trials, from signup to hand-off." />
      <EmptyState
        title="No trials here yet"
        actions={
          <Button component={Link} to="/settings/team" variant="light">
            Review who has access
          </Button>
        }
      >
        Trial requests will appear here as they arrive, with their status, owner, days left, usage and the SLA clock for each
        step (qualify, approve, provision, hand off). Trial handling arrives in a coming Trellis release. Meanwhile, make sure
        everyone who works trials (SDRs, Growth, Cloud ops) has a Trellis account with the right role, so requests can be
        assigned from day one.
      </EmptyState>
    </>
  );
}
