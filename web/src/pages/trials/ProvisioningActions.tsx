import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { OneTimeSecretModal } from "@/platform/ui/OneTimeSecretModal";
import { Section } from "@/platform/ui/Section";
import { markReady, refreshTrials, reportFailure, retryProvisioning, trialRoles, type TrialView } from "@/pages/trials/api";

const MAX_ERROR = 2000;
type Dialog = "ready" | "failed" | null;

/** T6: the manual provisioner's "Mark ready" and "Report failure", and "Retry provisioning" after a failure. */
export function ProvisioningActions({ trial }: { trial: TrialView }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [token, setToken] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: () => retryProvisioning(trial.id),
    onSuccess: async () => {
      notifySuccess("Provisioning requested again", `Attempt ${trial.provisioningAttempt + 1} is on its way to the provisioner.`);
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => notifyError(e, "retry provisioning"),
  });
  const waiting = trial.state === "provisioning" || trial.state === "provisioning_failed";
  if (!session || !trialRoles.provision.has(session.user.role) || (!waiting && !token)) return null;
  const manual = trial.provisioner === "manual";

  return (
    <Section
      title="Provisioning"
      actions={
        <Group gap="sm">
          {manual && waiting ? <Button onClick={() => setDialog("ready")}>Mark ready</Button> : null}
          {manual && trial.state === "provisioning" ? (
            <Button variant="default" onClick={() => setDialog("failed")}>
              Report failure
            </Button>
          ) : null}
          {trial.state === "provisioning_failed" ? (
            <Button variant="light" loading={retry.isPending} onClick={() => retry.mutate()}>
              Retry provisioning
            </Button>
          ) : null}
        </Group>
      }
    >
      {trial.state === "provisioning_failed" ? (
        <Notice heading={`Attempt ${trial.provisioningAttempt} failed`}>
          {trial.provisioningError ?? "The provisioner gave no reason."} Retry once the cause is fixed{manual ? ", or mark it ready if the instance exists after all" : ""}.
        </Notice>
      ) : waiting ? (
        <Text size="sm" c="dimmed">
          {manual
            ? "Cloud ops were emailed the request. When the instance is up, mark it ready with its URL and the admin's password-reset link: the admin then gets the onboarding email."
            : `Attempt ${trial.provisioningAttempt} was sent to the provisioner; its signed callback hands the instance off.`}
        </Text>
      ) : null}
      {dialog === "ready" ? (
        <MarkReadyDialog trial={trial} onClose={() => setDialog(null)} onToken={setToken} />
      ) : null}
      {dialog === "failed" ? <ReportFailureDialog trial={trial} onClose={() => setDialog(null)} /> : null}
      {token ? (
        <OneTimeSecretModal
          title={`${trial.company}'s instance is handed off`}
          label="Ingestion token"
          description="Authenticates the instance's usage telemetry. Treat it like a password."
          secret={token}
          copyLabel="Copy token"
          doneLabel="I've stored the token"
          onClose={() => setToken(null)}
          warning="Trellis keeps only a hash of this token. Put it in the instance's telemetry settings now; if it is lost, rotate it on the instance page."
        />
      ) : null}
    </Section>
  );
}

type ReadyValues = { instanceUrl: string; passwordResetUrl: string };

function MarkReadyDialog({ trial, onClose, onToken }: { trial: TrialView; onClose: () => void; onToken: (token: string) => void }) {
  const queryClient = useQueryClient();
  const form = useForm<ReadyValues>({ instanceUrl: "", passwordResetUrl: "" }, { instanceUrl: rules.url, passwordResetUrl: rules.url });
  const ready = useMutation({
    mutationFn: () => markReady(trial.id, { instanceUrl: form.values.instanceUrl.trim(), passwordResetUrl: form.values.passwordResetUrl.trim() }),
    onSuccess: async (result) => {
      notifySuccess("Instance handed off", `${trial.adminEmail} gets the onboarding email with the password-reset link.`);
      onClose();
      onToken(result.ingestToken);
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => form.applyApiError(e, "The instance was not marked ready."),
  });
  return (
    <Modal opened onClose={ready.isPending ? () => undefined : onClose} title={`Mark ${trial.slug} ready`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (form.validate()) ready.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            This hands the instance off (T7): it is registered for {trial.company}, {trial.adminEmail} is emailed the onboarding
            email with the password-reset link (cc AE and CE), and the trial's days start.
          </Text>
          <TextInput label="Instance URL" placeholder="https://acme.example.com" required {...form.text("instanceUrl")} />
          <TextInput label="Password-reset URL" placeholder="https://acme.example.com/password-reset?code=…" required {...form.text("passwordResetUrl")} />
          {form.formError ? <Notice heading="Not marked ready">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={ready.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={ready.isPending}>
              Mark ready and email the admin
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReportFailureDialog({ trial, onClose }: { trial: TrialView; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<{ error: string }>({ error: "" }, { error: rules.required("What went wrong", MAX_ERROR) });
  const report = useMutation({
    mutationFn: () => reportFailure(trial.id, form.values.error.trim()),
    onSuccess: async () => {
      notifySuccess("Failure recorded", "Cloud ops are alerted; retry when the cause is fixed.");
      onClose();
      await refreshTrials(queryClient, trial);
    },
    onError: (e) => form.applyApiError(e, "The failure was not recorded."),
  });
  return (
    <Modal opened onClose={report.isPending ? () => undefined : onClose} title={`Report a failure for ${trial.slug}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (form.validate()) report.mutate();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="What went wrong"
            required
            autosize
            minRows={2}
            {...form.text("error")}
            onChange={(e) => form.setField("error", e.currentTarget.value)}
          />
          {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={report.isPending}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={report.isPending}>
              Report failure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
