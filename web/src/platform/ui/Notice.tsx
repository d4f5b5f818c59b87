import { Alert, Text, type AlertProps } from "@mantine/core";
import type { ReactNode } from "react";
import { tones, type Tone } from "@/theme";

interface NoticeProps extends Omit<AlertProps, "title" | "color"> {
  tone?: Tone;
  /** Bold first line. Rendered as text, not as the alert's accessible label, so an alert
   *  titled "Wrong email or password" is not found by getByLabel("Email"). */
  heading?: ReactNode;
  children?: ReactNode;
  /** "alert" for failures the person must notice; "status" for calmer notes; none for static text. */
  announce?: "alert" | "status" | "none";
}

/** A coloured box with a short heading and an explanation. */
export function Notice({ tone = "danger", heading, children, announce = "alert", variant = "light", ...rest }: NoticeProps) {
  return (
    <Alert color={tones[tone]} variant={variant} role={announce === "none" ? undefined : announce} {...rest}>
      {heading ? (
        <Text size="sm" fw={600} mb={children ? 4 : 0}>
          {heading}
        </Text>
      ) : null}
      {children}
    </Alert>
  );
}
