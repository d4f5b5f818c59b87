import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "@/platform/api";

/** One client for the app. Client errors (4xx) are answers, not blips: never retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
    mutations: { retry: false },
  },
});
