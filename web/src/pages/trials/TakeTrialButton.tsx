import { Button } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useSession } from "@/platform/auth";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { assignTrial, refreshTrials, trialRoles, type TrialView } from "@/pages/trials/api";

interface TakeTrialButtonProps {
  trial: Pick<TrialView, "id" | "leadId" | "slug" | "company" | "growthOwner" | "state">;
  size?: "xs" | "sm";
  /** Shown instead when the button does not apply (someone owns it, or the role may not take it). */
  fallback?: ReactNode;
}

const CLOSED = new Set(["converted", "terminated", "cancelled"]);

/** T6 "I'm taking it": growth (or an admin) owns an unowned trial. Renders nothing when it does not apply. */
export function TakeTrialButton({ trial, size = "xs", fallback = null }: TakeTrialButtonProps) {
  const session = useSession();
  const queryClient = useQueryClient();
  const take = useMutation({
    mutationFn: () => assignTrial(trial.id),
    onSuccess: async () => {
      notifySuccess("You're taking it", `${trial.company} (${trial.slug}) is yours now.`);
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => notifyError(e, `take ${trial.company}'s trial`),
  });
  if (!session || !trialRoles.take.has(session.user.role) || trial.growthOwner || CLOSED.has(trial.state)) return fallback;
  return (
    <Button
      size={size === "xs" ? "compact-xs" : "sm"}
      variant="light"
      loading={take.isPending}
      onClick={() => take.mutate()}
      aria-label={size === "xs" ? `I'm taking it: ${trial.company}` : undefined}
    >
      I'm taking it
    </Button>
  );
}
