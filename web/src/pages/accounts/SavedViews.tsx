import { Button, Group, Modal, NativeSelect, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { accountKeys, createSavedView, deleteSavedView, savedViewsQuery, type AccountFilters, type SavedView } from "@/pages/accounts/api";
import { FILTER_KEYS, sameFilters, searchFromView, type AccountsSearch } from "@/pages/accounts/search";

interface SavedViewsProps {
  filters: AccountFilters;
  onApply: (search: AccountsSearch) => void;
}

const NONE = "";

/** Pick a saved view (yours and the shared ones), save the current filters as one, delete your own. */
export function SavedViews({ filters, onApply }: SavedViewsProps) {
  const views = useQuery(savedViewsQuery);
  const [dialog, setDialog] = useState<"save" | "delete" | null>(null);
  const items = views.data?.items ?? [];
  const current = items.find((v) => sameFilters(searchFromView(v.query), filters));
  const mine = items.filter((v) => v.mine);
  const shared = items.filter((v) => !v.mine);
  const label = (v: SavedView) => `${v.name}${v.mine && v.shared ? " (shared)" : ""}`;
  const hasFilters = FILTER_KEYS.some((k) => filters[k] !== undefined);
  const data = [
    { value: NONE, label: views.isPending ? "Loading views…" : current || !hasFilters ? "All accounts" : "Current filters (not saved)" },
    ...(mine.length ? [{ group: "My views", items: mine.map((v) => ({ value: v.id, label: label(v) })) }] : []),
    ...(shared.length ? [{ group: "Shared with everyone", items: shared.map((v) => ({ value: v.id, label: label(v) })) }] : []),
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect
        label="Saved view"
        size="xs"
        w={240}
        data={data}
        value={current?.id ?? NONE}
        error={views.isError ? "Couldn't load saved views." : undefined}
        onChange={(e) => {
          const view = items.find((v) => v.id === e.currentTarget.value);
          onApply(view ? searchFromView(view.query) : {});
        }}
      />
      <Button size="xs" variant="default" disabled={!hasFilters || current !== undefined} onClick={() => setDialog("save")} title={hasFilters ? undefined : "Set some filters or an order first"}>
        Save view
      </Button>
      {current?.mine ? (
        <Button size="xs" variant="subtle" color="red" onClick={() => setDialog("delete")}>
          Delete view
        </Button>
      ) : null}
      {dialog === "save" ? <SaveViewDialog filters={filters} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" && current ? <DeleteViewDialog view={current} onClose={() => setDialog(null)} /> : null}
    </Group>
  );
}

function SaveViewDialog({ filters, onClose }: { filters: AccountFilters; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({ name: "", shared: false }, { name: rules.required("Name", 100) });
  const save = useMutation({
    mutationFn: () => {
      const query: Record<string, string> = {};
      for (const key of FILTER_KEYS) {
        const v = filters[key];
        if (v !== undefined) query[key] = v;
      }
      return createSavedView({ name: form.values.name.trim(), query, shared: form.values.shared });
    },
    onSuccess: async (view) => {
      notifySuccess(`View “${view.name}” saved`, view.shared ? "Everyone can pick it from Saved view." : "Pick it from Saved view any time.");
      onClose();
      await queryClient.invalidateQueries({ queryKey: accountKeys.savedViews() });
    },
    onError: (e) => form.applyApiError(e, "The view was not saved."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  return (
    <Modal opened onClose={save.isPending ? () => undefined : onClose} title="Save the current filters as a view">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="View name" placeholder="My renewals this quarter" required data-autofocus {...form.text("name")} />
          <Switch
            label="Share with everyone"
            description="Shared views appear in everyone's Saved view list; only you can delete them."
            checked={form.values.shared}
            onChange={(e) => form.setField("shared", e.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed">
            The view keeps the filters and the sort order, not the page.
          </Text>
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save view
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteViewDialog({ view, onClose }: { view: SavedView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteSavedView(view.id),
    onSuccess: async () => {
      notifySuccess(`View “${view.name}” deleted`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: accountKeys.savedViews() });
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Delete the view “${view.name}”?`}
      confirmLabel="Delete view"
      intent="danger"
      onConfirm={() => remove.mutate()}
      pending={remove.isPending}
      error={remove.error}
    >
      {view.shared ? "It disappears from everyone's Saved view list. " : ""}The accounts are not touched; the filters stay on this page until you change them.
    </ConfirmDialog>
  );
}
