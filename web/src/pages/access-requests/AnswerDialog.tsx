import { Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { answerAccessRequest, type AccessRequest } from "@/pages/access-requests/api";

type Values = { status: "granted" | "declined" | ""; note: string };

/** Records the instance admin's answer to an access request (T3). */
export function AnswerDialog({ request, onClose }: { request: AccessRequest; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>(
    { status: "", note: "" },
    {
      status: (v) => (v ? null : "Choose granted or declined."),
      note: (v) => (v.trim().length > 2000 ? "At most 2000 characters." : null),
    },
  );
  const answer = useMutation({
    mutationFn: () => {
      const note = form.values.note.trim();
      return answerAccessRequest(request.id, { status: form.values.status as "granted" | "declined", ...(note ? { note } : {}) });
    },
    onSuccess: async () => {
      notifySuccess(form.values.status === "granted" ? "Access granted" : "Access declined", `${request.email} on ${request.instance.slug}.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: ["access-requests"] });
      await queryClient.invalidateQueries({ queryKey: ["leads"] });
    },
    onError: (e) => form.applyApiError(e, "The answer was not recorded."),
  });
  return (
    <Modal opened onClose={answer.isPending ? () => undefined : onClose} title={`Answer ${request.name}'s request`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (form.validate()) answer.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {request.name} ({request.email}) asked for access to <b>{request.instance.slug}</b>. Record what the instance admin
            decided.
          </Text>
          <Radio.Group label="Answer" value={form.values.status} onChange={(v) => form.setField("status", v as Values["status"])} error={form.errorOf("status")}>
            <Group gap="lg" mt={4}>
              <Radio value="granted" label="Granted" />
              <Radio value="declined" label="Declined" />
            </Group>
          </Radio.Group>
          <Textarea label="Note (optional)" autosize minRows={2} {...form.text("note")} onChange={(e) => form.setField("note", e.currentTarget.value)} />
          {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={answer.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={answer.isPending}>
              Record answer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
