import { Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";
import { useForm } from "@/platform/form";
import { Facts } from "@/platform/ui/Facts";
import { Notice } from "@/platform/ui/Notice";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { formatArr } from "@/pages/accounts/format";
import {
  OUTCOMES,
  outcomeLabel,
  projectRenewal,
  rateRenewal,
  RATINGS,
  renewalRoles,
  reviewRenewal,
  rolesSentence,
  type Outcome,
  type Rating,
  type RenewalDetail,
  type ReviewDecision,
} from "@/pages/renewals/api";
import { RatingPill, renewalStyle, ReviewPill } from "@/pages/renewals/status";
import { parseMoney, useRenewalAction } from "@/pages/renewals/useRenewalAction";

const NOTE_MAX = 5000;
const noteMax = (v: string) => (v.length > NOTE_MAX ? `At most ${NOTE_MAX} characters.` : null);

/** Who set something and when: "Tara Advisor, 3 days ago". */
function ByLine({ by, at }: { by: string | null; at: string | null }) {
  if (!by && !at) return null;
  return (
    <Text size="xs" c="dimmed">
      {by ?? "someone"}
      {at ? (
        <>
          , <RelativeTime value={at} />
        </>
      ) : null}
    </Text>
  );
}

/** Why a form is not offered: the role, or the cycle being closed. */
function NotAllowed({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" role="note">
      {children}
    </Text>
  );
}

type RatingValues = { rating: string; note: string };

/** R1/R2: the Health Assessment's rating (green, yellow, red) with its note; yellow or red enter Lighthouse. */
export function RatingSection({ renewal: r, role, lighthouseRatings }: { renewal: RenewalDetail; role: string; lighthouseRatings: readonly string[] }) {
  const canRate = renewalRoles.rate.has(role) && r.status === "open";
  const form = useForm<RatingValues>(
    { rating: r.rating ?? "", note: r.ratingNote ?? "" },
    {
      rating: (v) => (v ? null : "Choose green, yellow or red."),
      note: (v, all) => (all.rating && all.rating !== "green" && !v.trim() ? "Say why: a yellow or red rating needs a note." : noteMax(v)),
    },
  );
  const save = useRenewalAction((input: { rating: Rating; note?: string }) => rateRenewal(r.id, input), {
    title: "Rating saved",
    message: (next) =>
      next.lighthouse?.status === "active" && lighthouseRatings.includes(next.rating ?? "")
        ? `${next.account.name} is rated ${renewalStyle("rating", next.rating ?? "").label.toLowerCase()} and in the Lighthouse save program; managers are asked to review.`
        : "Managers are asked to review it.",
    onError: (e) => form.applyApiError(e, "The rating was not saved."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) return;
    const note = form.values.note.trim();
    save.mutate({ rating: form.values.rating as Rating, ...(note ? { note } : {}) });
  };
  const entersLighthouse = lighthouseRatings.includes(form.values.rating) && !r.lighthouse;

  return (
    <Section title="Rating">
      <Group gap="sm" align="center">
        <RatingPill rating={r.rating} size="md" />
        <ReviewPill rating={r.rating} decision={r.reviewDecision} size="md" />
      </Group>
      {r.rating ? (
        <Stack gap={2}>
          {r.ratingNote ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {r.ratingNote}
            </Text>
          ) : null}
          <ByLine by={r.ratedBy} at={r.ratedAt} />
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Not rated yet. The TA completes the Health Assessment doc, then rates the renewal here.
        </Text>
      )}
      {r.reviewDecision ? (
        <Stack gap={2}>
          <Text size="sm">
            Review: {renewalStyle("review", r.reviewDecision).label}
            {r.reviewNote ? ` — ${r.reviewNote}` : ""}
          </Text>
          <ByLine by={r.reviewedBy} at={r.reviewedAt} />
        </Stack>
      ) : null}
      {canRate ? (
        <form onSubmit={submit} noValidate aria-label="Rate the renewal">
          <Stack gap="sm">
            <Radio.Group
              label={r.rating ? "Change the rating" : "Rating"}
              required
              value={form.values.rating}
              onChange={(v) => form.setField("rating", v)}
              error={form.errorOf("rating")}
            >
              <Group gap="lg" mt={6}>
                {RATINGS.map((rating) => (
                  <Radio key={rating} value={rating} label={renewalStyle("rating", rating).label} description={renewalStyle("rating", rating).meaning} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label="Rating note"
              description="Why this rating: what the assessment found. Required for yellow and red."
              autosize
              minRows={2}
              maxRows={8}
              required={form.values.rating !== "" && form.values.rating !== "green"}
              {...form.text("note")}
              onChange={(e) => form.setField("note", e.currentTarget.value)}
            />
            {entersLighthouse ? (
              <Notice tone="warning" heading="This enters Lighthouse" announce="none">
                {r.account.name} enters the Lighthouse save program: the AE and TA are emailed, and the AE gets a weekly update task until leadership exits it.
              </Notice>
            ) : null}
            <Text size="xs" c="dimmed">
              Saving asks the managers to review the rating{r.reviewDecision ? " again (the current review is reset)" : ""}.
            </Text>
            {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save rating
              </Button>
            </Group>
          </Stack>
        </form>
      ) : r.status !== "open" ? (
        <NotAllowed>The renewal is processed; its rating is kept as it was.</NotAllowed>
      ) : (
        <NotAllowed>Only {rolesSentence(renewalRoles.rate)} rate renewals.</NotAllowed>
      )}
    </Section>
  );
}

/** R1: the managers' review of the rating: approve it or ask for changes. */
export function ReviewSection({ renewal: r, role }: { renewal: RenewalDetail; role: string }) {
  const form = useForm<{ note: string }>({ note: "" }, { note: noteMax });
  const review = useRenewalAction((input: { decision: ReviewDecision; note?: string }) => reviewRenewal(r.id, input), {
    title: "Review recorded",
    message: (next) => (next.reviewDecision === "approved" ? "The rating is approved." : "Changes are requested; the rater sees your note."),
    onDone: () => form.reset(),
    onError: (e) => form.applyApiError(e, "The review was not recorded."),
  });
  if (!renewalRoles.review.has(role) || r.status !== "open") return null;
  const decide = (decision: ReviewDecision) => {
    if (!form.validate()) return;
    const note = form.values.note.trim();
    review.mutate({ decision, ...(note ? { note } : {}) });
  };
  return (
    <Section title="Review">
      {r.rating ? (
        <Stack gap="sm">
          <Text size="sm">
            Rated <strong>{renewalStyle("rating", r.rating).label.toLowerCase()}</strong>
            {r.ratedBy ? ` by ${r.ratedBy}` : ""}. {r.reviewDecision ? `Current review: ${renewalStyle("review", r.reviewDecision).label.toLowerCase()}.` : "Waiting for your review."}
          </Text>
          <Textarea
            label="Review note"
            description="Optional: what to change, or why it is approved."
            autosize
            minRows={2}
            {...form.text("note")}
            onChange={(e) => form.setField("note", e.currentTarget.value)}
          />
          {form.formError ? <Notice heading="Not recorded">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => decide("changes_requested")} loading={review.isPending && review.variables?.decision === "changes_requested"} disabled={review.isPending}>
              Request changes
            </Button>
            <Button onClick={() => decide("approved")} loading={review.isPending && review.variables?.decision === "approved"} disabled={review.isPending}>
              Approve rating
            </Button>
          </Group>
        </Stack>
      ) : (
        <NotAllowed>Nothing to review yet: the TA or AE rates the renewal first, then you are emailed.</NotAllowed>
      )}
    </Section>
  );
}

type ProjectionValues = { outcome: string; projectedArr: string; note: string };

/** The projected ARR a chosen outcome starts from: 0 for full churn, the current ARR for flat. */
export function projectedArrFor(outcome: string, currentArr: number, previous: string): string {
  switch (outcome) {
    case "full_churn":
      return "0";
    case "flat":
      return String(currentArr);
    case "partial_churn": {
      const n = parseMoney(previous);
      return n !== null && n < currentArr ? previous : "";
    }
    case "incremental": {
      const n = parseMoney(previous);
      return n !== null && n > currentArr ? previous : "";
    }
    default:
      return previous;
  }
}

/** The same checks as the server (R3): full churn 0, partial below, flat equal to, incremental above the current ARR. */
export function projectionArrError(outcome: string, text: string, currentArr: number): string | null {
  const n = parseMoney(text);
  if (n === null) return text.trim() ? "Enter a whole dollar amount, 0 or more." : "Projected ARR is required.";
  const current = formatArr(currentArr);
  switch (outcome) {
    case "full_churn":
      return n === 0 ? null : "A full churn projects $0.";
    case "partial_churn":
      return n < currentArr ? null : `A partial churn projects less than the current ${current}.`;
    case "flat":
      return n === currentArr ? null : `Flat projects exactly the current ${current}.`;
    case "incremental":
      return n > currentArr ? null : `Incremental projects more than the current ${current}.`;
    default:
      return null;
  }
}

/** R3: the AE's projected outcome and ARR; the forecast counts it at once. */
export function ProjectionSection({ renewal: r, role }: { renewal: RenewalDetail; role: string }) {
  const currentArr = r.currentArr ?? 0;
  const canProject = renewalRoles.project.has(role) && r.status === "open";
  const form = useForm<ProjectionValues>(
    {
      outcome: r.projectedOutcome ?? "",
      projectedArr: r.projectedArr === null ? "" : String(r.projectedArr),
      note: r.projectionNote ?? "",
    },
    {
      outcome: (v) => (v ? null : "Choose the outcome you expect."),
      projectedArr: (v, all) => (all.outcome ? projectionArrError(all.outcome, v, currentArr) : null),
      note: noteMax,
    },
  );
  const save = useRenewalAction((input: { outcome: Outcome; projectedArr: number; note?: string }) => projectRenewal(r.id, input), {
    title: "Projection saved",
    message: (next) => `${outcomeLabel(next.outcomeLabels, next.projectedOutcome)}: ${formatArr(next.projectedArr)} expected; the forecast counts it now.`,
    onError: (e) => form.applyApiError(e, "The projection was not saved."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.validate()) return;
    const note = form.values.note.trim();
    save.mutate({ outcome: form.values.outcome as Outcome, projectedArr: parseMoney(form.values.projectedArr) ?? 0, ...(note ? { note } : {}) });
  };
  const fixed = form.values.outcome === "full_churn" || form.values.outcome === "flat";

  return (
    <Section title="Projection">
      {r.projectedOutcome ? (
        <Stack gap={2}>
          <Facts
            items={[
              ["Outcome", outcomeLabel(r.outcomeLabels, r.projectedOutcome)],
              ["Projected ARR", formatArr(r.projectedArr)],
              ["Against current ARR", formatArr(r.currentArr)],
            ]}
          />
          {r.projectionNote ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {r.projectionNote}
            </Text>
          ) : null}
          <ByLine by={r.projectedBy} at={r.projectedAt} />
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No projection yet: the forecast counts the current ARR ({formatArr(r.currentArr)}) until the AE projects the outcome.
        </Text>
      )}
      {canProject ? (
        <form onSubmit={submit} noValidate aria-label="Project the outcome">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label="Outcome"
                required
                data={[{ value: "", label: "Choose the outcome…" }, ...OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(r.outcomeLabels, o) }))]}
                value={form.values.outcome}
                error={form.errorOf("outcome")}
                onChange={(e) => {
                  const outcome = e.currentTarget.value;
                  form.setField("outcome", outcome);
                  form.setField("projectedArr", projectedArrFor(outcome, currentArr, form.values.projectedArr));
                }}
              />
              <TextInput
                label="Projected ARR ($)"
                inputMode="numeric"
                required
                readOnly={fixed}
                description={fixed ? `Set by the outcome (current ARR ${formatArr(currentArr)}).` : `Current ARR ${formatArr(currentArr)}.`}
                {...form.text("projectedArr")}
              />
            </SimpleGrid>
            <Textarea
              label="Projection note"
              description="Optional: what the projection rests on."
              autosize
              minRows={2}
              {...form.text("note")}
              onChange={(e) => form.setField("note", e.currentTarget.value)}
            />
            {form.formError ? <Notice heading="Not saved">{form.formError}</Notice> : null}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save projection
              </Button>
            </Group>
          </Stack>
        </form>
      ) : r.status !== "open" ? null : (
        <NotAllowed>Only {rolesSentence(renewalRoles.project)} project the outcome.</NotAllowed>
      )}
    </Section>
  );
}
