import { Code, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** "Set X in the server's environment and restart": how settings that live in the environment change. */
export function EnvHint({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

export function Env({ name }: { name: string }) {
  return <Code>{name}</Code>;
}
