import { z } from "zod";
import { isKnownTimeZone } from "../calendar/zoned-time.js";

/**
 * The process pack: every number, name and template of the process spec, as data.
 * Validated at load; `.strict()` everywhere so a misspelt key is an error, not a silent default.
 * Later capabilities add their sections here (trials, accounts, health, renewals…).
 */
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);
const channelName = z.string().regex(/^#[a-z0-9][a-z0-9_-]*$/, "must look like #channel-name");

export const ROLES = [
  "admin",
  "sdr",
  "ae",
  "ce",
  "ta",
  "growth",
  "cloud_ops",
  "support",
  "sales_ops",
  "leadership",
] as const;
export type Role = (typeof ROLES)[number];

/** Email templates the trial rules send; a pack without one of them is refused at load. */
export const TRIAL_EMAILS = [
  "trialHighDemand",
  "trialHandOff",
  "trialUnusedWarning",
  "trialTerminated",
  "trialEnded",
  "trialDecisionEscalation",
  "accessRequest",
  "signupFailed",
  "provisioningTask",
  "pqlPrompt",
  "ceBookingRequest",
  "existingCustomerTrial",
] as const;
export type TrialEmail = (typeof TRIAL_EMAILS)[number];

/** Email templates the account-book rules send (H1, H3, H5, L2, tasks). */
export const ACCOUNT_EMAILS = [
  "taSupportLevelReminder",
  "taAssignmentNeeded",
  "taAssigned",
  "handoffTask",
  "productionInstanceRequest",
  "contactsUntagged",
  "onboardingTargetMissed",
  "taskAssigned",
  "redAccountOpened",
  "renewalAssessmentAssigned",
  "renewalReviewRequested",
  "lighthouseEntered",
  "churnRetroNeeded",
  "accountChurned",
  "teardownRequested",
] as const;

/** Doc templates the rules create docs from (H3 hand-off, R1 health assessment, X churn retro). */
export const DOC_TEMPLATES = ["handoff", "healthAssessment", "churnRetro"] as const;
export type AccountEmail = (typeof ACCOUNT_EMAILS)[number];

/** T11: each PQL criterion is data; `kind` picks the evaluator (domains/usage/pql-criteria.ts). */
const pqlCriterion = z.discriminatedUnion("kind", [
  z.object({ id: z.string().min(1), label: z.string().min(1), kind: z.literal("totalUsersOver"), over: nonNegativeInt }).strict(),
  z
    .object({ id: z.string().min(1), label: z.string().min(1), kind: z.literal("monthlyActiveUsersOver"), over: nonNegativeInt })
    .strict(),
  z
    .object({
      id: z.string().min(1),
      label: z.string().min(1),
      kind: z.literal("singleUserActiveDays"),
      days: positiveInt,
      withinDays: positiveInt,
    })
    .strict()
    .refine((c) => c.days <= c.withinDays, { message: "days must not exceed withinDays", path: ["days"] }),
]);

const versionString = z.string().regex(/^\d+\.\d+(\.\d+)?$/, "must look like 5.2 or 5.2.1");

const usageSection = z
  .object({
    /** Rolling window of "monthly active users" (T11, L, S2). */
    mauWindowDays: positiveInt.max(62),
    pqlCriteria: z
      .array(pqlCriterion)
      .min(1)
      .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "criterion ids must be unique"),
    /** P2: MAU/seats lines; crossing one (up or down) is a signal. */
    seatUtilizationThresholds: z.array(z.number().gt(0).max(10)).refine((t) => t.every((v, i) => i === 0 || v > (t[i - 1] ?? 0)), "must be ascending"),
    /** Named product features and the event names that count as using them (P2 first use). */
    features: z
      .array(z.object({ key: z.string().regex(/^[a-z0-9_.-]+$/), label: z.string().min(1), events: z.array(z.string().min(1)) }).strict())
      .refine((list) => new Set(list.map((f) => f.key)).size === list.length, "feature keys must be unique"),
    /** Product releases, oldest first; the last is "latest" unless an admin sets another. S2 versions behind. */
    releases: z.array(versionString).min(1),
    /** Events stamped further ahead of the clock than this are refused. */
    maxFutureSkewMinutes: positiveInt,
    maxEventsPerBatch: positiveInt.max(10_000),
  })
  .strict();

