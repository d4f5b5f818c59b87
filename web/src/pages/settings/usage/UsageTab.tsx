import { Badge, Button, Code, Group, Input, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { can, useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Facts } from "@/platform/ui/Facts";
import { notifySuccess } from "@/platform/ui/notify";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { Env, EnvHint } from "@/pages/settings/integrations/EnvHint";
import { putUsageSettings, usageSettingsQuery, type UsageSettings } from "@/pages/settings/usage/api";

/** Same rule as the pack's release list: "5.2" or "5.2.1". */
const VERSION = /^\d+\.\d+(\.\d+)?$/;

export function UsageTab() {
  const session = useSession();
  const isAdmin = session ? can.administer(session.user.role) : false;
  const query = useQuery(usageSettingsQuery);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) {
    return <ErrorState error={query.error} what="load the usage settings" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const settings = query.data;
  const packLatest = settings.releases[settings.releases.length - 1] ?? null;
  return (
    <Stack gap="lg">
      <Section title="Latest release">
        <Text size="sm">
          Instances are compared with this release: how many versions behind they are shows on each instance and counts toward
          customer health (S2).
        </Text>
        <Facts
          items={[
            [
              "Latest release",
              settings.latestRelease ? (
                <Group gap={6} component="span">
                  <Code>{settings.latestRelease}</Code>
                  <Badge size="xs" variant="light" color={settings.latestReleaseSource === "setting" ? "blue" : "gray"} style={{ textTransform: "none" }}>
                    {settings.latestReleaseSource === "setting" ? "Set by an admin" : "From the process pack"}
                  </Badge>
                </Group>
              ) : (
                "None"
              ),
            ],
            ["Pack's newest release", packLatest ? <Code>{packLatest}</Code> : "—"],
          ]}
        />
        {isAdmin ? <LatestReleaseForm settings={settings} packLatest={packLatest} /> : (
          <Text size="xs" c="dimmed">
            Only admins can override the latest release.
          </Text>
        )}
      </Section>
      <Section title="Releases">
        <Text size="sm" c="dimmed">
          Product releases the process pack lists, oldest first. Versions behind counts the releases between an instance's version
          and the latest. To add a release, update the pack (or set the latest release above until it is).
        </Text>
        {settings.releases.length > 0 ? (
          <Group gap={6} role="list" aria-label="Releases">
            {settings.releases.map((r) => (
              <Code key={r} role="listitem" fw={r === settings.latestRelease ? 700 : undefined}>
                {r}
              </Code>
            ))}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            The pack lists no releases.
          </Text>
        )}
      </Section>
      <Section title="Retention">
        <Facts items={[["Raw events kept", `${settings.retentionDays} days`]]} />
        <EnvHint>
          Raw usage events older than this are deleted daily; the daily and monthly rollups behind the charts and metrics are kept.
          To change it, set <Env name="TRELLIS_USAGE_RETENTION_DAYS" /> in the server's environment and restart Trellis.
        </EnvHint>
      </Section>
    </Stack>
  );
}

function LatestReleaseForm({ settings, packLatest }: { settings: UsageSettings; packLatest: string | null }) {
  const queryClient = useQueryClient();
  const overridden = settings.latestReleaseSource === "setting";
  const form = useForm(
    { latestRelease: overridden ? (settings.latestRelease ?? "") : "" },
    {
      latestRelease: (v) => {
        const t = v.trim();
        if (!t) return "Enter a release, like 5.2 or 5.2.1.";
        return VERSION.test(t) ? null : "Use a version like 5.2 or 5.2.1.";
      },
    },
  );

  const done = async (title: string, message: string) => {
    notifySuccess(title, message);
    await queryClient.invalidateQueries({ queryKey: usageSettingsQuery.queryKey });
    // Versions behind changes on every instance.
    await queryClient.invalidateQueries({ queryKey: ["instances"] });
  };

  const save = useMutation({
    mutationFn: () => putUsageSettings(form.values.latestRelease.trim()),
    onSuccess: () => done("Latest release set", `Instances are now compared with ${form.values.latestRelease.trim()}.`),
    onError: (e) => form.applyApiError(e, "Couldn't set the latest release."),
  });
  const clear = useMutation({
    mutationFn: () => putUsageSettings(null),
    onSuccess: async () => {
      form.reset({ latestRelease: "" });
      await done("Override cleared", packLatest ? `Instances are compared with the pack's newest release, ${packLatest}.` : "The pack's newest release applies.");
    },
    onError: (e) => form.applyApiError(e, "Couldn't clear the override."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-start" gap="sm" mt="xs">
        <TextInput
          label="Latest release override"
          placeholder={packLatest ?? "5.2.1"}
          w={280}
          autoComplete="off"
          {...form.text("latestRelease")}
        />
        <Stack gap={0}>
          <Input.Label aria-hidden="true" style={{ visibility: "hidden" }}>
            Save
          </Input.Label>
          <Group gap="xs">
            <Button type="submit" loading={save.isPending} disabled={clear.isPending}>
              Save override
            </Button>
            {overridden ? (
              <Button variant="default" onClick={() => clear.mutate()} loading={clear.isPending} disabled={save.isPending}>
                Clear override
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {overridden
          ? `Overrides the pack's newest release${packLatest ? ` (${packLatest})` : ""}; clear it to follow the pack again.`
          : `Empty: the pack's newest release${packLatest ? ` (${packLatest})` : ""} applies. Set one here when a release ships before the pack lists it.`}
      </Text>
      {form.formError ? (
        <Text size="sm" c="red" role="alert" mt="xs">
          {form.formError}
        </Text>
      ) : null}
    </form>
  );
}
