import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifySuccess } from "@/platform/ui/notify";
import { applyRenewalChange, type RenewalDetail } from "@/pages/renewals/api";

/**
 * One renewal action (an API call answering the updated renewal): on success the page shows
 * the answer, everything that depends on it refetches (lists, forecast, account, Lighthouse,
 * tasks, docs) and a toast says what happened. Errors stay with the caller's form.
 */
export function useRenewalAction<A>(
  call: (args: A) => Promise<RenewalDetail>,
  done: { title: string; message?: (r: RenewalDetail) => string; onDone?: () => void; onError?: (e: unknown) => void },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (renewal) => {
      notifySuccess(done.title, done.message?.(renewal));
      done.onDone?.();
      await applyRenewalChange(queryClient, renewal);
    },
    onError: (e) => done.onError?.(e),
  });
}

/** "$120,000", "120000", "120 000" → 120000; null when it is not a whole amount. */
export function parseMoney(text: string): number | null {
  const t = text.replace(/[\s,$]/g, "");
  if (!/^\d{1,12}$/.test(t)) return null;
  return Number(t);
}
