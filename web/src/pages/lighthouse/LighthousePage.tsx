import { Box, Button, Group, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { Facts } from "@/platform/ui/Facts";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { RecordLoadError } from "@/platform/ui/RecordPage";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { StatusPill } from "@/platform/ui/StatusPill";
import { colors } from "@/theme";
import { formatArr, formatDay } from "@/pages/accounts/format";
import { PersonSelect } from "@/pages/accounts/PersonSelect";
import {
  addLighthouseUpdate,
  applyLighthouseChange,
  exitLighthouse,
  lighthouseQuery,
  lighthouseRoles,
  updateLighthouse,
  type LighthouseDetail,
  type LighthousePatch,
} from "@/pages/lighthouse/api";
import { rolesSentence } from "@/pages/renewals/api";
import { RenewalPill } from "@/pages/renewals/status";

const route = getRouteApi("/app/lighthouse/$programId");
const TEXT_MAX = 10_000;
const textMax = (v: string) => (v.length > TEXT_MAX ? `At most ${TEXT_MAX} characters.` : null);

/** R2/X: one Lighthouse save program: its plan, success criteria and exec sponsor, the weekly updates, and leadership's exit. */
export function LighthousePage() {
  const { programId } = route.useParams();
  const query = useQuery(lighthouseQuery(programId));
  const role = useSession()?.user.role ?? "";
  const [exiting, setExiting] = useState(false);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    return <RecordLoadError query={query} what="load this Lighthouse program" back={<AnchorLink to="/renewals/lighthouse">Back to Lighthouse</AnchorLink>} />;
  }
  const p = query.data;
  const active = p.status === "active";
  const canExit = lighthouseRoles.exit.has(role);
  const criteriaMissing = !p.successCriteria.trim();
  let exitWhy: string | null = null;
  if (active && !canExit) exitWhy = `Only ${rolesSentence(lighthouseRoles.exit)} exit Lighthouse.`;
  else if (active && criteriaMissing) exitWhy = "Write the success criteria first: exiting says they are met.";

  return (
    <Stack gap="lg">
      <RecordHeader
        crumb={{ to: "/renewals/lighthouse", label: "Lighthouse" }}
        title={`${p.account.name} in Lighthouse`}
        badges={
          <>
            <RenewalPill domain="lighthouse" status={p.status} size="md" />
            {p.account.healthBand ? (
              <Group gap={4}>
                <Text size="sm" c="dimmed">
                  Health
                </Text>
                <StatusPill domain="healthBand" status={p.account.healthBand} size="md" />
              </Group>
            ) : null}
            <Text size="sm" c="dimmed">
              {p.weeksIn} {p.weeksIn === 1 ? "week" : "weeks"} in · {p.updatesCount} {p.updatesCount === 1 ? "update" : "updates"}
            </Text>
          </>
        }
        actions={
          <Stack gap={4} align="flex-end">
            <Group gap="sm">
              <AnchorLink to="/accounts/$accountId" params={{ accountId: p.account.id }} size="sm">
                Open the account
              </AnchorLink>
              {p.renewalId ? (
                <AnchorLink to="/renewals/$renewalId" params={{ renewalId: p.renewalId }} size="sm">
                  Open the renewal
                </AnchorLink>
              ) : null}
              {active ? (
                <Button color="teal" onClick={() => setExiting(true)} disabled={exitWhy !== null} aria-describedby={exitWhy ? "exit-why" : undefined} aria-haspopup="dialog">
                  Exit Lighthouse
                </Button>
              ) : null}
            </Group>
            {exitWhy ? (
              <Text id="exit-why" size="xs" c="dimmed">
                {exitWhy}
              </Text>
            ) : null}
          </Stack>
        }
      >
        <Text size="sm" c="dimmed">
          ARR {formatArr(p.account.arr)} · renews {formatDay(p.account.renewalDate)} · entered <RelativeTime value={p.enteredAt} /> by {p.enteredBy}
        </Text>
      </RecordHeader>

      <Notice tone={active ? "warning" : "info"} heading={active ? "Why it entered" : "Exited"} announce="none">
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {p.entryReason}
        </Text>
        {!active ? (
          <Text size="sm" mt={4}>
            Exited {p.exitedAt ? <RelativeTime value={p.exitedAt} /> : null}
            {p.exitedBy ? ` by ${p.exitedBy}` : ""}
            {p.exitNote ? `: ${p.exitNote}` : "."}
          </Text>
        ) : null}
      </Notice>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <PlanSection key={`plan-${p.savePlan}|${p.successCriteria}|${p.execSponsor?.id ?? ""}`} program={p} role={role} />
        <UpdatesSection program={p} role={role} />
      </SimpleGrid>
      {exiting ? <ExitDialog program={p} onClose={() => setExiting(false)} /> : null}
    </Stack>
  );
}

