import { Button } from "@mantine/core";
import type { ReactNode } from "react";

interface FilterChipProps {
  pressed: boolean;
  onToggle: (pressed: boolean) => void;
  color?: string;
  title?: string;
  children: ReactNode;
}

/** A filter toggle: a real button with aria-pressed (visible, clickable, announced as on/off). */
export function FilterChip({ pressed, onToggle, color, title, children }: FilterChipProps) {
  return (
    <Button
      size="compact-xs"
      radius="xl"
      variant={pressed ? "light" : "default"}
      color={color}
      aria-pressed={pressed}
      title={title}
      onClick={() => onToggle(!pressed)}
      leftSection={pressed ? <span aria-hidden="true">✓</span> : undefined}
      fw={pressed ? 600 : 400}
    >
      {children}
    </Button>
  );
}
