import { Button, EmptyState as MantineEmptyState, Paper } from "@mantine/core";
import type { ReactNode } from "react";

interface EmptyStateProps {
  title: string;
  /** What will appear here and what to do now. */
  children: ReactNode;
  actions?: ReactNode;
  icon?: ReactNode;
}

/** An empty list or page that says what will appear and what to do meanwhile. */
export function EmptyState({ title, children, actions, icon }: EmptyStateProps) {
  return (
    <Paper withBorder radius="md" py="xl" px="lg" role="status">
      <MantineEmptyState icon={icon} withIndicatorBackground={icon !== undefined} maw={560} mx="auto">
        {/* Not a heading on purpose: "No trials here yet" must not match getByRole("heading", { name: "Trials" }). */}
        <MantineEmptyState.Title>{title}</MantineEmptyState.Title>
        <MantineEmptyState.Description>{children}</MantineEmptyState.Description>
        {actions ? <MantineEmptyState.Actions>{actions}</MantineEmptyState.Actions> : null}
      </MantineEmptyState>
    </Paper>
  );
}

/** A list empty only because of its filters: say what matched nothing and offer the way back. */
export function NoMatches({ title, onClear, children }: { title: string; onClear: () => void; children: ReactNode }) {
  return (
    <EmptyState
      title={title}
      actions={
        <Button variant="light" onClick={onClear}>
          Clear filters
        </Button>
      }
    >
      {children}
    </EmptyState>
  );
}
