import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { rolesQuery } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { notifySuccess } from "@/platform/ui/notify";
import { SecretInput } from "@/platform/ui/SecretInput";
import { createUser, updateUser, usersQuery, type CreateUserInput, type TeamUser, type UpdateUserInput } from "@/pages/settings/team/api";
import { Notice } from "@/platform/ui/Notice";

/** Same rule as the API: a password, when given, has at least 12 characters. */
export const MIN_PASSWORD_LENGTH = 12;

/** The server's password policy (src/platform/auth/passwords.ts), checked as you type. */
export function passwordRule(password: string, values: { email: string }): string | null {
  if (!password) return null;
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${length}).`;
  if (length > 1024) return "Password must be at most 1024 characters long.";
  if (password.trim().toLowerCase() === values.email.trim().toLowerCase()) return "Password must not be the same as the email address.";
  return null;
}

type UserFormModalProps = { mode: "create"; onClose: () => void } | { mode: "edit"; user: TeamUser; onClose: () => void };

export function UserFormModal(props: UserFormModalProps) {
  const { mode, onClose } = props;
  const editing = mode === "edit" ? props.user : null;
  const queryClient = useQueryClient();
  const roles = useQuery(rolesQuery);

  const form = useForm(
    {
      email: editing?.email ?? "",
      name: editing?.name ?? "",
      role: editing?.role ?? "",
      password: "",
      bookingUrl: editing?.bookingUrl ?? "",
    },
    {
      email: editing ? undefined : rules.email,
      name: rules.required("Name", 200),
      role: rules.required("Role"),
      password: passwordRule,
      bookingUrl: rules.optionalHttpsUrl,
    },
  );

  const mutation = useMutation({
    mutationFn: async (): Promise<TeamUser> => {
      const v = form.values;
      if (!editing) {
        const input: CreateUserInput = { email: v.email.trim(), name: v.name.trim(), role: v.role };
        if (v.password) input.password = v.password;
        if (v.bookingUrl.trim()) input.bookingUrl = v.bookingUrl.trim();
        return createUser(input);
      }
      const patch: UpdateUserInput = {};
      if (v.name.trim() !== editing.name) patch.name = v.name.trim();
      if (v.role !== editing.role) patch.role = v.role;
      const booking = v.bookingUrl.trim();
      if (booking !== (editing.bookingUrl ?? "")) patch.bookingUrl = booking || null;
      if (Object.keys(patch).length === 0) return editing;
      return updateUser(editing.id, patch);
    },
    onSuccess: async (user) => {
      onClose();
      notifySuccess(editing ? `Saved ${user.name}` : `Added ${user.name}`, editing ? undefined : `${user.email} can now be assigned work.`);
      await queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
    },
    onError: (e) => form.applyApiError(e, editing ? "Couldn't save the changes." : "Couldn't add the person."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };

  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.role, label: r.label }));
  const selectedRole = roles.data?.items.find((r) => r.role === form.values.role);
  const title = editing ? `Edit ${editing.name}` : "Add a person";

  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : onClose} title={title} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {form.formError ? (
            <Notice heading={editing ? "Couldn't save the changes" : "Couldn't add the person"}>{form.formError}</Notice>
          ) : null}
          {editing ? (
            <Text size="sm">
              <Text span c="dimmed">
                Email:{" "}
              </Text>
              {editing.email}
            </Text>
          ) : (
            <TextInput label="Email" type="email" required autoComplete="off" data-autofocus {...form.text("email")} />
          )}
          <TextInput label="Name" required autoComplete="off" {...form.text("name")} />
          <NativeSelect
            label="Role"
            required
            data={[{ value: "", label: roles.isPending ? "Loading roles…" : "Choose a role", disabled: true }, ...roleOptions]}
            value={form.values.role}
            onChange={(e) => form.setField("role", e.currentTarget.value)}
            error={form.errorOf("role")}
            disabled={roles.isPending}
            description={selectedRole?.description ?? (roles.isError ? "Couldn't load the roles; close and try again." : undefined)}
          />
          {editing ? null : (
            <SecretInput
              label="Password"
              description={`Optional. At least ${MIN_PASSWORD_LENGTH} characters. Leave empty to set one later.`}
              autoComplete="new-password"
              {...form.text("password")}
            />
          )}
          <TextInput
            label="Booking URL"
            description="Optional, https only. A calendar link Trellis puts in emails this person's customers receive."
            placeholder="https://cal.example.com/jane"
            type="url"
            autoComplete="off"
            {...form.text("bookingUrl")}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {editing ? "Save changes" : "Add to team"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
