import type { z } from "zod";
import type { packSchema } from "../platform/pack/pack-schema.js";

/**
 * The default process pack: the seeds' process (shared/docs/process-spec.md) as data.
 * Rule IDs in comments point at the spec. Validated by pack-schema.ts at load; a deployment
 * overrides it with TRELLIS_PACK=path/to/pack.json (the same shape).
 */
export const defaultPack: z.input<typeof packSchema> = {
  version: "2026.11.22",
  effectiveAt: "2022-09-27T00:00:00Z",
  name: "Product-led cloud trials and customer success (default)",
  roles: {
    admin: { label: "Admin", description: "Configures Trellis, manages people, replays deliveries." },
    sdr: { label: "SDR", description: "Inbound sales development: qualifies trial requests (T4)." },
    ae: { label: "Account executive", description: "Owns the deal and the account's commercial relationship." },
    ce: { label: "Customer engineer", description: "Pre-sales technical lead; fills the Handoff Doc (H3)." },
    ta: { label: "Technical advisor", description: "Post-sales technical success manager (H, L, R)." },
    growth: { label: "Growth", description: "Runs trials: takes approved requests, hands instances off (T6, T7)." },
    cloud_ops: { label: "Cloud ops", description: "Provisions and tears down managed instances." },
    support: { label: "Support", description: "Customer support engineers; receive failsafe emails (T2)." },
    sales_ops: { label: "Sales ops", description: "Converts PQLs and keeps the CRM data straight (T11)." },
    leadership: { label: "Leadership", description: "TA and AE managers; read-only overview of everything." },
  },
  outbox: {
    maxAttempts: 8,
    backoffBaseSeconds: 10,
    backoffMaxSeconds: 3600,
    jitter: 0.2,
    requestTimeoutSeconds: 15,
  },
  // X: cloud SLAs count working hours Mon–Fri 07:00–22:00 GMT.
  businessCalendar: { timeZone: "UTC", workingDays: [1, 2, 3, 4, 5], dayStartHour: 7, dayEndHour: 22 },
  channels: {
    trialAlerts: "#cloud-trial-alerts", // T1
    productQualifiedLeads: "#product-qualified-leads", // T11
    redAccounts: "#red-accounts", // S3
    customerUsageAlerts: "#alerts-customer-usage", // P2
    gtmOperationsReview: "#gtm-operations-review", // C1
    cloudOps: "#discuss-cloud-ops", // C3
  },
  leads: {
    campaign: "PR - Trial - Cloud - 9.27.22", // T1
    statuses: [
      "New",
      "Working",
      "Nurture",
      "Unqualified",
      "Converted",
      "Approved trial",
      "disqualified",
      "Instance Already in Trial",
      "Trial Instance Handed Off",
      "PQL",
    ],
    newLeadResponseHours: 24,
  },
  trials: {
    lengthDays: 30,
    extensionDays: 30,
    decisionWithinDaysAfterEnd: 5, // T10
    unusedWarningDays: 10, // T9
    unusedTerminateDays: 15, // T9
    maxConcurrentInstances: 25, // T5 (the seeds give no number: a deployment sets its own)
    slugMaxLength: 10,
    license: {
      userSuffix: "-plg-trial",
      userCount: 1000,
      tags: [
        "plan:enterprise-1",
        "private-extension-registry",
        "remote-extensions-allow-disallow",
        "monitoring",
        "true-up",
        "trial",
        "plg-trial",
      ],
    },
  },
  usage: {
    mauWindowDays: 30,
    // T11: "over 50 users, or over 10 monthly active users, or one user used the product at
    // least 5 times within 7 days" (5 active days). Strictly over: exactly 50 users is not a PQL.
    pqlCriteria: [
      { id: "total_users", label: "Over 50 users", kind: "totalUsersOver", over: 50 },
      { id: "monthly_active_users", label: "Over 10 monthly active users", kind: "monthlyActiveUsersOver", over: 10 },
      { id: "power_user", label: "One user active on 5 days within 7", kind: "singleUserActiveDays", days: 5, withinDays: 7 },
    ],
    // P2 "seats under-used"; L2 0.5 and L3 0.8 are the lines that matter to the stages.
    seatUtilizationThresholds: [0.5, 0.8],
    features: [
      { key: "search", label: "Code search", events: ["search.submitted", "SearchResultsQueried"] },
      { key: "code_intel", label: "Code navigation", events: ["codeintel.hover", "codeintel.definition", "codeintel.references"] },
      { key: "precise_code_intel", label: "Precise code intelligence", events: ["codeintel.precise"] },
      { key: "batch_changes", label: "Batch changes", events: ["batch_changes.created", "batch_changes.applied"] },
      { key: "code_insights", label: "Code insights", events: ["insights.created", "insights.viewed"] },
      { key: "code_monitoring", label: "Code monitoring", events: ["monitors.created"] },
      { key: "notebooks", label: "Notebooks", events: ["notebooks.created", "notebooks.viewed"] },
      { key: "ai_assistant", label: "AI assistant", events: ["assistant.chat", "assistant.completion"] },
    ],
    releases: ["5.0.0", "5.1.0", "5.2.0", "5.3.0", "5.4.0", "5.5.0", "5.6.0", "5.7.0", "5.8.0", "5.9.0", "5.10.0", "5.11.0", "6.0.0", "6.1.0", "6.2.0"],
    maxFutureSkewMinutes: 24 * 60,
    maxEventsPerBatch: 5000,
  },
  lifecycle: {
    prospectDaysBeforeClose: 45, // H1, L1
    taAssignDaysBeforeClose: 35, // H3
    onboardingDays: 60, // L2
    onboardingMauPerSeatTarget: 0.5, // L2 (seed 004 wins over 003's 0.8)
    adoptingDauPerMauTarget: 0.3, // L3
    adoptingMauPerSeatTarget: 0.8, // L3
    renewingDaysBeforeRenewal: 120, // L5
    stages: ["0. Prospect", "1. Onboarding", "2. Adopting", "3. Nurturing", "4. Renewing"],
  },
  segments: {
    scaledSuccessArrBelow: 50_000, // H2
    coverageArrLine: 100_000, // X
    byDevelopers: [
      { name: "Strategic", minDevelopers: 2500 },
      { name: "Enterprise", minDevelopers: 501 },
      { name: "Mid-Market", minDevelopers: 100 },
      { name: "SMB", minDevelopers: 0 },
    ],
  },
  health: {
    // S1
    weights: {
      "TA Pulse": 0.05,
      "Technical Health": 0.05,
      "Relationships & Engagement": 0.15,
      Utilization: 0.75,
    },
  },
  renewals: { startDaysBeforeRenewal: 120, churnRetroArrOver: 150_000 },
  emails: {
    welcome: {
      subject: "Your Trellis account",
      text: "Hello {{name}},\n\nAn account was created for you on Trellis ({{url}}).\nSign in with {{email}}.\n",
    },
    deliveryTest: {
      subject: "Trellis test email",
      text: "This is a test email sent by {{actor}} from Trellis at {{at}}. If you can read it, email delivery works.\n",
    },
  },
};
