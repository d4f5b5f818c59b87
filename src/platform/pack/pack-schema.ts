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
        pql: z
          .object({
            totalUsersOver: nonNegativeInt,
            monthlyActiveUsersOver: nonNegativeInt,
            singleUserActiveDays: positiveInt,
            singleUserWindowDays: positiveInt,
          })
          .strict(),
      })
      .strict(),
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
