import { Code, List, Text } from "@mantine/core";
import { OneTimeSecretModal } from "@/platform/ui/OneTimeSecretModal";
import { ingestUrl } from "@/pages/instances/api";

interface IngestTokenModalProps {
  instanceName: string;
  token: string;
  reason: "created" | "rotated";
  onClose: () => void;
}

/** The ingestion token, once, with where the instance sends its telemetry. */
export function IngestTokenModal({ instanceName, token, reason, onClose }: IngestTokenModalProps) {
  return (
    <OneTimeSecretModal
      title={reason === "created" ? `Instance ${instanceName} created` : `New ingestion token for ${instanceName}`}
      label="Ingestion token"
      description="Authenticates this instance's telemetry. Treat it like a password."
      secret={token}
      copyLabel="Copy token"
      doneLabel="I've stored the token"
      onClose={onClose}
      warning={
        <>
          Trellis keeps only a hash of this token and shows it only once. Put it in the instance's telemetry settings now. If it
          is lost, rotate the token on the instance page to get a new one{reason === "rotated" ? "" : " (the old one then stops working at once)"}.
          {reason === "rotated" ? " The previous token has already stopped working." : ""}
        </>
      }
    >
      <div>
        <Text size="sm" mb={4}>
          Point the instance's telemetry at this Trellis:
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            Events: <Code>POST {ingestUrl("events")}</Code> with <Code>Authorization: Bearer &lt;token&gt;</Code>
          </List.Item>
          <List.Item>
            Daily pings: <Code>POST {ingestUrl("pings")}</Code>, same header
          </List.Item>
          <List.Item>
            Segment-style sources: <Code>{ingestUrl("segment/batch")}</Code> with the token as the write key
          </List.Item>
        </List>
      </div>
    </OneTimeSecretModal>
  );
}
