import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/tiptap/styles.css";
import "./styles.css";

import { MantineProvider } from "@mantine/core";
import { Notifications, notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { setCsrfRefresher, setUnauthenticatedHandler } from "@/platform/api";
import { forgetSession, refreshCsrfToken } from "@/platform/auth";
import { queryClient } from "@/platform/query-client";
import { router } from "@/router";
import { theme, tones } from "@/theme";
import { wallClockMs } from "@/platform/time";

let lastSessionEnd = 0;

// Any call answered 401: the session expired or was revoked. Sign in again, then come back.
setUnauthenticatedHandler(() => {
  const location = router.state.location;
  if (location.pathname === "/sign-in" || wallClockMs() - lastSessionEnd < 2000) return;
  lastSessionEnd = wallClockMs();
  forgetSession();
  notifications.show({
    id: "session-ended",
    color: tones.warning,
    title: "Your session ended",
    message: "Sign in again to continue where you were.",
  });
  void router.navigate({ to: "/sign-in", search: { redirect: location.href } });
});
setCsrfRefresher(refreshCsrfToken);

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
