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
] as const;
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
    health: z
      .object({
        weights: z.record(z.string(), z.number().min(0).max(1)),
      })
      .strict()
      .refine(
        (h) => Math.abs(Object.values(h.weights).reduce((a, b) => a + b, 0) - 1) < 1e-9,
        "health weights must add up to 1",
      ),
    renewals: z.object({ startDaysBeforeRenewal: positiveInt, churnRetroArrOver: nonNegativeInt }).strict(),
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
  .refine((p) => "handoff" in p.docTemplates, { message: "docTemplates must include handoff (H3)", path: ["docTemplates"] })
  .refine((p) => p.handoff.supportLevelDaysBeforeClose > p.handoff.taAssignDaysBeforeClose, {
    message: "handoff.supportLevelDaysBeforeClose must be earlier (more days) than taAssignDaysBeforeClose",
    path: ["handoff", "supportLevelDaysBeforeClose"],
  })
  .refine((p) => p.trials.unusedTerminateDays > p.trials.unusedWarningDays, {
    message: "trials.unusedTerminateDays must be after unusedWarningDays",
    path: ["trials", "unusedTerminateDays"],
  });

export type ProcessPack = z.infer<typeof packSchema>;
export type SignupField = z.infer<typeof signupField>;
export type QualificationCriterion = z.infer<typeof qualificationCriterion>;
