import { Button, Group, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { notifySuccess } from "@/platform/ui/notify";
import { trialRoles } from "@/pages/trials/api";
import { checkSlug, decideQualification, refreshLead, SLUG_MAX, type LeadView, type QualificationDecision } from "@/pages/leads/api";

const MAX_REASON = 2000;
/** Statuses an SDR still decides on (T4); later ones have had their decision. */
const UNDECIDED_OTHER = new Set(["Working", "Nurture"]);
/** Trial states where provisioning can still be called off (T4.3). */
const PENDING = new Set(["queued", "provisioning", "provisioning_failed"]);

type Values = { slug: string; reason: string };

/** T4 actions on a lead: approve (T4.1), disqualify (T4.2), un-qualify an approved one (T4.3). */
export function QualificationActions({ lead }: { lead: LeadView }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<QualificationDecision | null>(null);
  const form = useForm<Values>(
    { slug: "", reason: "" },
    {
      slug: (v) => (open === "approve" ? checkSlug(v) : null),
      reason: (v) => {
        const text = v.trim();
        if (open === "unqualify" && !text) return "A comment for the cloud team is required.";
        return text.length > MAX_REASON ? `At most ${MAX_REASON} characters.` : null;
      },
    },
  );
  const decide = useMutation({
    mutationFn: (decision: QualificationDecision) =>
      decideQualification(lead.id, {
        decision,
        ...(decision === "approve" && form.values.slug.trim() ? { slug: form.values.slug.trim() } : {}),
        ...(decision !== "approve" && form.values.reason.trim() ? { reason: form.values.reason.trim() } : {}),
      }),
    onSuccess: async (_r, decision) => {
      const done = { approve: "Trial approved", disqualify: "Lead disqualified", unqualify: "Lead un-qualified" }[decision];
      const what = {
        approve: `${lead.company}'s instance is requested (or queued when capacity is full).`,
        disqualify: `${lead.name} gets the high-demand email.`,
        unqualify: "Provisioning is cancelled and cloud ops are alerted.",
      }[decision];
      notifySuccess(done, what);
      close();
      await refreshLead(queryClient, lead);
    },
    onError: (e) => form.applyApiError(e, "The decision was not recorded."),
  });
  const close = () => {
    setOpen(null);
    form.reset();
    decide.reset();
  };
  const submit = (decision: QualificationDecision) => {
    if (form.validate()) decide.mutate(decision);
  };

  if (!session || !trialRoles.qualify.has(session.user.role)) return null;
  const undecided = (lead.statusKey === "new" || UNDECIDED_OTHER.has(lead.status)) && !lead.trial;
  const canUnqualify = lead.statusKey === "approved" && lead.trial !== null && PENDING.has(lead.trial.state);
  if (!undecided && !canUnqualify) return null;

  const formError = form.formError ? <span role="alert">{form.formError}</span> : null;
  return (
    <Group gap="sm">
      {undecided ? (
        <>
          <Button onClick={() => setOpen("approve")}>Approve trial</Button>
          <Button variant="default" onClick={() => setOpen("disqualify")}>
            Disqualify
          </Button>
        </>
      ) : null}
      {canUnqualify ? (
        <Button variant="default" color="red" onClick={() => setOpen("unqualify")}>
          Un-qualify
        </Button>
      ) : null}
      <ConfirmDialog
        opened={open === "approve"}
        onClose={close}
        title={`Approve a trial for ${lead.company}`}
        confirmLabel="Approve trial"
        onConfirm={() => submit("approve")}
        pending={decide.isPending}
        extra={
          <>
            <TextInput
              label="Instance slug (optional)"
              description={`Lowercase letters, digits and hyphens, at most ${SLUG_MAX} characters. Empty: derived from the company name.`}
              maxLength={SLUG_MAX + 5}
              {...form.text("slug")}
              onChange={(e) => form.setField("slug", e.currentTarget.value.toLowerCase())}
            />
            {formError}
          </>
        }
      >
        The lead becomes <b>Approved trial</b>: the owning AE is told if {lead.company} is a customer or strategic account, the
        trial channel is created, a trial license is issued and the instance is requested from the provisioner.{" "}
        {lead.capacity.remaining > 0
          ? `${lead.capacity.remaining} of ${lead.capacity.max} instance slots are free.`
          : "Capacity is full: the trial waits in line until a slot frees."}
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === "disqualify"}
        onClose={close}
        title={`Disqualify ${lead.company}'s request`}
        confirmLabel="Disqualify"
        intent="danger"
        onConfirm={() => submit("disqualify")}
        pending={decide.isPending}
        extra={
          <>
            <Textarea label="Reason (optional, internal)" autosize minRows={2} {...form.text("reason")} onChange={(e) => form.setField("reason", e.currentTarget.value)} />
            {formError}
          </>
        }
      >
        The lead becomes <b>disqualified / Does not meet trial criteria</b>, an alert is posted, and {lead.name} ({lead.email}) is
        sent the “high demand” email saying we can't provision a trial right now.
      </ConfirmDialog>
      <ConfirmDialog
        opened={open === "unqualify"}
        onClose={close}
        title={`Un-qualify ${lead.company}`}
        confirmLabel="Un-qualify"
        intent="danger"
        onConfirm={() => submit("unqualify")}
        pending={decide.isPending}
        extra={
          <>
            <Textarea
              label="Comment for the cloud team"
              required
              autosize
              minRows={2}
              {...form.text("reason")}
              onChange={(e) => form.setField("reason", e.currentTarget.value)}
            />
            {formError}
          </>
        }
      >
        The pending provisioning request for <b>{lead.trial?.slug ?? lead.company}</b> is cancelled with your comment and cloud
        ops are alerted. The lead becomes <b>Unqualified</b>.
      </ConfirmDialog>
    </Group>
  );
}
