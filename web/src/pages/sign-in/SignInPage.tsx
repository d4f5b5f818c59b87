import { Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { useEffect, useState, type FormEvent } from "react";
import { isApiError } from "@/platform/api";
import { safeRedirect, signIn } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { SecretInput } from "@/platform/ui/SecretInput";
import { Notice } from "@/platform/ui/Notice";
import { wallClockMs } from "@/platform/time";

const route = getRouteApi("/sign-in");

/** Seconds left before another attempt is allowed (after a 429). */
function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => wallClockMs());
  useEffect(() => {
    if (until <= now) return undefined;
    const t = setTimeout(() => setNow(wallClockMs()), 1000);
    return () => clearTimeout(t);
  }, [until, now]);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return [left, (seconds) => {
    const start = wallClockMs();
    setNow(start);
    setUntil(start + seconds * 1000);
  }];
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function SignInPage() {
  const search = route.useSearch();
  const router = useRouter();
  const [waitLeft, startWait] = useCountdown();
  const form = useForm({ email: "", password: "" }, { email: rules.email, password: rules.required("Password") });

  const mutation = useMutation({
    mutationFn: () => signIn(form.values.email.trim(), form.values.password),
    onSuccess: () => {
      router.history.push(safeRedirect(search.redirect));
    },
    onError: (e) => {
      if (isApiError(e) && e.code === "rate_limited") startWait(e.retryAfter ?? 60);
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate() || waitLeft > 0) return;
    mutation.mutate();
  };

  const error = mutation.error;
  let problem: { title: string; text: string } | null = null;
  if (error && isApiError(error)) {
    if (error.code === "rate_limited") {
      problem = {
        title: "Too many sign-in attempts",
        text: waitLeft > 0 ? `${error.message} Try again in ${formatWait(waitLeft)}.` : `${error.message} You can try again now.`,
      };
    } else if (error.code === "invalid_credentials") {
      problem = { title: "Wrong email or password", text: error.message };
    } else {
      problem = { title: "Couldn't sign in", text: error.message };
    }
  } else if (error) {
    problem = { title: "Couldn't sign in", text: error.message };
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={400}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Text fw={700} c="var(--mantine-primary-color-filled)">
              Trellis
            </Text>
            <Title order={1}>Sign in</Title>
            <Text size="sm" c="dimmed">
              Use the email and password your Trellis admin gave you.
            </Text>
          </Stack>
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              {problem ? (
                <Notice heading={problem.title}>{problem.text}</Notice>
              ) : null}
              <TextInput label="Email" type="email" autoComplete="username" required autoFocus {...form.text("email")} />
              <SecretInput label="Password" autoComplete="current-password" required {...form.text("password")} />
              <Button type="submit" loading={mutation.isPending} disabled={waitLeft > 0} fullWidth>
                {waitLeft > 0 ? `Sign in (wait ${formatWait(waitLeft)})` : "Sign in"}
              </Button>
              <Text size="xs" c="dimmed">
                Forgot your password? Ask a Trellis admin to reset it.
              </Text>
            </Stack>
          </form>
        </Stack>
      </Paper>
    </Center>
  );
}
