import { Button, Group, Menu, Modal, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { createDoc, docKeys, docTemplatesQuery, type Doc } from "@/pages/docs/api";

/** Same limit as the server's doc titles. */
const TITLE_MAX = 200;

/** "New doc": from one of the pack's templates (the Handoff Doc), or blank with a title; opens the new doc. */
export function NewDocMenu({ accountId }: { accountId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const templates = useQuery(docTemplatesQuery);
  const [blank, setBlank] = useState(false);

  const opened = async (doc: Doc) => {
    notifySuccess("Doc created", doc.title);
    await queryClient.invalidateQueries({ queryKey: docKeys.account(accountId) });
    await navigate({ to: "/docs/$docId", params: { docId: doc.id } });
  };
  const fromTemplate = useMutation({
    mutationFn: (template: string) => createDoc(accountId, { template }),
    onSuccess: opened,
    onError: (e) => notifyError(e, "create the doc"),
  });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="light" loading={fromTemplate.isPending}>
            New doc
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>From a template</Menu.Label>
          {templates.isPending ? <Menu.Item disabled>Loading templates…</Menu.Item> : null}
          {templates.isError ? <Menu.Item disabled>Couldn't load the templates</Menu.Item> : null}
          {(templates.data?.items ?? []).map((t) => (
            <Menu.Item key={t.key} onClick={() => fromTemplate.mutate(t.key)}>
              {t.title}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setBlank(true)}>Blank doc…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {blank ? <BlankDocModal accountId={accountId} onClose={() => setBlank(false)} onCreated={opened} /> : null}
    </>
  );
}

function BlankDocModal({ accountId, onClose, onCreated }: { accountId: string; onClose: () => void; onCreated: (doc: Doc) => Promise<void> }) {
  const form = useForm({ title: "" }, { title: rules.required("Title", TITLE_MAX) });
  const mutation = useMutation({
    mutationFn: () => createDoc(accountId, { title: form.values.title.trim() }),
    onSuccess: onCreated,
    onError: (e) => form.applyApiError(e, "Couldn't create the doc."),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };
  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : onClose} title="New blank doc" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput label="Title" required data-autofocus placeholder="Success plan" {...form.text("title")} />
          {form.formError ? <Notice heading="Couldn't create the doc">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Create doc
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
