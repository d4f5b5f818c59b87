import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ApiError, isApiError } from "@/platform/api";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { applyAccountChange, createAccount, DEPLOYMENTS, updateAccount, type AccountDetail, type AccountInput, type Deployment } from "@/pages/accounts/api";
import { splitList } from "@/pages/accounts/format";
import { accountTypeNames, useAccountsPack } from "@/pages/accounts/pack";
import { PersonSelect } from "@/pages/accounts/PersonSelect";

/** The form's text, one key per API field so the API's field errors land on the right input. */
type Values = {
  name: string;
  domains: string;
  crmId: string;
  accountType: string;
  strategic: boolean;
  expectedCloseDate: string;
  arr: string;
  seats: string;
  developers: string;
  contractStart: string;
  contractEnd: string;
  deployment: string;
  aeUserId: string;
  ceUserId: string;
  tpmUserId: string;
  ieUserId: string;
};

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The API's bound on counts and amounts (src/domains/accounts/account-input.ts). */
const MAX_NUMBER = 2_000_000_000;

const whole = (what: string) => (v: string) => {
  const t = v.replace(/[\s,]/g, "");
  if (!t) return null;
  if (!/^\d+$/.test(t)) return `${what} is a whole number, like 250.`;
  return Number(t) > MAX_NUMBER ? `${what} is too large.` : null;
};
const day = (v: string) => (!v || DAY.test(v) ? null : "Enter a date like 2027-03-31.");

const validators = {
  name: rules.required("Name", 200),
  domains: (v: string) => {
    const bad = splitList(v.toLowerCase()).find((d) => !DOMAIN.test(d));
    return bad ? `“${bad}” is not a domain; write domains like acme.com, separated by spaces or commas.` : null;
  },
  crmId: (v: string) => (v.trim().length > 100 ? "CRM id must be at most 100 characters long." : null),
  arr: whole("ARR"),
  seats: whole("Seats"),
  developers: whole("Developers"),
  expectedCloseDate: (v: string, all: Values) => day(v) ?? (v && all.contractEnd && v > all.contractEnd ? "The close must not be after the renewal date (contract end)." : null),
  contractStart: day,
  contractEnd: (v: string, all: Values) => day(v) ?? (v && all.contractStart && v < all.contractStart ? "The contract must not end before it starts." : null),
};

function valuesOf(a: AccountDetail | null): Values {
  return {
    name: a?.name ?? "",
    domains: a?.domains.join(", ") ?? "",
    crmId: a?.crmId ?? "",
    accountType: a?.accountType ?? "",
    strategic: a?.strategic ?? false,
    expectedCloseDate: a?.expectedCloseDate ?? "",
    arr: a?.arr === null || a?.arr === undefined ? "" : String(a.arr),
    seats: a?.seats === null || a?.seats === undefined ? "" : String(a.seats),
    developers: a?.developers === null || a?.developers === undefined ? "" : String(a.developers),
    contractStart: a?.contractStart ?? "",
    contractEnd: a?.contractEnd ?? "",
    deployment: a?.deployment ?? "",
    aeUserId: a?.ae?.id ?? "",
    ceUserId: a?.ce?.id ?? "",
    tpmUserId: a?.tpm?.id ?? "",
    ieUserId: a?.ie?.id ?? "",
  };
}

const num = (v: string): number | null => (v.trim() ? Number(v.replace(/[\s,]/g, "")) : null);
const orNull = (v: string): string | null => (v.trim() ? v.trim() : null);

function toInput(v: Values): AccountInput {
  return {
    name: v.name.trim(),
    domains: splitList(v.domains.toLowerCase()),
    crmId: orNull(v.crmId),
    accountType: orNull(v.accountType),
    strategic: v.strategic,
    expectedCloseDate: orNull(v.expectedCloseDate),
    arr: num(v.arr),
    seats: num(v.seats),
    developers: num(v.developers),
    contractStart: orNull(v.contractStart),
    contractEnd: orNull(v.contractEnd),
    deployment: DEPLOYMENTS.find((d) => d.value === v.deployment)?.value ?? null,
    aeUserId: orNull(v.aeUserId),
    ceUserId: orNull(v.ceUserId),
    tpmUserId: orNull(v.tpmUserId),
    ieUserId: orNull(v.ieUserId),
  };
}

/** Create: only what was filled in. Edit: only what changed (null clears). */
function changes(before: AccountInput, after: AccountInput): Partial<AccountInput> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof AccountInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out as Partial<AccountInput>;
}

type AccountFormModalProps = { mode: "create"; onClose: () => void; onCreated: (account: AccountDetail) => void } | { mode: "edit"; account: AccountDetail; onClose: () => void };

