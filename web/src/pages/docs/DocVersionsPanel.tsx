import { Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { RichTextEditor } from "@mantine/tiptap";
import { useQuery } from "@tanstack/react-query";
import { useEditor } from "@tiptap/react";
import { useState } from "react";
import { ErrorState } from "@/platform/ui/ErrorState";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { docVersionQuery, docVersionsQuery, type DocVersion } from "@/pages/docs/api";
import { docExtensions } from "@/pages/docs/editor-extensions";

interface DocVersionsPanelProps {
  docId: string;
  /** The version the editor started from (marked "current"). */
  currentVersion: number;
  /** Puts an older version's title and text into the editor (saved only when the writer saves). */
  onRestore: ((version: DocVersion) => void) | null;
}

/** Every saved version, newest first, with who saved it; any one opens read-only. */
export function DocVersionsPanel({ docId, currentVersion, onRestore }: DocVersionsPanelProps) {
  const query = useQuery(docVersionsQuery(docId));
  const [viewing, setViewing] = useState<number | null>(null);
  const items = [...(query.data?.items ?? [])].sort((a, b) => b.version - a.version);

  let body;
  if (query.isPending) body = <Skeleton height={80} />;
  else if (query.isError && !query.data) body = <ErrorState error={query.error} what="load the versions" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  else {
    body = (
      <Stack component="ol" gap={4} m={0} p={0} aria-label="Versions" style={{ listStyle: "none" }}>
        {items.map((v) => (
          <li key={v.version}>
            <UnstyledButton
              onClick={() => setViewing(v.version)}
              aria-label={`View version ${v.version}, saved by ${v.editedBy}`}
              p={6}
              w="100%"
              style={{ borderRadius: "var(--mantine-radius-sm)" }}
            >
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  v{v.version}
                </Text>
                {v.version === currentVersion ? (
                  <Badge size="xs" variant="light" radius="sm">
                    current
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed">
                {v.editedBy} · <RelativeTime value={v.editedAt} size="xs" />
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    );
  }

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="doc-versions">
      <Stack gap="xs">
        <Title order={2} size="h5" id="doc-versions">
          Version history
        </Title>
        {body}
      </Stack>
      {viewing !== null ? (
        <VersionModal
          docId={docId}
          version={viewing}
          onClose={() => setViewing(null)}
          onRestore={
            onRestore && viewing !== currentVersion
              ? (v) => {
                  onRestore(v);
                  setViewing(null);
                }
              : null
          }
        />
      ) : null}
    </Paper>
  );
}

function VersionModal({ docId, version, onClose, onRestore }: { docId: string; version: number; onClose: () => void; onRestore: ((v: DocVersion) => void) | null }) {
  const query = useQuery(docVersionQuery(docId, version));
  return (
    <Modal opened onClose={onClose} title={`Version ${version} (read-only)`} size="xl">
      {query.isPending ? <Skeleton height={240} /> : null}
      {query.isError ? <ErrorState error={query.error} what={`load version ${version}`} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.data ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Saved by {query.data.editedBy}, <RelativeTime value={query.data.editedAt} size="sm" />.
          </Text>
          <Title order={2} size="h3">
            {query.data.title}
          </Title>
          <ReadOnlyBody html={query.data.body} />
          <Group justify="flex-end">
            {onRestore ? (
              <Button variant="default" onClick={() => onRestore(query.data)}>
                Copy this version into the editor
              </Button>
            ) : null}
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** The saved HTML shown through the editor's schema (nothing outside it renders), not editable. */
function ReadOnlyBody({ html }: { html: string }) {
  const editor = useEditor({
    extensions: docExtensions,
    content: html,
    editable: false,
    editorProps: { attributes: { "aria-label": "Version text", "aria-readonly": "true" } },
  });
  return (
    <RichTextEditor editor={editor}>
      <RichTextEditor.Content />
    </RichTextEditor>
  );
}
