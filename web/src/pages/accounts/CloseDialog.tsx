import { Button, Group, List, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { DEPLOYMENTS, recordClose, type AccountDetail, type CloseInput, type Deployment } from "@/pages/accounts/api";
import { addDays, formatDay } from "@/pages/accounts/format";
import { stageNames, useAccountsPack } from "@/pages/accounts/pack";
import { today, useAccountAction } from "@/pages/accounts/useAccountAction";

type Values = {
  closedOn: string;
  contractStart: string;
  contractEnd: string;
  arr: string;
  seats: string;
  deployment: string;
  adminEmail: string;
  licenseTags: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const requiredDay = (what: string) => (v: string) => (!v ? `${what} is required.` : DAY.test(v) ? null : "Enter a date like 2027-03-31.");
const positive = (what: string) => (v: string) => {
  const t = v.replace(/[\s,]/g, "");
  if (!t) return `${what} is required.`;
  return /^\d+$/.test(t) && Number(t) > 0 ? null : `${what} is a whole number above 0.`;
};
const tags = (v: string): string[] => [...new Set(v.split(",").map((t) => t.trim()).filter(Boolean))];

/**
 * H5: the deal closed. Says exactly what Trellis will do (customer, subscription and license,
 * the managed-cloud instance request to cloud ops), because it reaches other teams.
 */
export function CloseDialog({ account, onClose }: { account: AccountDetail; onClose: () => void }) {
  const pack = useAccountsPack();
  const closedOn = account.expectedCloseDate && account.expectedCloseDate <= today() ? account.expectedCloseDate : today();
  const start = account.contractStart ?? closedOn;
  const form = useForm<Values>(
    {
      closedOn,
      contractStart: start,
      contractEnd: account.contractEnd ?? addDays(start, 365),
      arr: account.arr === null ? "" : String(account.arr),
      seats: account.seats === null ? "" : String(account.seats),
      deployment: account.deployment ?? "",
      adminEmail: "",
      licenseTags: "",
    },
    {
      closedOn: requiredDay("Closed on"),
      contractStart: requiredDay("Contract start"),
      contractEnd: (v, all) => requiredDay("Contract end")(v) ?? (v <= all.contractStart ? "The contract must end after it starts." : null),
      arr: positive("ARR"),
      seats: positive("Seats"),
      deployment: (v) => (v ? null : "Choose how it is deployed."),
      adminEmail: (v) => (v.trim() ? rules.email(v) : null),
      licenseTags: (v) => (tags(v).some((t) => t.length > 100) ? "Each tag at most 100 characters." : null),
    },
  );
  const close = useAccountAction(account.id, (input: CloseInput) => recordClose(account.id, input), {
    title: "Close recorded",
    message: (a) => `${a.name} is a customer now${a.stage ? `, stage ${a.stage}` : ""}.`,
    onDone: onClose,
    onError: (e) => form.applyApiError(e, "The close was not recorded."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) return;
    const v = form.values;
    const extra = tags(v.licenseTags);
    close.mutate({
      closedOn: v.closedOn,
      contractStart: v.contractStart,
      contractEnd: v.contractEnd,
      arr: Number(v.arr.replace(/[\s,]/g, "")),
      seats: Number(v.seats.replace(/[\s,]/g, "")),
      deployment: v.deployment as Deployment,
      ...(v.adminEmail.trim() ? { adminEmail: v.adminEmail.trim() } : {}),
      ...(extra.length ? { licenseTags: extra } : {}),
    });
  };
  const baseTags = pack.data?.handoff?.productionLicenseTags ?? [];
  const onboarding = stageNames(pack.data)[1];
  const managed = form.values.deployment === "cloud_managed";

  return (
    <Modal opened onClose={close.isPending ? () => undefined : onClose} title={`Record the close of ${account.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="Closed on" type="date" required data-autofocus {...form.text("closedOn")} />
            <TextInput label="Contract start" type="date" required {...form.text("contractStart")} />
            <TextInput label="Contract end" description="The renewal date" type="date" required {...form.text("contractEnd")} />
            <TextInput label="ARR ($)" inputMode="numeric" required {...form.text("arr")} />
            <TextInput label="Seats" inputMode="numeric" required {...form.text("seats")} />
            <NativeSelect
              label="Deployment"
              required
              data={[{ value: "", label: "Choose…" }, ...DEPLOYMENTS]}
              value={form.values.deployment}
              error={form.errorOf("deployment")}
              onChange={(e) => form.setField("deployment", e.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label="Instance admin email"
            description="Optional: who administers the production instance (mapped to it, and the license's contact)."
            {...form.text("adminEmail")}
          />
          <TextInput
            label="Extra license tags"
            description={`Comma-separated; added to ${baseTags.length ? baseTags.join(", ") : "the pack's production tags"}.`}
            {...form.text("licenseTags")}
          />
          <Notice tone="info" heading="What happens" announce="none">
            <List size="sm" spacing={2}>
              <List.Item>{account.name} becomes a customer, closed on {formatDay(form.values.closedOn)}, renewing on {formatDay(form.values.contractEnd)}.</List.Item>
              <List.Item>A production subscription and its license ({form.values.seats || "the"} seats) are issued.</List.Item>
              {managed ? (
                <List.Item>Cloud ops get the production instance request: a task with its SLA due date, an email and a post in their channel.</List.Item>
              ) : null}
              <List.Item>The stage moves to {onboarding ?? "onboarding"}; contacts must be tagged with their roles
                {pack.data?.accounts.contactsTaggedWithinDays ? ` within ${pack.data.accounts.contactsTaggedWithinDays} days` : " soon after"}.
              </List.Item>
            </List>
          </Notice>
          {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={close.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={close.isPending}>
              Record close
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            The server checks everything again; nothing is recorded unless all of it succeeds.
          </Text>
        </Stack>
      </form>
    </Modal>
  );
}
