import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useForm } from "@/platform/form";
import { notifySuccess } from "@/platform/ui/notify";
import { SecretInput } from "@/platform/ui/SecretInput";
import { setUserPassword, usersQuery, type TeamUser } from "@/pages/settings/team/api";
import { MIN_PASSWORD_LENGTH, passwordRule } from "@/pages/settings/team/UserFormModal";
import { Notice } from "@/platform/ui/Notice";

/** Admin sets a person's password: for people added without one, or who forgot theirs. */
export function SetPasswordModal({ user, onClose }: { user: TeamUser; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm(
    { email: user.email, password: "" },
    { password: (value, values) => (value ? passwordRule(value, values) : "Password is required.") },
  );
  const mutation = useMutation({
    mutationFn: () => setUserPassword(user.id, form.values.password),
    onSuccess: async () => {
      onClose();
      notifySuccess(`Password set for ${user.name}`, "Give it to them over a private channel; they were signed out everywhere.");
      await queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
    },
    onError: (e) => form.applyApiError(e, "Couldn't set the password."),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };
  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : onClose} title={`Set a password for ${user.name}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {user.name} ({user.email}) signs in with this password from now on. Any session they have open ends, and their old
            password stops working.
          </Text>
          {form.formError ? (
            <Notice heading="Couldn't set the password">{form.formError}</Notice>
          ) : null}
          <SecretInput
            label="New password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters, not the email address.`}
            autoComplete="new-password"
            required
            data-autofocus
            {...form.text("password")}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Save password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