/** T1: an optional signup field, shown on the public page and validated the same way by the API. */
const signupField = z.discriminatedUnion("type", [
  z.object({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), label: z.string().min(1), type: z.literal("text"), maxLength: positiveInt.max(2000) }).strict(),
  z.object({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), label: z.string().min(1), type: z.literal("select"), options: z.array(z.string().min(1)).min(1) }).strict(),
]);

/** T4: one configurable qualification criterion over the signup's fields. */
const qualificationCriterion = z.discriminatedUnion("kind", [
  z.object({ id: z.string().min(1), label: z.string().min(1), kind: z.literal("fieldIn"), field: z.string().min(1), values: z.array(z.string()).min(1), passWhenMissing: z.boolean().default(true) }).strict(),
  z.object({ id: z.string().min(1), label: z.string().min(1), kind: z.literal("fieldNotIn"), field: z.string().min(1), values: z.array(z.string()).min(1) }).strict(),
  z.object({ id: z.string().min(1), label: z.string().min(1), kind: z.literal("fieldPresent"), field: z.string().min(1) }).strict(),
]);

const domainName = z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a lower-case domain like gmail.com");

const signupSection = z
  .object({
    fields: z.array(signupField).refine((f) => new Set(f.map((x) => x.key)).size === f.length, "field keys must be unique"),
    /** The same email submitting again within this window gets the existing request back. */
    duplicateWindowHours: positiveInt,
    rateLimit: z.object({ windowMinutes: positiveInt, perIp: positiveInt, perDomain: positiveInt }).strict(),
    freeMailDomains: z.array(domainName),
    disposableDomains: z.array(domainName),
    /** What the requester reads right after submitting ({{name}}, {{company}}, {{instances}}). */
    messages: z
      .object({ preparing: z.string().min(1), existingInstance: z.string().min(1), highDemand: z.string().min(1), received: z.string().min(1) })
      .strict(),
  })
  .strict();

const qualificationSection = z
  .object({
    /** Approve without an SDR when every check passes (T4.1); off by default. */
    autoApprove: z.boolean(),
    blockFreeMail: z.boolean(),
    blockDisposable: z.boolean(),
    criteria: z.array(qualificationCriterion).refine((c) => new Set(c.map((x) => x.id)).size === c.length, "criterion ids must be unique"),
  })
  .strict();

/** Names of the lead statuses the trial rules set; each must be one of leads.statuses. */
const trialStatusNames = z
  .object({
    new: z.string().min(1),
    approved: z.string().min(1),
    disqualified: z.string().min(1),
    disqualifiedSubstatus: z.string().min(1),
    existingInstance: z.string().min(1),
    handedOff: z.string().min(1),
    pql: z.string().min(1),
    converted: z.string().min(1),
    unqualified: z.string().min(1),
  })
  .strict();

const emailTemplate = z
  .object({
    subject: z.string().min(1),
    text: z.string().min(1),
  })
  .strict();

/**
 * S1/S2/S4 customer health model. A number trait is graded by two conditions: `healthy` and
 * `poor`; a value meeting neither is concerning. The scoring engine is domains/health/score.ts.
 */
const healthCondition = z
  .object({ lt: z.number().optional(), lte: z.number().optional(), gt: z.number().optional(), gte: z.number().optional() })
  .strict()
  .refine((c) => Object.values(c).filter((v) => v !== undefined).length === 1, "must have exactly one of lt, lte, gt, gte (e.g. { \"lt\": 10 })");
