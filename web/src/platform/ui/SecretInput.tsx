import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/**
 * A password field whose show/hide toggle is named without the word "password", so the
 * label "Password" points at exactly one control.
 */
export function SecretInput(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": "Show or hide the typed characters" }} {...props} />;
}
