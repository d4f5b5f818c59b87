import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { QueryError } from "@/platform/ui/QueryStates";
import { notifySuccess } from "@/platform/ui/notify";
import { Section } from "@/platform/ui/Section";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { useAccountsPack } from "@/pages/accounts/pack";
import { applyLighthouseChange, enterLighthouse, lighthouseListQuery, lighthouseRoles } from "@/pages/lighthouse/api";
import { accountRenewalsQuery, renewalsPackOf, rolesSentence } from "@/pages/renewals/api";
import { RenewalsTable } from "@/pages/renewals/RenewalsTable";
import { RenewalPill } from "@/pages/renewals/status";

/** The account page's renewals: every cycle (newest first) with rating, projection and Lighthouse, and "Enter Lighthouse…". */
export function AccountRenewalsPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const query = useQuery(accountRenewalsQuery(accountId));
  const active = useQuery(lighthouseListQuery("active"));
  const pack = useAccountsPack();
  const renewalsPack = renewalsPackOf(pack.data);
  const role = useSession()?.user.role ?? "";
  const navigate = useNavigate();
  const [entering, setEntering] = useState(false);

  const program = active.data?.items.find((p) => p.account.id === accountId);
  const canEnter = lighthouseRoles.enter.has(role);
  const items = query.data?.items ?? [];

  let body;
  if (query.isPending) body = <TableSkeleton label="Renewals of this account" columns={["Renewal date", "Status", "ARR", "Rating"]} rows={2} />;
  else if (query.isError && !query.data) body = <QueryError query={query} what="load the account's renewals" />;
  else if (items.length === 0) {
    const days = renewalsPack?.startDaysBeforeRenewal;
    body = (
      <Text size="sm" c="dimmed" role="status">
        No renewal cycle yet. While {accountName} is an in-book customer, a cycle opens {days ? `${days} days before` : "ahead of"} its contract end (the renewal
        date), with a Health Assessment doc and a task for the TA.
      </Text>
    );
  } else {
    body = (
      <RenewalsTable
        label="Renewals of this account"
        items={items}
        outcomeLabels={renewalsPack?.outcomeLabels}
        onOpen={(renewalId) => void navigate({ to: "/renewals/$renewalId", params: { renewalId } })}
        withoutAccount
        keyboard={false}
      />
    );
  }

  return (
    <Section
      title="Renewals"
      actions={
        <Group gap="sm">
          {program ? (
            <AnchorLink to="/lighthouse/$programId" params={{ programId: program.id }} aria-label={`In Lighthouse: open the program of ${accountName}`}>
              <RenewalPill domain="lighthouse" status="active" />
            </AnchorLink>
          ) : null}
          {canEnter && !program ? (
            <Button size="xs" variant="light" onClick={() => setEntering(true)} aria-haspopup="dialog" disabled={active.isPending}>
              Enter Lighthouse…
            </Button>
          ) : null}
        </Group>
      }
    >
      <Stack gap="xs">
        {body}
        {!canEnter && !program ? (
          <Text size="xs" c="dimmed">
            Only {rolesSentence(lighthouseRoles.enter)} enter an account into Lighthouse.
          </Text>
        ) : null}
      </Stack>
      {entering ? <EnterLighthouseDialog accountId={accountId} accountName={accountName} onClose={() => setEntering(false)} /> : null}
    </Section>
  );
}

const REASON_MAX = 10_000;

function EnterLighthouseDialog({ accountId, accountName, onClose }: { accountId: string; accountName: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<{ reason: string }>(
    { reason: "" },
    { reason: (v) => (!v.trim() ? "Say why the account needs saving." : v.length > REASON_MAX ? `At most ${REASON_MAX} characters.` : null) },
  );
  const enter = useMutation({
    mutationFn: (reason: string) => enterLighthouse(accountId, reason),
    onSuccess: async (program) => {
      notifySuccess("Entered Lighthouse", `${accountName} is in the save program; the AE gets a weekly update task.`);
      onClose();
      await applyLighthouseChange(queryClient, accountId, program);
      void navigate({ to: "/lighthouse/$programId", params: { programId: program.id } });
    },
    onError: (e) => form.applyApiError(e, "The account did not enter Lighthouse."),
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Enter ${accountName} into Lighthouse?`}
      confirmLabel="Enter Lighthouse"
      intent="danger"
      onConfirm={() => {
        if (form.validate()) enter.mutate(form.values.reason.trim());
      }}
      pending={enter.isPending}
      error={form.formError ? new Error(form.formError) : null}
      extra={
        <Textarea
          label="Reason"
          required
          description="Why the account is at risk; it heads the program and its timeline."
          autosize
          minRows={2}
          {...form.text("reason")}
          onChange={(e) => form.setField("reason", e.currentTarget.value)}
        />
      }
    >
      {accountName} enters the Lighthouse save program now: the AE (else the TA) gets an update task every week, and the program stays open until leadership exits
      it with its success criteria met.
    </ConfirmDialog>
  );
}
