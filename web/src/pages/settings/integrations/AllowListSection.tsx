import { Code, Group, Text } from "@mantine/core";
import { Env, EnvHint } from "@/pages/settings/integrations/EnvHint";
import { Section } from "@/platform/ui/Section";

/** Read-only: the allow-list lives in the environment so a signed-in account cannot open internal networks. */
export function AllowListSection({ hosts }: { hosts: string[] }) {
  return (
    <Section title="Outbound allow-list">
      <Text size="sm">
        Trellis refuses to call webhook URLs that point to private or loopback addresses (your internal network) unless the
        host is on this list.
      </Text>
      {hosts.length > 0 ? (
        <Group gap={6} role="list" aria-label="Allowed hosts">
          {hosts.map((h) => (
            <Code key={h} role="listitem">
              {h}
            </Code>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          The list is empty: only public addresses can be called.
        </Text>
      )}
      <EnvHint>
        Read-only here. To change it, set <Env name="TRELLIS_OUTBOUND_ALLOW" /> to a comma-separated list of hosts (for example{" "}
        <Code>TRELLIS_OUTBOUND_ALLOW=hooks.internal.example,10.0.0.5</Code>) in the server's environment and restart Trellis.
        Keeping it out of the UI means a signed-in account can't open your internal network.
      </EnvHint>
    </Section>
  );
}
