import { notifications } from "@mantine/notifications";
import { describeError } from "@/platform/api";
import { tones } from "@/theme";

/** A short success toast: what happened. */
export function notifySuccess(title: string, message?: string): void {
  notifications.show({ color: tones.success, title, message: message ?? "", autoClose: 5000 });
}

/** Something partly went wrong and needs a look. */
export function notifyWarning(title: string, message: string): void {
  notifications.show({ color: tones.warning, title, message, autoClose: 10_000 });
}

/** A failure toast for actions (loads show ErrorState in place instead). */
export function notifyError(error: unknown, what: string): void {
  const { title, message, hint } = describeError(error, what);
  notifications.show({ color: tones.danger, title, message: `${message} ${hint}`, autoClose: 10_000 });
}
