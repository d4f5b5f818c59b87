import { z } from "zod";

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
        timeZone: z.string().min(1),
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
      })
      .strict(),
    trials: z
      .object({
        lengthDays: positiveInt,
        extensionDays: positiveInt,
        decisionWithinDaysAfterEnd: nonNegativeInt,
        unusedWarningDays: positiveInt,
        unusedTerminateDays: positiveInt,
        maxConcurrentInstances: positiveInt,
        slugMaxLength: positiveInt,
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
        prospectDaysBeforeClose: positiveInt,
        taAssignDaysBeforeClose: positiveInt,
        onboardingDays: positiveInt,
        onboardingMauPerSeatTarget: z.number().min(0).max(1),
        adoptingDauPerMauTarget: z.number().min(0).max(1),
        adoptingMauPerSeatTarget: z.number().min(0).max(1),
        renewingDaysBeforeRenewal: positiveInt,
        stages: z.array(z.string().min(1)).length(5),
      })
      .strict(),
    segments: z
      .object({
        scaledSuccessArrBelow: nonNegativeInt,
        coverageArrLine: nonNegativeInt,
        byDevelopers: z
          .array(z.object({ name: z.string().min(1), minDevelopers: nonNegativeInt }).strict())
          .min(1),
      })
      .strict(),
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
    emails: z.record(z.string(), emailTemplate),
  })
  .strict()
  .refine((p) => p.businessCalendar.dayEndHour > p.businessCalendar.dayStartHour, {
    message: "businessCalendar.dayEndHour must be after dayStartHour",
    path: ["businessCalendar", "dayEndHour"],
  })
  .refine((p) => p.trials.unusedTerminateDays > p.trials.unusedWarningDays, {
    message: "trials.unusedTerminateDays must be after unusedWarningDays",
    path: ["trials", "unusedTerminateDays"],
  });

export type ProcessPack = z.infer<typeof packSchema>;
