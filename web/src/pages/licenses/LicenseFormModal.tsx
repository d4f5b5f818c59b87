import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { nowMs } from "@/platform/time";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { afterLicenseChange, createSubscription, issueLicense, type License, type SubscriptionSummary } from "@/pages/licenses/api";

/** The server's limits (src/domains/licenses/license-terms.ts). */
const MAX_USERS = 10_000_000;
const MAX_TAGS = 100;
const MAX_TAG_LENGTH = 100;

/** "a, b,,a " → ["a", "b"]: trimmed, empties and repeats dropped, as the server stores them. */
export const parseTags = (text: string): string[] => [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];

const usersRule = (v: string): string | null => {
  if (!v.trim()) return "Users is required (0 means unlimited).";
  if (!/^\d+$/.test(v.trim())) return "Enter a whole number of users, like 250 (0 means unlimited).";
  return Number(v) > MAX_USERS ? `At most ${MAX_USERS.toLocaleString("en")} users.` : null;
};
const tagsRule = (v: string): string | null => {
  const tags = parseTags(v);
  if (tags.length > MAX_TAGS) return `At most ${MAX_TAGS} tags.`;
  const long = tags.find((t) => t.length > MAX_TAG_LENGTH);
  return long ? `Each tag at most ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" is longer).` : null;
};
const expiresRule = (v: string): string | null => {
  if (!v) return "Expiry date is required.";
  const at = Date.parse(`${v}T00:00:00Z`);
  if (!Number.isFinite(at)) return "Enter a date like 2027-01-01.";
  return at <= nowMs() ? "The expiry must be in the future." : null;
};
const optional = (what: string, max: number) => (v: string) => (v.trim().length > max ? `${what} must be at most ${max} characters long.` : null);

type LicenseFormModalProps =
  | { mode: "subscription"; instance?: { id: string; slug: string } | undefined; onClose: () => void; onCreated: (subscriptionId: string) => void }
  | { mode: "license"; subscription: SubscriptionSummary; latest: License | null; onClose: () => void };

/** New production subscription with its first license, or a new license on a subscription (renewal, seat change). */
export function LicenseFormModal(props: LicenseFormModalProps) {
  const queryClient = useQueryClient();
  const latest = props.mode === "license" ? props.latest : null;
  const form = useForm(
    {
      name: "",
      crmAccountId: "",
      licensee: latest?.licensee ?? "",
      userCount: latest ? String(latest.userCount) : "",
      tags: latest ? latest.tags.join(", ") : "",
      expiresAt: "",
    },
    {
      name: props.mode === "subscription" ? rules.required("Name", 200) : undefined,
      crmAccountId: optional("CRM account id", 100),
      licensee: optional("Licensee", 200),
      userCount: usersRule,
      tags: tagsRule,
      expiresAt: expiresRule,
    },
  );

  const mutation = useMutation({
    mutationFn: async () => {
      const v = form.values;
      const terms = { userCount: Number(v.userCount.trim()), tags: parseTags(v.tags), expiresAt: v.expiresAt, ...(v.licensee.trim() ? { licensee: v.licensee.trim() } : {}) };
      if (props.mode === "license") return issueLicense(props.subscription.id, terms);
      return createSubscription({
        ...terms,
        name: v.name.trim(),
        ...(v.crmAccountId.trim() ? { crmAccountId: v.crmAccountId.trim() } : {}),
        ...(props.instance ? { instanceId: props.instance.id } : {}),
      });
    },
    onSuccess: async (issued) => {
      if (props.mode === "license") {
        props.onClose();
        notifySuccess("License issued", "It is at the top of the list; copy its key from there.");
        await afterLicenseChange(queryClient, props.subscription);
      } else {
        notifySuccess(`Subscription ${form.values.name.trim()} created`, "Its first license is signed and ready to copy.");
        await afterLicenseChange(queryClient);
        if (issued.subscriptionId) props.onCreated(issued.subscriptionId);
      }
    },
    onError: (e) => form.applyApiError(e, "Couldn't issue the license."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };
  const title = props.mode === "license" ? `Issue license for ${props.subscription.name}` : props.instance ? `New subscription for ${props.instance.slug}` : "New production subscription";

  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : props.onClose} title={title} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {props.mode === "subscription" ? (
            <>
              <TextInput label="Name" description="Usually the customer, e.g. Acme Corp production" required data-autofocus {...form.text("name")} />
              <TextInput label="CRM account id" description="Optional" {...form.text("crmAccountId")} />
            </>
          ) : (
            <Notice tone="info" announce="none">
              Licenses never change: this adds a new license to the subscription; the earlier ones stay in its history.
            </Notice>
          )}
          <TextInput
            label="Licensee"
            description={props.mode === "subscription" ? "Optional: defaults to the name in lowercase with dashes" : "Who the license is for"}
            {...form.text("licensee")}
          />
          <TextInput label="Users" description="0 means unlimited" required inputMode="numeric" {...form.text("userCount")} />
          <TextInput label="Tags" description="Comma-separated, e.g. plan:enterprise-1, true-up" {...form.text("tags")} />
          <TextInput label="Expires on" description="The license stops at 00:00 UTC on this date" type="date" required {...form.text("expiresAt")} />
          {form.formError ? <Notice heading="Couldn't issue the license">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {props.mode === "license" ? "Issue license" : "Create subscription"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
