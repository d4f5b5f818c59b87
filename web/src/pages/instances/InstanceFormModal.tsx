import { Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import {
  applyInstanceChange,
  createInstance,
  INSTANCE_KINDS,
  instanceKeys,
  updateInstance,
  type CreateInstanceInput,
  type InstanceKind,
  type InstanceSummary,
  type UpdateInstanceInput,
} from "@/pages/instances/api";

/** Same rule as the server (domains/instances/instance-input.ts): a lowercase DNS label, "acme-trial". */
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/**
 * The default pack's trials.slugMaxLength. A pack with another limit is still enforced by the
 * server, whose answer lands on the Slug field.
 */
export const SLUG_MAX = 10;
/** Same limit as the server (domains/instances/routes.ts). */
const MAX_SEATS = 10_000_000;

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
}

const slugRule = (value: string): string | null => {
  const v = value.trim();
  if (!v) return "Slug is required.";
  if (!SLUG.test(v)) return "Use lowercase letters, digits and inner hyphens (e.g. acme-trial).";
  return v.length > SLUG_MAX ? `Slug must be at most ${SLUG_MAX} characters long (it has ${v.length}).` : null;
};

const optionalText = (what: string, max: number) => (value: string): string | null =>
  value.trim().length > max ? `${what} must be at most ${max} characters long.` : null;

const optionalEmail = (value: string): string | null => (value.trim() ? rules.email(value) : null);

const seatsRule = (value: string): string | null => {
  const v = value.trim();
  if (!v) return null;
  if (!/^\d+$/.test(v)) return "Enter a whole number of seats, like 250 (or leave it empty).";
  return Number(v) > MAX_SEATS ? `At most ${MAX_SEATS.toLocaleString("en")} seats.` : null;
};

const parseSeats = (value: string): number | null => (value.trim() ? Number(value.trim()) : null);

type InstanceFormModalProps =
  | { mode: "create"; onClose: () => void; onCreated: (instance: InstanceSummary, ingestToken: string) => void }
  | { mode: "edit"; instance: InstanceSummary; onClose: () => void };

/** Create an instance (the ingestion token comes back once), or edit its details. */
export function InstanceFormModal(props: InstanceFormModalProps) {
  const { onClose } = props;
  const editing = props.mode === "edit" ? props.instance : null;
  const queryClient = useQueryClient();
  const [slugEdited, setSlugEdited] = useState(editing !== null);

  const form = useForm(
    {
      slug: editing?.slug ?? "",
      name: editing?.name ?? "",
      kind: (editing?.kind ?? "trial") as string,
      company: editing?.company ?? "",
      adminEmail: editing?.adminEmail ?? "",
      seats: editing?.seats === null || editing?.seats === undefined ? "" : String(editing.seats),
    },
    {
      slug: editing ? undefined : slugRule,
      name: rules.required("Name", 200),
      kind: rules.required("Kind"),
      company: optionalText("Company", 200),
      adminEmail: optionalEmail,
      seats: seatsRule,
    },
  );

  const mutation = useMutation({
    mutationFn: async (): Promise<{ instance: InstanceSummary; ingestToken: string | null }> => {
      const v = form.values;
      const seats = parseSeats(v.seats);
      if (!editing) {
        const input: CreateInstanceInput = { slug: v.slug.trim(), name: v.name.trim(), kind: v.kind as InstanceKind };
        if (v.company.trim()) input.company = v.company.trim();
        if (v.adminEmail.trim()) input.adminEmail = v.adminEmail.trim();
        if (seats !== null) input.seats = seats;
        const created = await createInstance(input);
        return { instance: created.instance, ingestToken: created.ingestToken };
      }
      const patch: UpdateInstanceInput = {};
      if (v.name.trim() !== editing.name) patch.name = v.name.trim();
      if (v.kind !== editing.kind) patch.kind = v.kind as InstanceKind;
      if ((v.company.trim() || null) !== editing.company) patch.company = v.company.trim() || null;
      if ((v.adminEmail.trim() || null) !== editing.adminEmail) patch.adminEmail = v.adminEmail.trim() || null;
      if (seats !== editing.seats) patch.seats = seats;
      if (Object.keys(patch).length === 0) return { instance: editing, ingestToken: null };
      return { instance: await updateInstance(editing.id, patch), ingestToken: null };
    },
    onSuccess: async ({ instance, ingestToken }) => {
      if (props.mode === "create") {
        notifySuccess(`Instance ${instance.name} created`, "Copy its ingestion token now; it is shown only once.");
        props.onCreated(instance, ingestToken ?? "");
        await queryClient.invalidateQueries({ queryKey: instanceKeys.lists() });
      } else {
        onClose();
        notifySuccess(`Saved ${instance.name}`);
        await applyInstanceChange(queryClient, instance.id, instance);
      }
    },
    onError: (e) => form.applyApiError(e, editing ? "Couldn't save the changes." : "Couldn't create the instance."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };

  const nameProps = form.text("name");
  const onNameChange = (e: ChangeEvent<HTMLInputElement>) => {
    const name = e.currentTarget.value;
    nameProps.onChange(e);
    // Until the slug is typed by hand, it follows the name.
    if (!slugEdited) form.setField("slug", slugify(name));
  };
  const slugProps = form.text("slug");
  const onSlugChange = (e: ChangeEvent<HTMLInputElement>) => {
    setSlugEdited(true);
    // The server lowercases slugs; show what will be stored.
    form.setField("slug", e.currentTarget.value.toLowerCase());
  };

  const failed = editing ? "Couldn't save the changes" : "Couldn't create the instance";

  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : onClose} title={editing ? `Edit ${editing.name}` : "New instance"} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {form.formError ? <Notice heading={failed}>{form.formError}</Notice> : null}
          <TextInput label="Name" required autoComplete="off" data-autofocus placeholder="Acme Corp trial" {...nameProps} onChange={onNameChange} />
          {editing ? (
            <Text size="sm">
              <Text span c="dimmed">
                Slug:{" "}
              </Text>
              <Text span ff="monospace">
                {editing.slug}
              </Text>
            </Text>
          ) : (
            <TextInput
              label="Slug"
              required
              autoComplete="off"
              description={`A short unique id: lowercase letters, digits and inner hyphens, at most ${SLUG_MAX} characters.`}
              placeholder="acme-trial"
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              {...slugProps}
              onChange={onSlugChange}
            />
          )}
          <NativeSelect
            label="Kind"
            required
            data={INSTANCE_KINDS.map((k) => ({ value: k.value, label: k.label }))}
            value={form.values.kind}
            onChange={(e) => form.setField("kind", e.currentTarget.value)}
            error={form.errorOf("kind")}
            description="Trials count toward PQL (T11) and early termination (T9); production instances toward customer health."
          />
          <TextInput label="Company" autoComplete="off" placeholder="Acme Corp" {...form.text("company")} />
          <TextInput
            label="Admin email"
            type="email"
            autoComplete="off"
            description="The customer's site admin: who gets hand-off and warning emails."
            placeholder="admin@acme.example"
            {...form.text("adminEmail")}
          />
          <TextInput
            label="Seats"
            inputMode="numeric"
            autoComplete="off"
            description="Licensed seats, for MAU per seat. Leave empty if unknown."
            placeholder="250"
            w={200}
            {...form.text("seats")}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {editing ? "Save changes" : "Create instance"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
