import { Badge, Button, Grid, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { RichTextEditor } from "@mantine/tiptap";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useBlocker } from "@tanstack/react-router";
import { useEditor } from "@tiptap/react";
import { useState, type KeyboardEvent } from "react";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { Notice } from "@/platform/ui/Notice";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { tones } from "@/theme";
import { docKeys, refreshDoc, saveConflict, saveDoc, type Doc, type DocVersion, type SaveConflict } from "@/pages/docs/api";
import { docExtensions } from "@/pages/docs/editor-extensions";
import { DocToolbar } from "@/pages/docs/DocToolbar";
import { DocVersionsPanel } from "@/pages/docs/DocVersionsPanel";

/** Same limit as the server's doc titles. */
const TITLE_MAX = 200;

interface DocEditorProps {
  /** The doc as the server last sent it: the edit starts from the version it had at mount. */
  latest: Doc;
  canWrite: boolean;
  /** Drops the edit and starts again from the server's latest version. */
  onReload: () => void;
}

interface SaveInput {
  title: string;
  body: string;
  baseVersion: number;
}

/**
 * Edits one doc: title and rich text, Save (naming the version the edit started from, so a
 * colleague's save in between is a visible conflict, not a silent overwrite), an unsaved-changes
 * indicator that also guards leaving the page, and the version history beside it.
 */
export function DocEditor({ latest, canWrite, onReload }: DocEditorProps) {
  const [doc] = useState(latest);
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Doc>(doc);
  const [title, setTitle] = useState(doc.title);
  /** The editor's HTML for `base` (the editor normalises what it loads), known once it is created. */
  const [savedHtml, setSavedHtml] = useState<string | null>(null);
  const [html, setHtml] = useState("");
  const [conflict, setConflict] = useState<SaveConflict | null>(null);

  const editor = useEditor({
    extensions: docExtensions,
    content: doc.body,
    editable: canWrite,
    editorProps: { attributes: { "aria-label": "Doc text", role: "textbox", "aria-multiline": "true" } },
    onCreate: ({ editor: created }) => {
      const loaded = created.getHTML();
      setSavedHtml(loaded);
      setHtml(loaded);
    },
    onUpdate: ({ editor: changed }) => setHtml(changed.getHTML()),
  });

  const titleError = !title.trim() ? "Title is required." : title.trim().length > TITLE_MAX ? `Title must be at most ${TITLE_MAX} characters long.` : null;
  const dirty = savedHtml !== null && (html !== savedHtml || title.trim() !== base.title);

  const save = useMutation({
    mutationFn: (input: SaveInput) => saveDoc(doc.id, input),
    onSuccess: async (saved, input) => {
      setConflict(null);
      setBase(saved);
      setSavedHtml(input.body);
      queryClient.setQueryData(docKeys.detail(doc.id), saved);
      notifySuccess(saved.version === input.baseVersion ? "Nothing new to save" : `Saved version ${saved.version}`, saved.title);
      await refreshDoc(queryClient, saved);
    },
    onError: (e) => {
      const found = saveConflict(e);
      if (found) setConflict(found);
      else notifyError(e, "save the doc");
    },
  });
  const submit = (baseVersion: number) => {
    if (titleError || save.isPending) return;
    save.mutate({ title: title.trim(), body: html, baseVersion });
  };

  const blocker = useBlocker({ shouldBlockFn: () => dirty, enableBeforeUnload: () => dirty, withResolver: true });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      if (dirty && canWrite) submit(base.version);
    }
  };

  const restore = (v: DocVersion) => {
    setTitle(v.title);
    editor?.commands.setContent(v.body, { emitUpdate: true });
  };

  return (
    <Stack gap="md" onKeyDown={onKeyDown}>
      <Stack gap={4}>
        <Text size="xs">
          <AnchorLink to="/accounts/$accountId" params={{ accountId: doc.accountId }} size="xs">
            {doc.accountName}
          </AnchorLink>{" "}
          / Docs
        </Text>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={4}>
            <Title order={1}>{base.title}</Title>
            <Text size="xs" c="dimmed">
              Version {base.version}, last saved by {base.updatedBy} <RelativeTime value={base.updatedAt} size="xs" />
            </Text>
          </Stack>
          {canWrite ? (
            <Group gap="sm">
              <Badge role="status" variant="light" radius="sm" color={dirty ? tones.warning : tones.success} style={{ textTransform: "none" }}>
                {dirty ? "Unsaved changes" : "All changes saved"}
              </Badge>
              <Button onClick={() => submit(base.version)} loading={save.isPending} disabled={!dirty || titleError !== null}>
                Save
              </Button>
            </Group>
          ) : (
            <Badge variant="light" radius="sm" color={tones.neutral} style={{ textTransform: "none" }}>
              Read-only for your role
            </Badge>
          )}
        </Group>
      </Stack>

      {conflict ? (
        <Notice tone="warning" heading={`${conflict.updatedBy} saved version ${conflict.currentVersion} while you were editing`}>
          <Text size="sm">
            Your changes are not saved yet. Reload to continue from their version (copy anything of yours you want to keep first),
            or save yours over it: their version stays in the history.
          </Text>
          <Group mt="sm" gap="sm">
            <Button size="xs" variant="default" onClick={onReload}>
              Reload their version
            </Button>
            <Button size="xs" color={tones.warning} onClick={() => submit(conflict.currentVersion)} loading={save.isPending}>
              Save mine over it
            </Button>
          </Group>
        </Notice>
      ) : latest.version > base.version ? (
        <Notice tone="info" announce="status" heading={`${latest.updatedBy} saved version ${latest.version} since you opened this doc`}>
          <Group gap="sm" mt={4}>
            <Text size="sm">{dirty ? "Saving now would be refused as a conflict." : "Reload to see it."}</Text>
            <Button size="xs" variant="default" onClick={onReload}>
              Reload
            </Button>
          </Group>
        </Notice>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Stack gap="sm">
            <TextInput
              label="Title"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={titleError}
              readOnly={!canWrite}
              size="md"
            />
            <RichTextEditor editor={editor} aria-label="Doc editor">
              {canWrite ? <DocToolbar /> : null}
              <RichTextEditor.Content mih={360} />
            </RichTextEditor>
            {canWrite ? (
              <Text size="xs" c="dimmed">
                Keyboard: Ctrl/⌘ + S saves; Ctrl/⌘ + B bold, I italic, K link.
              </Text>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <DocVersionsPanel docId={doc.id} currentVersion={base.version} onRestore={canWrite ? restore : null} />
        </Grid.Col>
      </Grid>

      <ConfirmDialog
        opened={blocker.status === "blocked"}
        onClose={() => blocker.reset?.()}
        title="Leave without saving?"
        confirmLabel="Leave and discard changes"
        intent="danger"
        onConfirm={() => blocker.proceed?.()}
        pending={false}
      >
        Your changes to “{title.trim() || base.title}” since version {base.version} are not saved and will be lost.
      </ConfirmDialog>
    </Stack>
  );
}