export type HealthCondition = z.infer<typeof healthCondition>;

/** One bound of a condition: "below" (lt/lte) or "above" (gt/gte), and whether the bound itself counts. */
function conditionBound(c: HealthCondition): { side: "below" | "above"; at: number; inclusive: boolean } | null {
  if (c.lt !== undefined) return { side: "below", at: c.lt, inclusive: false };
  if (c.lte !== undefined) return { side: "below", at: c.lte, inclusive: true };
  if (c.gt !== undefined) return { side: "above", at: c.gt, inclusive: false };
  if (c.gte !== undefined) return { side: "above", at: c.gte, inclusive: true };
  return null;
}

const CONDITION_SYMBOL = { lt: "<", lte: "≤", gt: ">", gte: "≥" } as const;

/** "< 10", "≥ 0.3": how a condition reads in messages and score explanations. */
export function conditionText(c: HealthCondition): string {
  for (const op of ["lt", "lte", "gt", "gte"] as const) {
    const at = c[op];
    if (at !== undefined) return `${CONDITION_SYMBOL[op]} ${at}`;
  }
  return "?";
}

/**
 * Why healthy and poor contradict each other, or null when no value can be both. They must point
 * in opposite directions (one "below", one "above"), and the poor bound must lie beyond the
 * healthy one: lt 10 / gte 10 is fine (no concerning band), lte 10 / gte 10 is not (10 is both).
 */
export function healthThresholdConflict(healthy: HealthCondition, poor: HealthCondition): string | null {
  const h = conditionBound(healthy);
  const p = conditionBound(poor);
  if (!h || !p) return null; // the per-condition check already names this
  if (h.side === p.side) return `healthy (${conditionText(healthy)}) and poor (${conditionText(poor)}) point the same way, so some values would be both: one must be lt/lte, the other gt/gte`;
  const bothInclusive = h.inclusive && p.inclusive;
  const apart = h.side === "below" ? (bothInclusive ? p.at > h.at : p.at >= h.at) : bothInclusive ? p.at < h.at : p.at <= h.at;
  return apart ? null : `healthy (${conditionText(healthy)}) and poor (${conditionText(poor)}) overlap: a value could be both`;
}

const healthTraitKey = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "must be camelCase like helpTickets90d");
const healthTraitBase = {
  key: healthTraitKey,
  label: z.string().min(1),
  /** Shown next to the value (how it is measured). */
  description: z.string().min(1).optional(),
  /** manual: people set it; computed: Trellis derives it (usage rollups, tickets, activities). */
  source: z.enum(["manual", "computed"]),
};
const healthTrait = z.discriminatedUnion("kind", [
  /** A person grades it directly: healthy, concerning or poor (TA pulse). */
  z.object({ ...healthTraitBase, kind: z.literal("grade") }).strict(),
  /** Healthy when true, poor when false. */
  z.object({ ...healthTraitBase, kind: z.literal("boolean") }).strict(),
  /** S4: healthy only when every criterion holds, else poor. */
  z
    .object({
      ...healthTraitBase,
      kind: z.literal("champion"),
      criteria: z
        .array(z.object({ key: healthTraitKey, label: z.string().min(1) }).strict())
        .min(1)
        .refine((list) => new Set(list.map((c) => c.key)).size === list.length, "criterion keys must be unique"),
    })
    .strict(),
  z
    .object({ ...healthTraitBase, kind: z.literal("number"), healthy: healthCondition, poor: healthCondition })
    .strict()
    .superRefine((t, ctx) => {
      const conflict = healthThresholdConflict(t.healthy, t.poor);
      if (conflict) ctx.addIssue({ code: "custom", message: conflict, path: ["poor"] });
    }),
]);

