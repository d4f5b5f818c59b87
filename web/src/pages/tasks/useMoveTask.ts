import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifyError } from "@/platform/ui/notify";
import { refreshTasks, taskKeys, updateTask, type Board, type TaskFilters } from "@/pages/tasks/api";
import { planMove, type MoveTarget, type PlannedMove } from "@/pages/tasks/board-move";

interface MoveVariables {
  taskId: string;
  plan: PlannedMove;
}

/**
 * Moves a card on the board shown with `filters`: the card moves at once (optimistic), the
 * server is told the new status and position, and a refusal puts the card back where it was.
 */
export function useMoveTask(filters: TaskFilters) {
  const queryClient = useQueryClient();
  const key = taskKeys.board(filters);
  const mutation = useMutation({
    mutationFn: ({ taskId, plan }: MoveVariables) => updateTask(taskId, { status: plan.status, position: plan.position }),
    onMutate: async ({ plan }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Board>(key);
      queryClient.setQueryData<Board>(key, plan.board);
      return { before };
    },
    onError: (error, _vars, context) => {
      if (context?.before) queryClient.setQueryData<Board>(key, context.before);
      notifyError(error, "move the task");
    },
    onSettled: async (task) => {
      await refreshTasks(queryClient, task ?? undefined);
    },
  });

  /** Plans the move on the board as shown now; a drop where the card already is does nothing. */
  const move = (taskId: string, target: MoveTarget): void => {
    const board = queryClient.getQueryData<Board>(key);
    const plan = board ? planMove(board, taskId, target) : null;
    if (plan) mutation.mutate({ taskId, plan });
  };

  return { move, pending: mutation.isPending };
}