type PlanValues = { savePlan: string; successCriteria: string; execSponsorUserId: string };

function PlanSection({ program: p, role }: { program: LighthouseDetail; role: string }) {
  const queryClient = useQueryClient();
  const canEdit = lighthouseRoles.edit.has(role) && p.status === "active";
  const form = useForm<PlanValues>(
    { savePlan: p.savePlan, successCriteria: p.successCriteria, execSponsorUserId: p.execSponsor?.id ?? "" },
    { savePlan: textMax, successCriteria: textMax },
  );
  const save = useMutation({
    mutationFn: (patch: LighthousePatch) => updateLighthouse(p.id, patch),
    onSuccess: async (next) => {
      notifySuccess("Plan saved", `${next.account.name}'s save plan, success criteria and exec sponsor are up to date.`);
      await applyLighthouseChange(queryClient, next.account.id, next);
    },
    onError: (e) => form.applyApiError(e, "The plan was not saved."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) return;
    const v = form.values;
    const patch: LighthousePatch = {};
    if (v.savePlan !== p.savePlan) patch.savePlan = v.savePlan;
    if (v.successCriteria !== p.successCriteria) patch.successCriteria = v.successCriteria;
    if (v.execSponsorUserId !== (p.execSponsor?.id ?? "")) patch.execSponsorUserId = v.execSponsorUserId || null;
    save.mutate(patch);
  };

  if (!canEdit) {
    return (
      <Section title="Save plan">
        <Facts
          items={[
            ["Save plan", p.savePlan.trim() ? <span style={{ whiteSpace: "pre-wrap" }}>{p.savePlan}</span> : "Not written yet"],
            ["Success criteria", p.successCriteria.trim() ? <span style={{ whiteSpace: "pre-wrap" }}>{p.successCriteria}</span> : "Not written yet"],
            ["Exec sponsor", p.execSponsor?.name ?? "None"],
          ]}
        />
        {p.status === "active" ? (
          <Text size="sm" c="dimmed" role="note">
            Only {rolesSentence(lighthouseRoles.edit)} edit the plan.
          </Text>
        ) : null}
      </Section>
    );
  }
  return (
    <Section title="Save plan">
      <form onSubmit={submit} noValidate aria-label="Save plan">
        <Stack gap="sm">
          <Textarea
            label="Save plan"
            description="What the account team does to save the renewal, and by when."
            autosize
            minRows={3}
            maxRows={12}
            {...form.text("savePlan")}
            onChange={(e) => form.setField("savePlan", e.currentTarget.value)}
          />
          <Textarea
            label="Success criteria"
            description="What must be true to exit Lighthouse; leadership checks them when exiting."
            autosize
            minRows={2}
            maxRows={10}
            {...form.text("successCriteria")}
            onChange={(e) => form.setField("successCriteria", e.currentTarget.value)}
          />
          <PersonSelect
            label="Exec sponsor"
            value={form.values.execSponsorUserId}
            onChange={(id) => form.setField("execSponsorUserId", id)}
            preferRole="leadership"
            emptyLabel="No exec sponsor"
            error={form.errorOf("execSponsorUserId")}
            description="Emailed with the account team when a renewal rating puts the account in Lighthouse."
          />
          {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function UpdatesSection({ program: p, role }: { program: LighthouseDetail; role: string }) {
  const queryClient = useQueryClient();
  const canPost = lighthouseRoles.postUpdate.has(role) && p.status === "active";
  const form = useForm<{ body: string }>({ body: "" }, { body: (v) => (!v.trim() ? "Write the update first." : textMax(v)) });
  const post = useMutation({
    mutationFn: (body: string) => addLighthouseUpdate(p.id, body),
    onSuccess: async () => {
      notifySuccess("Update posted", "This week's update task, if open, is completed.");
      form.reset();
      await applyLighthouseChange(queryClient, p.account.id);
    },
    onError: (e) => form.applyApiError(e, "The update was not posted."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) post.mutate(form.values.body.trim());
  };

  return (
    <Section title="Weekly updates">
      {canPost ? (
        <form onSubmit={submit} noValidate aria-label="Add an update">
          <Stack gap="xs">
            <Textarea
              label="New update"
              description="Where the save stands this week: what happened, what is next, what is blocked."
              autosize
              minRows={2}
              maxRows={10}
              {...form.text("body")}
              onChange={(e) => form.setField("body", e.currentTarget.value)}
            />
            {form.formError ? <Notice heading="Not posted">{form.formError}</Notice> : null}
            <Group justify="flex-end">
              <Button type="submit" loading={post.isPending}>
                Post update
              </Button>
            </Group>
          </Stack>
        </form>
      ) : p.status === "active" ? (
        <Text size="sm" c="dimmed" role="note">
          Only {rolesSentence(lighthouseRoles.postUpdate)} post updates.
        </Text>
      ) : null}
      {p.updates.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          No updates yet. The AE gets a task each week to post one here.
        </Text>
      ) : (
        <Box component="ol" aria-label="Updates" m={0} p={0} style={{ listStyle: "none" }}>
          {p.updates.map((u) => (
            <Box component="li" key={u.id} py="xs" style={{ borderTop: `1px solid ${colors.border}` }}>
              <Group gap="xs" mb={2}>
                <Text size="sm" fw={600}>
                  {u.author?.name ?? u.authorLabel}
                </Text>
                <RelativeTime value={u.createdAt} size="xs" c="dimmed" />
              </Group>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="trellis-break">
                {u.body}
              </Text>
            </Box>
          ))}
        </Box>
      )}
    </Section>
  );
}

function ExitDialog({ program: p, onClose }: { program: LighthouseDetail; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<{ note: string }>({ note: "" }, { note: (v) => (!v.trim() ? "Say how the criteria were met." : textMax(v)) });
  const exit = useMutation({
    mutationFn: (note: string) => exitLighthouse(p.id, note),
    onSuccess: async (next) => {
      notifySuccess("Lighthouse exited", `${next.account.name} left the save program; no more weekly update tasks.`);
      onClose();
      await applyLighthouseChange(queryClient, next.account.id, next);
    },
    onError: (e) => form.applyApiError(e, "Lighthouse was not exited."),
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Exit Lighthouse for ${p.account.name}?`}
      confirmLabel="Exit Lighthouse"
      onConfirm={() => {
        if (form.validate()) exit.mutate(form.values.note.trim());
      }}
      pending={exit.isPending}
      error={form.formError ? new Error(form.formError) : null}
      extra={
        <Textarea
          label="Exit note"
          required
          description="How the success criteria were met; kept on the program and the account's timeline."
          autosize
          minRows={2}
          {...form.text("note")}
          onChange={(e) => form.setField("note", e.currentTarget.value)}
        />
      }
    >
      <Text size="sm">
        The program ends now with your name and note: the account team stops getting weekly update tasks, and the account shows as exited. Success criteria:
      </Text>
      <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }} fs="italic">
        {p.successCriteria}
      </Text>
    </ConfirmDialog>
  );
}