const healthCategories = z
  .array(
    z
      .object({
        name: z.string().min(1),
        /** Share of the score, 0–1; a model's weights add up to 1. Traits within a category count equally. */
        weight: z.number().gt(0).max(1),
        traits: z.array(healthTrait).min(1),
      })
      .strict(),
  )
  .min(1)
  .superRefine((cats, ctx) => {
    const sum = cats.reduce((total, c) => total + c.weight, 0);
    if (Math.abs(sum - 1) > 1e-9) ctx.addIssue({ code: "custom", message: `category weights must add up to 1 (they add up to ${Number(sum.toFixed(6))})` });
    const names = cats.map((c) => c.name);
    const dupNames = names.filter((n, i) => names.indexOf(n) !== i);
    if (dupNames.length > 0) ctx.addIssue({ code: "custom", message: `category names must be unique: ${[...new Set(dupNames)].join(", ")}` });
    const keys = cats.flatMap((c) => c.traits.map((t) => t.key));
    const dupKeys = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (dupKeys.length > 0) ctx.addIssue({ code: "custom", message: `trait keys must be unique within a model: ${[...new Set(dupKeys)].join(", ")}` });
  });

/** ignore missing traits and re-weight (within the category, and across categories), or count them as poor. */
const healthMissingData = z.enum(["reweight", "poor"]);