/** New account, or edit one: company, deal and team, validated as you type with the API's rules. */
export function AccountFormModal(props: AccountFormModalProps) {
  const queryClient = useQueryClient();
  const pack = useAccountsPack();
  const existing = props.mode === "edit" ? props.account : null;
  const initial = valuesOf(existing);
  const form = useForm<Values>(initial, validators);

  const save = useMutation({
    mutationFn: async () => {
      const input = toInput(form.values);
      if (props.mode === "edit") return updateAccount(props.account.id, changes(toInput(initial), input));
      const filled = changes(toInput(valuesOf(null)), input);
      return createAccount({ ...filled, name: input.name });
    },
    onSuccess: async (account) => {
      if (props.mode === "edit") {
        notifySuccess("Account saved", `${account.name} is up to date.`);
        props.onClose();
      } else {
        notifySuccess(`${account.name} created`, "Set its TA support level to put it in the book.");
        props.onCreated(account);
      }
      await applyAccountChange(queryClient, account.id, account);
    },
    onError: (e) => {
      // A domain already on another account: the message names both; show it on the domains field.
      if (isApiError(e) && e.code === "already_exists" && e.issues.length === 0) {
        const field = (e.details as { field?: unknown } | null | undefined)?.field;
        form.applyApiError(typeof field === "string" ? e : new ApiError(e.status, e.code, e.message, { field: "domains" }), "The account was not saved.");
        return;
      }
      form.applyApiError(e, "The account was not saved.");
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };

  const types = accountTypeNames(pack.data);
  const typeOptions = [
    // Create may leave the type to the server (a prospect); an account always has one, so edit offers no blank.
    ...(props.mode === "create" ? [{ value: "", label: "Default (prospect)" }] : []),
    ...[...types, ...(form.values.accountType && !types.includes(form.values.accountType) ? [form.values.accountType] : [])].map((t) => ({ value: t, label: t })),
  ];
  const person = (field: "aeUserId" | "ceUserId" | "tpmUserId" | "ieUserId", label: string, role?: string) => (
    <PersonSelect label={label} preferRole={role} emptyLabel="Nobody" value={form.values[field]} error={form.errorOf(field)} onChange={(v) => form.setField(field, v)} />
  );

  return (
    <Modal opened onClose={save.isPending ? () => undefined : props.onClose} title={props.mode === "edit" ? `Edit ${props.account.name}` : "New account"} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="Name" required data-autofocus {...form.text("name")} />
            <TextInput label="Domains" description="Email domains, separated by spaces or commas; the first is the primary." placeholder="acme.com, acme.io" {...form.text("domains")} />
            <TextInput label="CRM id" {...form.text("crmId")} />
            <NativeSelect label="Account type" data={typeOptions} value={form.values.accountType} error={form.errorOf("accountType")} onChange={(e) => form.setField("accountType", e.currentTarget.value)} />
          </SimpleGrid>
          <Checkbox
            label="Strategic account"
            description="Trial signups from strategic accounts are routed to their owners."
            checked={form.values.strategic}
            onChange={(e) => form.setField("strategic", e.currentTarget.checked)}
          />
          <Title order={3} size="h5">
            Deal
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="Expected close" type="date" {...form.text("expectedCloseDate")} />
            <TextInput label="ARR ($)" inputMode="numeric" {...form.text("arr")} />
            <TextInput label="Seats" inputMode="numeric" {...form.text("seats")} />
            <TextInput label="Developers" description="Sets the segment once in the book." inputMode="numeric" {...form.text("developers")} />
            <TextInput label="Contract start" type="date" {...form.text("contractStart")} />
            <TextInput label="Contract end (renewal)" type="date" {...form.text("contractEnd")} />
            <NativeSelect
              label="Deployment"
              data={[{ value: "", label: "Not decided" }, ...DEPLOYMENTS]}
              value={form.values.deployment}
              error={form.errorOf("deployment")}
              onChange={(e) => form.setField("deployment", e.currentTarget.value as Deployment | "")}
            />
          </SimpleGrid>
          <Title order={3} size="h5">
            Team
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            {person("aeUserId", "Account executive (AE)", "ae")}
            {person("ceUserId", "Customer engineer (CE)", "ce")}
            {person("tpmUserId", "Technical program manager (TPM)")}
            {person("ieUserId", "Implementation engineer (IE)")}
          </SimpleGrid>
          {props.mode === "edit" ? (
            <Text size="xs" c="dimmed">
              The TA, support level, close and stage have their own actions on the account page.
            </Text>
          ) : null}
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {props.mode === "edit" ? "Save account" : "Create account"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
