import { Button, Group, NativeSelect, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/platform/api";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { claimLead, recordCeBooking, refreshLead, type LeadView, type PersonRef } from "@/pages/leads/api";

/** Who may act (the server's table, src/platform/http/authorization.ts); the server still decides. */
const CLAIMERS = new Set(["admin", "ae"]);
const BOOKERS = new Set(["admin", "sdr", "growth", "ce"]);
const KEEP_CE = "";

const customerEngineers = {
  queryKey: ["users", { role: "ce" }] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => api<{ items: PersonRef[] }>("/users", { query: { role: "ce" }, signal }),
  staleTime: 60_000,
};

/** T11 "Claim PQL" (an AE picks up a product-qualified lead) and T8 "Record CE booking". */
export function LifecycleActions({ lead }: { lead: LeadView }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [booking, setBooking] = useState(false);
  const claim = useMutation({
    mutationFn: () => claimLead(lead.id),
    onSuccess: async () => {
      notifySuccess("PQL claimed", `${lead.company} is yours; you were added to the trial channel.`);
      await refreshLead(queryClient, lead);
    },
    onError: (e) => notifyError(e, "claim this PQL"),
  });
  const role = session?.user.role ?? "";
  const canClaim = lead.statusKey === "pql" && CLAIMERS.has(role) && (!lead.ae || role === "admin");
  const canBook = lead.trial !== null && lead.trial.handedOffAt !== null && BOOKERS.has(role);
  if (!canClaim && !canBook) return null;
  return (
    <Group gap="sm">
      {canClaim ? (
        <Button variant="light" loading={claim.isPending} onClick={() => claim.mutate()}>
          Claim PQL
        </Button>
      ) : null}
      {canBook ? (
        <Button variant="default" onClick={() => setBooking(true)}>
          Record CE booking
        </Button>
      ) : null}
      {booking ? <CeBookingDialog lead={lead} onClose={() => setBooking(false)} /> : null}
    </Group>
  );
}

type BookingValues = { bookedFor: string; ceUserId: string };

function CeBookingDialog({ lead, onClose }: { lead: LeadView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const ces = useQuery(customerEngineers);
  const form = useForm<BookingValues>(
    { bookedFor: "", ceUserId: KEEP_CE },
    { bookedFor: (v) => (!v ? "When the meeting is booked for is required." : Number.isNaN(Date.parse(`${v}:00Z`)) ? "Enter a date and time." : null) },
  );
  const book = useMutation({
    mutationFn: () =>
      recordCeBooking(lead.id, {
        bookedFor: new Date(`${form.values.bookedFor}:00Z`).toISOString(),
        ...(form.values.ceUserId ? { ceUserId: form.values.ceUserId } : {}),
      }),
    onSuccess: async () => {
      notifySuccess("CE booking recorded", "The SDR is asked to schedule the CE; the trial channel exists.");
      onClose();
      await refreshLead(queryClient, lead);
    },
    onError: (e) => form.applyApiError(e, "The booking was not recorded."),
  });
  const options = [
    { value: KEEP_CE, label: lead.ce ? `Keep ${lead.ce.name}` : "The lead's CE (none yet)" },
    ...(ces.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
  ];
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Record a CE booking for ${lead.company}`}
      confirmLabel="Record booking"
      onConfirm={() => {
        if (form.validate()) book.mutate();
      }}
      pending={book.isPending}
      extra={
        <>
          <TextInput type="datetime-local" label="Booked for (UTC)" required {...form.text("bookedFor")} />
          <NativeSelect
            label="Customer engineer"
            data={options}
            value={form.values.ceUserId}
            error={form.errorOf("ceUserId")}
            onChange={(e) => form.setField("ceUserId", e.currentTarget.value)}
          />
          {form.formError ? <span role="alert">{form.formError}</span> : null}
        </>
      }
    >
      T8: the SDR owning the lead is emailed to schedule the CE, and the trial channel is created if it is missing.
    </ConfirmDialog>
  );
}