const healthSection = z
  .object({
    categories: healthCategories,
    missingData: healthMissingData,
    /**
     * Under "reweight": the share of the model's weight (0–1) that must be known for a score at
     * all; below it the account is unscored ("not enough data") rather than scored on, say,
     * ticket counts alone. 0 scores on any known input.
     */
    minKnownWeight: z.number().min(0).max(1),
    /** Points a grade is worth; a category scores the average of its traits' points. */
    gradePoints: z
      .object({ healthy: z.number().min(0).max(100), concerning: z.number().min(0).max(100), poor: z.number().min(0).max(100) })
      .strict()
      .refine((g) => g.healthy >= g.concerning && g.concerning >= g.poor, "must go healthy ≥ concerning ≥ poor"),
    /** Score bands: green at or above `green`, yellow at or above `yellow`, else red. */
    bands: z
      .object({ green: z.number().gt(0).max(100), yellow: z.number().gt(0).max(100) })
      .strict()
      .refine((b) => b.green > b.yellow, { message: "green must be above yellow", path: ["green"] }),
    /**
     * Other models for some accounts: the first whose `when` matches (every given list contains the
     * account's segment / stage) replaces the default categories. Stages are lifecycle stage keys.
     */
    overrides: z.array(
      z
        .object({
          when: z
            .object({ segments: z.array(z.string().min(1)).min(1).optional(), stages: z.array(z.string().min(1)).min(1).optional() })
            .strict()
            .refine((w) => w.segments !== undefined || w.stages !== undefined, "must name segments, stages or both"),
          categories: healthCategories,
          /** Falls back to the section's missingData. */
          missingData: healthMissingData.optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const packSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{2}\.\d{2}(-[a-z0-9.]+)?$/, "must look like 2026.11.22 or 2026.11.22-rc1"),
    effectiveAt: z.iso.datetime({ offset: true }),
    name: z.string().min(1),
    roles: z
      .record(z.enum(ROLES), z.object({ label: z.string().min(1), description: z.string().min(1) }).strict())
      .refine((r) => ROLES.every((role) => role in r), "must describe every role"),
    outbox: z
      .object({
        maxAttempts: positiveInt.max(100),
        backoffBaseSeconds: positiveInt,
        backoffMaxSeconds: positiveInt,
        /** Fraction of the delay randomised (0 = none, 0.5 = ±50%). */
        jitter: z.number().min(0).max(1),
        requestTimeoutSeconds: positiveInt.max(120),
      })
      .strict(),
    businessCalendar: z
      .object({
        timeZone: z.string().min(1).refine(isKnownTimeZone, "must be an IANA time zone such as UTC or Europe/London"),
        workingDays: z.array(z.number().int().min(1).max(7)).min(1),
        dayStartHour: z.number().int().min(0).max(23),
        dayEndHour: z.number().int().min(1).max(24),
      })
      .strict(),
    channels: z.record(z.string(), channelName),
    leads: z
      .object({
        campaign: z.string().min(1),
        statuses: z.array(z.string().min(1)).min(1),
        newLeadResponseHours: positiveInt,
        trialStatuses: trialStatusNames,
      })
      .strict()
      .refine(
        (l) => Object.entries(l.trialStatuses).every(([k, v]) => k === "disqualifiedSubstatus" || l.statuses.includes(v)),
        { message: "every trialStatuses name must be one of leads.statuses", path: ["trialStatuses"] },
      ),
    signup: signupSection,
    qualification: qualificationSection,
    trials: z
      .object({
        lengthDays: positiveInt,
        extensionDays: positiveInt,
        decisionWithinDaysAfterEnd: nonNegativeInt,
        unusedWarningDays: positiveInt,
        unusedTerminateDays: positiveInt,
        maxConcurrentInstances: positiveInt,
        slugMaxLength: positiveInt,
        /** X cloud SLA for a new trial: within N working hours when signed up in working hours, else N working days. */
        provisioningSla: z.object({ workingHours: positiveInt, outOfHoursWorkingDays: positiveInt }).strict(),
        /** T4.1 per-company channel; {{company}} is the company name made channel-safe. */
        channelNameTemplate: z.string().regex(/^#[a-z0-9_-]*\{\{company\}\}[a-z0-9_-]*$/, "must look like #cloud-trial-{{company}}"),
        /** T4.1 the trial core team: every active user with one of these roles joins each trial channel. */
        coreTeamRoles: z.array(z.enum(ROLES)),
        /** T7 links in the hand-off email. */
        onboardingChecklistUrl: z.url(),
        /** Used when the CE has no booking link in their profile. */
        defaultBookingUrl: z.url(),
        /** T7 admin onboarding campaign: email template names sent N days after hand-off. */
        onboardingSequence: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), afterDays: positiveInt, template: z.string().min(1) }).strict()),
        license: z
          .object({
            userSuffix: z.string().min(1),
            userCount: nonNegativeInt,
            tags: z.array(z.string().min(1)),
          })
          .strict(),
      })
      .strict(),
    usage: usageSection,
    lifecycle: z
      .object({
        onboardingDays: positiveInt,
        onboardingMauPerSeatTarget: z.number().min(0).max(1),
        adoptingDauPerMauTarget: z.number().min(0).max(1),
        adoptingMauPerSeatTarget: z.number().min(0).max(10),
        renewingDaysBeforeRenewal: positiveInt,
        /** Display names of the five stages (L1–L5), by role. */
        stages: z
          .object({ prospect: z.string().min(1), onboarding: z.string().min(1), adopting: z.string().min(1), nurturing: z.string().min(1), renewing: z.string().min(1) })
          .strict()
          .refine((s) => new Set(Object.values(s)).size === 5, "stage names must be distinct"),
      })
      .strict(),
    /** H2 segmentation and the X coverage model. */
    segments: z
      .object({
        /** First match from the top: developers >= minDevelopers. The last should have minDevelopers 0. */
        byDevelopers: z.array(z.object({ name: z.string().min(1), minDevelopers: nonNegativeInt }).strict()).min(1),
        /** The segments seed 003 calls Commercial. */
        commercial: z.array(z.string().min(1)),
        /** A Commercial account under arrBelow becomes this segment. */
        scaledSuccess: z.object({ name: z.string().min(1), arrBelow: nonNegativeInt }).strict(),
        /** First match wins: segment in `segments` (when given) and ARR >= minArr (when given). */
        coverage: z
          .array(z.object({ name: z.string().min(1), segments: z.array(z.string().min(1)).optional(), minArr: nonNegativeInt.optional() }).strict())
          .min(1),
      })
      .strict()
      .refine((s) => s.byDevelopers.every((b, i, all) => i === 0 || b.minDevelopers < (all[i - 1]?.minDevelopers ?? Infinity)), {
        message: "byDevelopers must go from the most developers down",
        path: ["byDevelopers"],
      }),
    accounts: z
      .object({
        /** Account types; the three roles Trellis acts on, plus any others a team uses. */
        types: z.object({ prospect: z.string().min(1), customer: z.string().min(1), attrited: z.string().min(1) }).strict(),
        otherTypes: z.array(z.string().min(1)),
        /** X contact roles (multi-select). */
        contactRoles: z.array(z.string().min(1)).min(1),
        /** X: a closed account's contacts are tagged with a role within N days of signature. */
        contactsTaggedWithinDays: positiveInt,
        /** H1: the TA support levels TA leadership chooses from. */
        taSupportLevels: z.array(z.string().min(1)).min(1),
      })
      .strict(),
    handoff: z
      .object({
        /** H1/L1: reminder to set the TA support level this many days before the expected close. */
        supportLevelDaysBeforeClose: positiveInt,
        /** H3: TA assignment and the hand-off playbook this many days before close. */
        taAssignDaysBeforeClose: positiveInt,
        /** H3: the CE's task (Handoff Doc + knowledge transfer) is due this many days after it is created. */
        ceTaskDueDays: positiveInt,
        /** H4: once the knowledge transfer is done, the TA's next step (TPM introduction or kickoff plan) is due in this many days. */
        afterKnowledgeTransferDueDays: positiveInt,
        /** H5: X cloud SLA for a new production instance, in working days. */
        productionInstanceSlaWorkingDays: positiveInt,
        /** H5/X: managed instances get extra seats for operator admins. */
        managedExtraSeats: nonNegativeInt,
        /** H5: tags every production license carries (trimmed; more come from the contract). */
        productionLicenseTags: z.array(z.string().min(1)),
      })
      .strict(),
    kickoff: z
      .object({
        /** H6/E5 check-in cadences to choose from, in days. */
        checkInCadences: z.array(z.object({ name: z.string().min(1), days: positiveInt }).strict()).min(1),
        /** E4 standard trainings and their default due day after kickoff. */
        trainings: z.array(z.object({ name: z.string().min(1), afterDays: nonNegativeInt }).strict()),
        /** How far ahead check-in tasks are scheduled (never past the renewal date). */
        planHorizonDays: positiveInt,
      })
      .strict(),
    /** E7: the board's columns, by status. */
    tasks: z
      .object({
        columns: z.object({ todo: z.string().min(1), in_progress: z.string().min(1), under_review: z.string().min(1), completed: z.string().min(1) }).strict(),
      })
      .strict(),
    /** Rich-text templates (HTML) docs are created from; {{account}} and the like are filled in. */
    docTemplates: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), z.object({ title: z.string().min(1), body: z.string().min(1) }).strict()),
    health: healthSection,
    /** S3 red accounts. */
    redAccounts: z
      .object({
        /** Action plan items default to being due this many days after they are added. */
        actionDueDays: positiveInt,
      })
      .strict(),
    /** C: what a churn sets off (C1 alert, C3 teardown, C5 post-mortem). */
    churn: z
      .object({
        /** C3/X cloud SLA: teardown of a managed instance, in working days. */
        teardownSlaWorkingDays: positiveInt,
        /** C5: the AE's post-mortem task is due this many days after the churn. */
        postMortemDueDays: positiveInt,
      })
      .strict(),
    /** R1–R5 renewals and the X Lighthouse save program. */
    renewals: z
      .object({
        /** R1: the renewal cycle opens (Health Assessment doc, TA's task) this many days before the renewal date. */
        startDaysBeforeRenewal: positiveInt,
        /** R1: the TA's assessment task is due this many days after the cycle opens. */
        assessmentDueDays: positiveInt,
        /** R2: ratings that enter the Lighthouse save program (green is monitored). */
        lighthouseRatings: z.array(z.enum(["green", "yellow", "red"])).min(1),
        /** R3/X: a Lighthouse account gets an update task this often (weekly). */
        lighthouseUpdateEveryDays: positiveInt,
        /** X: churn (full or partial, seats dropped) over this ARR needs a churn retro. */
        churnRetroArrOver: nonNegativeInt,
        /** R3: the outcome names the AE chooses from. */
        outcomeLabels: z
          .object({ full_churn: z.string().min(1), partial_churn: z.string().min(1), flat: z.string().min(1), incremental: z.string().min(1) })
          .strict(),
      })
      .strict(),
    /** X: a license "expires soon" when its expiry is this close. */
    licenses: z.object({ expiringSoonDays: positiveInt }).strict(),
    emails: z.record(z.string(), emailTemplate),
  })
  .strict()
  .refine((p) => p.businessCalendar.dayEndHour > p.businessCalendar.dayStartHour, {
    message: "businessCalendar.dayEndHour must be after dayStartHour",
    path: ["businessCalendar", "dayEndHour"],
  })
  .refine((p) => p.trials.onboardingSequence.every((step) => step.template in p.emails), {
    message: "every trials.onboardingSequence template must be a key of emails",
    path: ["trials", "onboardingSequence"],
  })
  .refine((p) => TRIAL_EMAILS.every((key) => key in p.emails), {
    message: `emails must include the trial templates: ${TRIAL_EMAILS.join(", ")}`,
    path: ["emails"],
  })
  .refine((p) => ACCOUNT_EMAILS.every((key) => key in p.emails), {
    message: `emails must include the account templates: ${ACCOUNT_EMAILS.join(", ")}`,
    path: ["emails"],
  })
  .refine((p) => DOC_TEMPLATES.every((key) => key in p.docTemplates), {
    message: `docTemplates must include ${DOC_TEMPLATES.join(", ")}`,
    path: ["docTemplates"],
  })
  .refine((p) => p.handoff.supportLevelDaysBeforeClose > p.handoff.taAssignDaysBeforeClose, {
    message: "handoff.supportLevelDaysBeforeClose must be earlier (more days) than taAssignDaysBeforeClose",
    path: ["handoff", "supportLevelDaysBeforeClose"],
  })
  .refine((p) => p.trials.unusedTerminateDays > p.trials.unusedWarningDays, {
    message: "trials.unusedTerminateDays must be after unusedWarningDays",
    path: ["trials", "unusedTerminateDays"],
  })
  .superRefine((p, ctx) => {
    // A misspelt segment or stage in a health override would silently never match.
    const segments = new Set([...p.segments.byDevelopers.map((s) => s.name), p.segments.scaledSuccess.name]);
    const stages = Object.keys(p.lifecycle.stages);
    p.health.overrides.forEach((o, i) => {
      for (const s of o.when.segments ?? []) {
        if (!segments.has(s)) ctx.addIssue({ code: "custom", message: `unknown segment "${s}": must be one of ${[...segments].join(", ")}`, path: ["health", "overrides", i, "when", "segments"] });
      }
      for (const s of o.when.stages ?? []) {
        if (!stages.includes(s)) ctx.addIssue({ code: "custom", message: `unknown stage "${s}": must be a lifecycle stage key (${stages.join(", ")})`, path: ["health", "overrides", i, "when", "stages"] });
      }
    });
  });

export type ProcessPack = z.infer<typeof packSchema>;
export type SignupField = z.infer<typeof signupField>;
export type QualificationCriterion = z.infer<typeof qualificationCriterion>;
export type HealthSection = z.infer<typeof healthSection>;
export type HealthTrait = z.infer<typeof healthTrait>;
export type HealthCategory = z.infer<typeof healthCategories>[number];
export type HealthMissingData = z.infer<typeof healthMissingData>;
