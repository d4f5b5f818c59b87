import { Button, Group, List, Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { FormEvent } from "react";
import { useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { addDays, formatArr, formatDay } from "@/pages/accounts/format";
import { OUTCOMES, outcomeLabel, processRenewal, type Outcome, type ProcessInput, type RenewalDetail, type RenewalsPack } from "@/pages/renewals/api";
import { parseMoney, useRenewalAction } from "@/pages/renewals/useRenewalAction";

type Values = { outcome: string; renewedArr: string; contractStart: string; contractEnd: string; seats: string; note: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const NOTE_MAX = 5000;

/** The renewed ARR an outcome starts from: 0 for full churn, the current ARR for flat, the projection when it matches. */
function renewedArrFor(outcome: string, r: RenewalDetail): string {
  if (outcome === "full_churn") return "0";
  if (outcome === "flat") return r.currentArr === null ? "" : String(r.currentArr);
  if (outcome === r.projectedOutcome && r.projectedArr !== null) return String(r.projectedArr);
  return "";
}

/**
 * R5: the renewal happened (or did not). Says exactly what changes on the account, since
 * processing closes the cycle, rewrites the account's contract and may take it out of the book.
 */
export function ProcessDialog({ renewal: r, pack, onClose }: { renewal: RenewalDetail; pack: RenewalsPack | undefined; onClose: () => void }) {
  const start = r.renewalDate;
  const initialOutcome = r.projectedOutcome ?? "flat";
  const form = useForm<Values>(
    {
      outcome: initialOutcome,
      renewedArr: renewedArrFor(initialOutcome, r),
      contractStart: start,
      contractEnd: addDays(start, 365),
      seats: "",
      note: "",
    },
    {
      outcome: (v) => (v ? null : "Choose the outcome."),
      renewedArr: (v, all) => {
        const n = parseMoney(v);
        if (n === null) return v.trim() ? "Enter a whole dollar amount, 0 or more." : "Renewed ARR is required.";
        return all.outcome === "full_churn" && n !== 0 ? "A full churn renews at $0." : null;
      },
      contractStart: (v, all) => (all.outcome === "full_churn" ? null : !v ? "Contract start is required." : DAY.test(v) ? null : "Enter a date like 2027-03-31."),
      contractEnd: (v, all) => {
        if (all.outcome === "full_churn") return null;
        if (!v) return "Contract end is required.";
        if (!DAY.test(v)) return "Enter a date like 2027-03-31.";
        if (v <= all.contractStart) return "The contract must end after it starts.";
        if (v <= r.renewalDate) return `The new contract must end after the current renewal date (${formatDay(r.renewalDate)}).`;
        return null;
      },
      seats: (v) => (!v.trim() ? null : /^\d{1,9}$/.test(v.trim()) ? null : "Seats is a whole number."),
      note: (v) => (v.length > NOTE_MAX ? `At most ${NOTE_MAX} characters.` : null),
    },
  );
  const process = useRenewalAction((input: ProcessInput) => processRenewal(r.id, input), {
    title: "Renewal processed",
    message: (next) =>
      next.outcome === "full_churn"
        ? `${next.account.name} churned; it left the book.`
        : `${next.account.name} renews at ${formatArr(next.renewedArr)} until ${formatDay(next.nextContractEnd)}.`,
    onDone: onClose,
    onError: (e) => form.applyApiError(e, "The renewal was not processed."),
  });
  const v = form.values;
  const churn = v.outcome === "full_churn";
  const renewed = parseMoney(v.renewedArr);
  const lost = renewed !== null && r.currentArr !== null ? r.currentArr - renewed : null;
  const retroOver = pack?.churnRetroArrOver;
  const retro = (v.outcome === "full_churn" || v.outcome === "partial_churn") && lost !== null && retroOver !== undefined && lost > retroOver;
  const nextOpensNow = !churn && pack !== undefined && DAY.test(v.contractEnd) && v.contractEnd <= addDays(r.renewalDate, pack.startDaysBeforeRenewal);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) return;
    const note = v.note.trim();
    process.mutate({
      outcome: v.outcome as Outcome,
      renewedArr: renewed ?? 0,
      ...(churn ? {} : { contractStart: v.contractStart, contractEnd: v.contractEnd }),
      ...(v.seats.trim() && !churn ? { seats: Number(v.seats.trim()) } : {}),
      ...(note ? { note } : {}),
    });
  };

  return (
    <Modal opened onClose={process.isPending ? () => undefined : onClose} title={`Process the renewal of ${r.account.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Outcome"
              required
              data-autofocus
              data={OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(r.outcomeLabels, o) }))}
              value={v.outcome}
              error={form.errorOf("outcome")}
              onChange={(e) => {
                const outcome = e.currentTarget.value;
                form.setField("outcome", outcome);
                form.setField("renewedArr", renewedArrFor(outcome, r));
              }}
            />
            <TextInput label="Renewed ARR ($)" inputMode="numeric" required readOnly={churn} description={`Current ARR ${formatArr(r.currentArr)}.`} {...form.text("renewedArr")} />
            {churn ? null : (
              <>
                <TextInput label="New contract start" type="date" required {...form.text("contractStart")} />
                <TextInput label="New contract end" description="The next renewal date" type="date" required {...form.text("contractEnd")} />
                <TextInput label="Seats" inputMode="numeric" description="Optional: the renewed seat count." {...form.text("seats")} />
              </>
            )}
          </SimpleGrid>
          <Textarea label="Note" description="Optional: anything worth keeping with the renewal." autosize minRows={2} {...form.text("note")} onChange={(e) => form.setField("note", e.currentTarget.value)} />
          <Notice tone={churn ? "danger" : "info"} heading="What happens" announce="none">
            <List size="sm" spacing={2}>
              <List.Item>This renewal cycle closes as “{outcomeLabel(r.outcomeLabels, v.outcome)}”; it cannot be processed again.</List.Item>
              {churn ? (
                <List.Item>
                  {r.account.name} becomes an attrited account with ARR $0 and leaves the book (C2); its stage and segment are worked out again.
                </List.Item>
              ) : (
                <List.Item>
                  {r.account.name}&apos;s ARR becomes {renewed === null ? "the renewed ARR" : formatArr(renewed)}, its contract runs {formatDay(v.contractStart)} –{" "}
                  {formatDay(v.contractEnd)}
                  {v.seats.trim() ? ` with ${v.seats.trim()} seats` : ""}; segment and stage are worked out again.
                </List.Item>
              )}
              {retro ? (
                <List.Item>
                  The ARR lost ({formatArr(lost)}) is over {formatArr(retroOver)}
                  {churn ? "" : " (a partial churn counts when the seats dropped)"}: a churn retro doc and a task for the AE are created, and the AE is emailed.
                </List.Item>
              ) : null}
              {nextOpensNow ? <List.Item>The new renewal date is within {pack?.startDaysBeforeRenewal} days, so the next cycle opens at once.</List.Item> : null}
            </List>
          </Notice>
          {form.formError ? <Notice heading="Not processed">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={process.isPending}>
              Cancel
            </Button>
            <Button type="submit" color={churn ? "red" : undefined} loading={process.isPending}>
              Process renewal
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            The server checks everything again; nothing changes unless all of it succeeds.
          </Text>
        </Stack>
      </form>
    </Modal>
  );
}
