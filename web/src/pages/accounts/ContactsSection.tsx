import { Badge, Button, Checkbox, Group, Modal, SimpleGrid, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSession } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { tones } from "@/theme";
import { accountKeys, accountRoles, contactsQuery, createContact, deleteContact, updateContact, type AccountDetail, type Contact, type ContactInput } from "@/pages/accounts/api";
import { useAccountsPack } from "@/pages/accounts/pack";

type Dialog = { kind: "add" } | { kind: "edit"; contact: Contact } | { kind: "delete"; contact: Contact } | null;

/** The account's people, each tagged with roles from the pack (Champion, Instance Admin…). */
export function ContactsSection({ account }: { account: AccountDetail }) {
  const session = useSession();
  const contacts = useQuery(contactsQuery(account.id));
  const [dialog, setDialog] = useState<Dialog>(null);
  const canEdit = accountRoles.edit.has(session?.user.role ?? "");
  const items = contacts.data?.items ?? [];

  let body;
  if (contacts.isPending) body = <Skeleton height={60} aria-label="Loading contacts" />;
  else if (contacts.isError) body = <ErrorState error={contacts.error} what="load the contacts" onRetry={() => void contacts.refetch()} />;
  else if (items.length === 0)
    body = (
      <Text size="sm" c="dimmed" role="status">
        No contacts yet. Add the people you work with at {account.name} and tag their roles: the champion, the economic buyer, the instance
        admin.
      </Text>
    );
  else
    body = (
      <DataTable label="Contacts" columns={canEdit ? ["Name", "Email", "Title", "Roles", "Tagged", "Actions"] : ["Name", "Email", "Title", "Roles", "Tagged"]} minWidth={720}>
        {items.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td fw={500}>{c.name}</Table.Td>
            <Table.Td className="trellis-break">{c.email ?? "—"}</Table.Td>
            <Table.Td>{c.title ?? "—"}</Table.Td>
            <Table.Td>
              {c.roles.length ? (
                <Group gap={4}>
                  {c.roles.map((r) => (
                    <Badge key={r} size="sm" variant="light" color={tones.info} style={{ textTransform: "none" }}>
                      {r}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Badge size="sm" variant="outline" color={tones.warning} style={{ textTransform: "none" }}>
                  No role
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <RelativeTime value={c.taggedAt} empty="not yet" size="sm" />
            </Table.Td>
            {canEdit ? (
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" aria-label={`Edit contact ${c.name}`} onClick={() => setDialog({ kind: "edit", contact: c })}>
                    Edit
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={`Delete contact ${c.name}`} onClick={() => setDialog({ kind: "delete", contact: c })}>
                    Delete
                  </Button>
                </Group>
              </Table.Td>
            ) : null}
          </Table.Tr>
        ))}
      </DataTable>
    );

  return (
    <Section
      title="Contacts"
      actions={
        canEdit ? (
          <Button size="xs" variant="light" onClick={() => setDialog({ kind: "add" })}>
            Add contact
          </Button>
        ) : undefined
      }
    >
      {body}
      {dialog?.kind === "add" ? <ContactFormModal account={account} contact={null} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "edit" ? <ContactFormModal account={account} contact={dialog.contact} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "delete" ? <DeleteContactDialog account={account} contact={dialog.contact} onClose={() => setDialog(null)} /> : null}
    </Section>
  );
}

/** Contacts change the account's facts (count, untagged warning) and timeline: refetch all of them. */
async function afterContactChange(queryClient: ReturnType<typeof useQueryClient>, accountId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: accountKeys.contacts(accountId) }),
    queryClient.invalidateQueries({ queryKey: accountKeys.detail(accountId) }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", accountId] }),
  ]);
}

type Values = { name: string; email: string; title: string; roles: string[] };

function ContactFormModal({ account, contact, onClose }: { account: AccountDetail; contact: Contact | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const pack = useAccountsPack();
  const form = useForm<Values>(
    { name: contact?.name ?? "", email: contact?.email ?? "", title: contact?.title ?? "", roles: contact?.roles ?? [] },
    {
      name: rules.required("Name", 200),
      email: (v) => (v.trim() ? rules.email(v) : null),
      title: (v) => (v.trim().length > 200 ? "Title must be at most 200 characters long." : null),
    },
  );
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const input: ContactInput = { name: v.name.trim(), email: v.email.trim() || null, title: v.title.trim() || null, roles: v.roles };
      return contact ? updateContact(contact.id, input) : createContact(account.id, input);
    },
    onSuccess: async (saved) => {
      notifySuccess(contact ? "Contact saved" : "Contact added", saved.roles.length ? `${saved.name}: ${saved.roles.join(", ")}.` : `${saved.name} has no role yet.`);
      onClose();
      await afterContactChange(queryClient, account.id);
    },
    onError: (e) => form.applyApiError(e, "The contact was not saved."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  const offered = pack.data?.accounts.contactRoles ?? [];
  // A role the pack no longer lists stays visible (and removable) on contacts that have it.
  const roles = [...offered, ...form.values.roles.filter((r) => !offered.includes(r))];
  return (
    <Modal opened onClose={save.isPending ? () => undefined : onClose} title={contact ? `Edit ${contact.name}` : `Add a contact to ${account.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Name" required data-autofocus {...form.text("name")} />
            <TextInput label="Email" type="email" {...form.text("email")} />
            <TextInput label="Title" placeholder="VP Engineering" {...form.text("title")} />
          </SimpleGrid>
          {pack.isError ? (
            <ErrorState error={pack.error} what="load the contact roles from the process pack" onRetry={() => void pack.refetch()} />
          ) : (
            <Checkbox.Group
              label="Roles"
              description="Tag every contact: the roles show who to talk to about what."
              value={form.values.roles}
              error={form.errorOf("roles")}
              onChange={(v) => form.setField("roles", v)}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
                {roles.map((r) => (
                  <Checkbox key={r} value={r} label={r} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {contact ? "Save contact" : "Add contact"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteContactDialog({ account, contact, onClose }: { account: AccountDetail; contact: Contact; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteContact(contact.id),
    onSuccess: async () => {
      notifySuccess("Contact deleted", `${contact.name} is no longer a contact of ${account.name}.`);
      onClose();
      await afterContactChange(queryClient, account.id);
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Delete ${contact.name}?`}
      confirmLabel="Delete contact"
      intent="danger"
      onConfirm={() => remove.mutate()}
      pending={remove.isPending}
      error={remove.error}
    >
      {contact.name}
      {contact.roles.length ? ` (${contact.roles.join(", ")})` : ""} is removed from {account.name}&apos;s contacts. The timeline keeps a record
      of the deletion. Nothing is sent to them.
    </ConfirmDialog>
  );
}
