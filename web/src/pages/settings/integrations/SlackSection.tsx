import { Facts } from "@/platform/ui/Facts";
import type { IntegrationsInfo } from "@/pages/settings/integrations/api";
import { Env, EnvHint } from "@/pages/settings/integrations/EnvHint";
import { Section } from "@/platform/ui/Section";

export function SlackSection({ slack }: { slack: IntegrationsInfo["slack"] }) {
  return (
    <Section title="Slack" configured={slack.configured}>
      <Facts items={[["Slack API", slack.apiUrl || "—"]]} />
      <EnvHint>
        {slack.configured ? (
          <>
            Rules post to the channels named in the process pack. To use another workspace or bot, change{" "}
            <Env name="SLACK_TOKEN" /> in the server's environment and restart Trellis.
          </>
        ) : (
          <>
            Trellis can't post to Slack yet. Create a Slack app with a bot token (chat:write), set <Env name="SLACK_TOKEN" /> in
            the server's environment (and <Env name="SLACK_API_URL" /> only for a gateway), then restart Trellis.
          </>
        )}
      </EnvHint>
    </Section>
  );
}
