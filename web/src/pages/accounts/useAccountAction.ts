import { useMutation, useQueryClient } from "@tanstack/react-query";
import { nowMs } from "@/platform/time";
import { notifySuccess } from "@/platform/ui/notify";
import { applyAccountChange, type AccountDetail } from "@/pages/accounts/api";

/**
 * One account action (an API call answering the updated account): on success the page shows
 * the answer, everything that depends on the account refetches, a toast says what happened and
 * the dialog closes. Errors stay with the caller (on the form's fields or in the dialog).
 */
export function useAccountAction<A>(
  accountId: string,
  call: (args: A) => Promise<AccountDetail>,
  done: { title: string; message?: (a: AccountDetail) => string; onDone: () => void; onError?: (e: unknown) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (account) => {
      notifySuccess(done.title, done.message?.(account));
      done.onDone();
      await applyAccountChange(queryClient, accountId, account);
    },
    onError: (e) => done.onError?.(e),
  });
}

/** Today on the server's clock, as 'YYYY-MM-DD' (a simulated clock's today in demos). */
export function today(): string {
  return new Date(nowMs()).toISOString().slice(0, 10);
}
