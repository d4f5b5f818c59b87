import { Container, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { sessionQuery } from "@/platform/auth";
import type { SignupAnswer } from "@/pages/signup/api";
import { SignupForm } from "@/pages/signup/SignupForm";
import { SignupResult } from "@/pages/signup/SignupResult";

/** T1: the public trial signup (no sign-in). The answer is immediate and honest about where the request stands. */
export function SignupPage() {
  // Someone signed in on this browser sends the session cookie: load it so writes carry the CSRF token.
  useQuery(sessionQuery);
  const [answer, setAnswer] = useState<SignupAnswer | null>(null);
  return (
    <Container size={560} py="xl" component="main">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>Start your 30-day cloud trial</Title>
          <Text c="dimmed" size="sm">
            Tell us who you are and we'll set up an instance for your company. No credit card needed.
          </Text>
        </Stack>
        <Paper withBorder radius="md" p="lg">
          {answer ? <SignupResult answer={answer} /> : <SignupForm onAnswer={setAnswer} />}
        </Paper>
      </Stack>
    </Container>
  );
}
