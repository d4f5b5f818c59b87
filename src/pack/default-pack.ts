import type { z } from "zod";
import type { packSchema } from "../platform/pack/pack-schema.js";

/**
 * The default process pack: the seeds' process (shared/docs/process-spec.md) as data.
 * Rule IDs in comments point at the spec. Validated by pack-schema.ts at load; a deployment
 * overrides it with TRELLIS_PACK=path/to/pack.json (the same shape).
 */
export const defaultPack: z.input<typeof packSchema> = {
  version: "2026.11.30-renewals",
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
    cloudOps: "#discuss-cloud-ops", // C3, H5 production instance requests
    accountAlerts: "#customer-success-alerts", // H1, H3, H5 contacts, L2 onboarding misses
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
    trialStatuses: {
      new: "New",
      approved: "Approved trial", // T4.1
      disqualified: "disqualified", // T4.2
      disqualifiedSubstatus: "Does not meet trial criteria", // T4.2
      existingInstance: "Instance Already in Trial", // T3
      handedOff: "Trial Instance Handed Off", // T7
      pql: "PQL", // T11
      converted: "Converted",
      unqualified: "Unqualified", // T4.3
    },
  },
  signup: {
    // T1: name, work email and company are always asked; these are the optional fields.
    fields: [
      { key: "jobTitle", label: "Job title", type: "text", maxLength: 120 },
      { key: "developers", label: "Developers at your company", type: "select", options: ["1-9", "10-99", "100-499", "500-2,499", "2,500+"] },
      { key: "codeHost", label: "Where your code lives", type: "select", options: ["GitHub", "GitLab", "Bitbucket", "Azure DevOps", "Gerrit", "Other"] },
      { key: "useCase", label: "What you want to do", type: "select", options: ["Evaluate for my team", "Evaluate for my company", "Personal project", "Student project"] },
      { key: "phone", label: "Phone", type: "text", maxLength: 40 },
    ],
    duplicateWindowHours: 24,
    rateLimit: { windowMinutes: 60, perIp: 10, perDomain: 20 },
    freeMailDomains: [
      "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com",
      "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com", "yandex.ru", "qq.com",
      "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com",
    ],
    disposableDomains: [
      "mailinator.com", "guerrillamail.com", "10minutemail.com", "tempmail.com", "temp-mail.org", "yopmail.com", "trashmail.com",
      "sharklasers.com", "getnada.com", "dispostable.com", "maildrop.cc", "throwawaymail.com",
    ],
    messages: {
      preparing: "Thanks {{name}}! We're preparing your instance for {{company}}. You'll get an email with your sign-in link as soon as it is ready.",
      received: "Thanks {{name}}! We've received your request for {{company}} and will email you shortly.",
      existingInstance: "{{company}} already has a Trellis-managed instance: {{instances}}. Sign in there, or ask its admin for access.",
      highDemand: "Thanks {{name}}. Because of high demand we can't provision a trial instance for {{company}} right now. We've sent you an email with other ways to get started.",
    },
  },
  qualification: {
    autoApprove: false, // T4: an SDR decides; turn on to approve when every check passes.
    blockFreeMail: true,
    blockDisposable: true,
    criteria: [
      { id: "not_personal", label: "Not a personal or student project", kind: "fieldNotIn", field: "useCase", values: ["Personal project", "Student project"] },
    ],
  },
  trials: {
    lengthDays: 30,
    extensionDays: 30,
    decisionWithinDaysAfterEnd: 5, // T10
    unusedWarningDays: 10, // T9
    unusedTerminateDays: 15, // T9
    maxConcurrentInstances: 25, // T5 (the seeds give no number: a deployment sets its own)
    slugMaxLength: 10,
    provisioningSla: { workingHours: 1, outOfHoursWorkingDays: 1 }, // X cloud SLAs
    channelNameTemplate: "#cloud-trial-{{company}}", // T4.1
    coreTeamRoles: ["growth"], // T4.1 "the configured trial core team"
    onboardingChecklistUrl: "https://docs.example.com/onboarding-checklist", // T7
    defaultBookingUrl: "https://calendar.example.com/customer-engineering", // T7
    onboardingSequence: [
      { id: "day-2", afterDays: 2, template: "onboardingConnectCode" },
      { id: "day-5", afterDays: 5, template: "onboardingInviteTeam" },
      { id: "day-20", afterDays: 20, template: "onboardingTrialHalfway" },
    ],
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
    onboardingDays: 60, // L2
    onboardingMauPerSeatTarget: 0.5, // L2 (seed 004 wins over 003's 0.8)
    adoptingDauPerMauTarget: 0.3, // L3
    adoptingMauPerSeatTarget: 0.8, // L3
    renewingDaysBeforeRenewal: 120, // L5
    stages: { prospect: "0. Prospect", onboarding: "1. Onboarding", adopting: "2. Adopting", nurturing: "3. Nurturing", renewing: "4. Renewing" },
  },
  segments: {
    // X (newest rules): Strategic 2,500+ developers; Enterprise 501–2,500; Mid-Market 100–500; SMB under 100.
    byDevelopers: [
      { name: "Strategic", minDevelopers: 2500 },
      { name: "Enterprise", minDevelopers: 501 },
      { name: "Mid-Market", minDevelopers: 100 },
      { name: "SMB", minDevelopers: 0 },
    ],
    commercial: ["Mid-Market", "SMB"], // seed 003 "Commercial"
    scaledSuccess: { name: "Scaled Success", arrBelow: 50_000 }, // H2: under $50k ARR
    // X coverage model: follows segment and ARR ($100k line).
    coverage: [
      { name: "Enterprise coverage", segments: ["Strategic", "Enterprise"] },
      { name: "Enterprise coverage", minArr: 100_000 },
      { name: "Scaled coverage", segments: ["Mid-Market", "SMB"] },
      { name: "Digital coverage" },
    ],
  },
  accounts: {
    types: { prospect: "Prospect", customer: "Customer", attrited: "(5) Attrited Customer" }, // C2
    otherTypes: ["Partner"],
    contactRoles: ["Champion", "Deal Contact", "Instance Admin", "Executive", "Economic Buyer", "End User", "Program Contact"], // X
    contactsTaggedWithinDays: 7, // X
    taSupportLevels: ["Dedicated TA", "Pooled TA", "Scaled"], // H1
  },
  handoff: {
    supportLevelDaysBeforeClose: 45, // H1, L1
    taAssignDaysBeforeClose: 35, // H3
    ceTaskDueDays: 7,
    afterKnowledgeTransferDueDays: 5, // H4; default, not from the spec
    productionInstanceSlaWorkingDays: 7, // X cloud SLA
    managedExtraSeats: 10, // X
    productionLicenseTags: ["plan:enterprise"],
  },
  kickoff: {
    checkInCadences: [
      { name: "Weekly", days: 7 },
      { name: "Every two weeks", days: 14 },
      { name: "Monthly", days: 30 }, // X: every customer contacted at least monthly
    ],
    trainings: [
      { name: "101 training", afterDays: 14 },
      { name: "102 training", afterDays: 28 },
      { name: "Admin training", afterDays: 14 },
      { name: "AI assistant onboarding", afterDays: 21 },
    ], // E4
    planHorizonDays: 180,
  },
  tasks: { columns: { todo: "To-Do", in_progress: "In Progress", under_review: "Under Review", completed: "Completed" } }, // E7
  docTemplates: {
    handoff: {
      title: "Handoff Doc: {{account}}",
      body: "<h2>Deal</h2><p>Account: {{account}}. Expected close: {{closeDate}}. ARR: {{arr}}. Seats: {{seats}}. Deployment: {{deployment}}.</p><h2>Team</h2><p>AE: {{aeName}}. CE: {{ceName}}. TA: {{taName}}.</p><h2>Customer landscape</h2><p>Code hosts, repositories, languages, teams and where they are located.</p><h2>Use cases and success metrics</h2><ul><li><p>Use case:</p></li><li><p>How success is measured:</p></li></ul><h2>Business value</h2><p>Why they bought; who the champion and the economic buyer are.</p><h2>Technical requirements and deployment</h2><p>Deployment method, security review notes, integrations, open risks.</p><h2>Onboarding contacts</h2><p>Who coordinates onboarding; seats purchased and team locations.</p><h2>Knowledge transfer</h2><p>Date, attendees (CE, AE, TA, IE when involved), open questions.</p>",
    },
    healthAssessment: {
      title: "Health Assessment: {{account}} (renewal {{renewalDate}})",
      body: "<h2>Renewal</h2><p>Account: {{account}}. Renewal date: {{renewalDate}}. ARR: {{arr}}. Seats: {{seats}}. Segment: {{segment}}.</p><h2>Team</h2><p>TA: {{taName}}. AE: {{aeName}}. CE: {{ceName}}.</p><h2>Health today</h2><p>Score: {{healthScore}} ({{healthBand}}). {{healthExplanation}}</p><h2>Adoption and value</h2><p>Usage against seats, use cases live, outcomes the customer has seen.</p><h2>Relationships</h2><p>Champion (power and influence, sells for us, sees our success as theirs), access to the economic buyer, executive contacts.</p><h2>Risks</h2><ul><li><p>Risk:</p></li></ul><h2>Rating</h2><p>Green, yellow or red, and why. Reviewed with managers on:</p>",
    },
    churnRetro: {
      title: "Churn retro: {{account}}",
      body: "<h2>What happened</h2><p>Account: {{account}}. Outcome: {{outcome}}. ARR before: {{arrBefore}}. ARR after: {{arrAfter}}. Renewal date: {{renewalDate}}.</p><h2>Contacts and meetings</h2><p>Who we spoke to, when, recordings and notes.</p><h2>Why they left</h2><p>Closed-lost category and reason.</p><h2>What we would do differently</h2><ul><li><p></p></li></ul><h2>Shared with</h2><p></p>",
    },
  },
  health: {
    // S1 categories and weights; S2 traits and thresholds (healthy / poor, concerning in between).
    categories: [
      {
        name: "TA Pulse",
        weight: 0.05,
        traits: [{ key: "taPulse", label: "TA pulse", description: "The TA's own read of the account.", source: "manual", kind: "grade" }],
      },
      {
        name: "Technical Health",
        weight: 0.05,
        traits: [
          // S2 names this trait without numbers: these thresholds are our default, not the spec's.
          {
            key: "versionsBehind",
            label: "Versions behind latest",
            description: "Releases between the version the instance ran last month and the latest release.",
            source: "computed",
            kind: "number",
            healthy: { lte: 1 },
            poor: { gte: 3 },
          },
          { key: "preciseCodeIntel", label: "Precise code intelligence active", source: "computed", kind: "boolean" },
          { key: "defectTickets90d", label: "Defect tickets (90 days)", source: "computed", kind: "number", healthy: { lt: 2 }, poor: { gte: 5 } },
          { key: "helpTickets90d", label: "Help tickets (90 days)", source: "computed", kind: "number", healthy: { lt: 10 }, poor: { gte: 15 } },
        ],
      },
      {
        name: "Relationships & Engagement",
        weight: 0.15,
        traits: [
          {
            key: "activeChampion",
            label: "Active champion",
            source: "manual",
            kind: "champion", // S4: all three must hold
            criteria: [
              { key: "hasPowerAndInfluence", label: "Has power and influence" },
              { key: "activelySellsForUs", label: "Actively sells for us" },
              { key: "seesOurSuccessAsTheirs", label: "Sees our success as theirs" },
            ],
          },
          { key: "accessToBuyer", label: "Access to buyer", source: "manual", kind: "boolean" },
          { key: "daysSinceLastActivity", label: "Days since last activity", source: "computed", kind: "number", healthy: { lte: 14 }, poor: { gte: 30 } },
        ],
      },
      {
        name: "Utilization",
        weight: 0.75,
        traits: [
          {
            key: "usageScore",
            label: "Usage score",
            description: "4-week average DAU / last month's MAU.",
            source: "computed",
            kind: "number",
            healthy: { gte: 0.3 },
            poor: { lte: 0.2 },
          },
          {
            key: "mauPerSeat",
            label: "MAU/seats",
            description: "Last calendar month's MAU / seats.",
            source: "computed",
            kind: "number",
            healthy: { gte: 0.8 },
            poor: { lt: 0.5 },
          },
        ],
      },
    ],
    // The spec leaves missing data open: re-weighting keeps a score honest about what is known
    // (and the score says it rests on missing data); "poor" is the stricter choice.
    missingData: "reweight",
    // Default, not from the spec: no score until at least half the weight is known, so a prospect
    // with no usage is "not enough data", not green on its ticket count.
    minKnownWeight: 0.5,
    gradePoints: { healthy: 100, concerning: 50, poor: 0 },
    // Defaults, not from the spec (which names the bands but not their lines).
    bands: { green: 70, yellow: 40 },
    overrides: [],
  },
  redAccounts: { actionDueDays: 14 }, // default, not from the spec
  churn: {
    teardownSlaWorkingDays: 15, // X cloud SLA: teardown and suspension
    postMortemDueDays: 14, // default, not from the spec
  },
  renewals: {
    startDaysBeforeRenewal: 120, // R1
    assessmentDueDays: 21, // default, not from the spec: three weeks to complete and review
    lighthouseRatings: ["yellow", "red"], // R2
    lighthouseUpdateEveryDays: 7, // R3, X: weekly
    churnRetroArrOver: 150_000, // X
    outcomeLabels: { full_churn: "Full churn", partial_churn: "Partial churn", flat: "Flat", incremental: "Incremental" }, // R3
  },
  licenses: { expiringSoonDays: 7 }, // X
  emails: {
    trialHighDemand: {
      subject: "Your trial request for {{company}}",
      text: "Hello {{name}},\n\nThank you for your interest. Because of high demand we can't provision a trial instance for {{company}} right now.\nYou can still explore the self-hosted edition, or reply to this email and we'll get back to you.\n",
    },
    trialHandOff: {
      subject: "Your {{company}} instance is ready",
      text: "Hello {{name}},\n\nYour instance is ready at {{instanceUrl}}.\n\n1. Set your password: {{passwordResetUrl}}\n2. Follow the onboarding checklist: {{checklistUrl}}\n3. Book time with {{ceName}}, your customer engineer: {{bookingUrl}}\n\nYour trial runs until {{trialEndsOn}}.\n",
    },
    trialUnusedWarning: {
      subject: "Is {{company}}'s instance still useful to you?",
      text: "Hello {{name}},\n\nWe noticed nobody has connected a code host or joined {{instanceUrl}} yet.\nIf you still want it, reply to this email or connect your code host; otherwise we will shut it down on {{terminateOn}} to make room for other trials.\n",
    },
    trialTerminated: {
      subject: "{{company}}'s trial instance was shut down",
      text: "Hello {{name}},\n\nAs nobody used {{instanceUrl}} in the first {{days}} days, we shut it down. If this was a mistake, reply and we'll set you up again.\n",
    },
    trialEnded: {
      subject: "Trial ended: {{company}} ({{slug}}) needs a decision",
      text: "The trial of {{company}} ({{slug}}) ended on {{endedOn}}.\nRecord a decision (extend, convert or terminate) by {{decisionDueOn}}: {{trialUrl}}\n",
    },
    trialDecisionEscalation: {
      subject: "Overdue: no decision on {{company}}'s ended trial",
      text: "The trial of {{company}} ({{slug}}) ended on {{endedOn}} and no decision was recorded within {{days}} days.\nDecide now: {{trialUrl}}\n",
    },
    accessRequest: {
      subject: "{{requesterName}} asks for access to {{instanceUrl}}",
      text: "Hello,\n\n{{requesterName}} <{{requesterEmail}}> from your company asked for access to {{instanceUrl}}.\n\n{{message}}\n\nInvite them from the instance's user settings if you agree.\n",
    },
    signupFailed: {
      subject: "Trial signup could not be processed ({{email}})",
      text: "A trial signup from {{email}} failed: {{error}}\nThe raw submission {{submissionId}} is kept; replay it from {{replayUrl}} once the cause is fixed.\n",
    },
    provisioningTask: {
      subject: "Provision trial instance {{slug}} for {{company}}",
      text: "A trial instance is approved for {{company}}.\nSlug: {{slug}}\nAdmin: {{adminEmail}}\nSLA due: {{dueAt}}\nMark it ready with the instance URL and password-reset link: {{trialUrl}}\n",
    },
    pqlPrompt: {
      subject: "PQL: {{company}} ({{slug}})",
      text: "{{company}}'s trial is product-qualified: {{criteria}}.\nConvert the lead and have an AE claim it: {{leadUrl}}\n",
    },
    ceBookingRequest: {
      subject: "{{requesterName}} from {{company}} booked time: schedule {{ceName}}",
      text: "{{requesterName}} from {{company}} booked time with a customer engineer for {{bookedFor}}.\nPlease schedule {{ceName}}: {{leadUrl}}\n",
    },
    existingCustomerTrial: {
      subject: "Trial request from {{company}} ({{reason}})",
      text: "{{name}} <{{email}}> requested a cloud trial. {{company}} is {{reason}}; you own the account.\nLead: {{leadUrl}}\n",
    },
    onboardingConnectCode: {
      subject: "Connect your code to {{instanceUrl}}",
      text: "Hello {{name}},\n\nThe first step that makes a trial useful is connecting a code host. The checklist shows how: {{checklistUrl}}\n",
    },
    onboardingInviteTeam: {
      subject: "Invite your team to {{instanceUrl}}",
      text: "Hello {{name}},\n\nTrials go best with a few colleagues on board. Invite them from the admin settings, or book time with us: {{bookingUrl}}\n",
    },
    onboardingTrialHalfway: {
      subject: "Halfway through your {{company}} trial",
      text: "Hello {{name}},\n\nYou're halfway through your trial (it ends on {{trialEndsOn}}). Questions? Book time with a customer engineer: {{bookingUrl}}\n",
    },
    taSupportLevelReminder: {
      subject: "Set the TA support level for {{account}} (closes {{closeDate}})",
      text: "{{account}} is expected to close on {{closeDate}}, {{days}} days from now, and has no TA support level yet.\nSetting it puts the account in the customer-success book and segments it: {{accountUrl}}\n",
    },
    taAssignmentNeeded: {
      subject: "Assign a TA to {{account}} (closes {{closeDate}})",
      text: "{{account}} closes on {{closeDate}} and has no technical advisor yet. Assign one so the hand-off can start: {{accountUrl}}\n",
    },
    taAssigned: {
      subject: "You are the technical advisor for {{account}}",
      text: "Hello {{name}},\n\n{{actor}} assigned you as the technical advisor of {{account}} (expected close {{closeDate}}, segment {{segment}}).\nThe account: {{accountUrl}}\n",
    },
    handoffTask: {
      subject: "Hand-off: complete the Handoff Doc for {{account}}",
      text: "Hello {{name}},\n\n{{account}} closes on {{closeDate}}. Please complete the Handoff Doc and schedule the knowledge transfer with {{attendees}} by {{dueOn}}.\nHandoff Doc: {{docUrl}}\nAccount: {{accountUrl}}\n",
    },
    productionInstanceRequest: {
      subject: "Production instance request: {{account}}",
      text: "{{account}} signed for a managed cloud deployment.\nSeats: {{seats}} (license {{licenseUsers}} users). Admin: {{adminEmail}}.\nSLA: ready by {{dueOn}} ({{slaDays}} working days).\nAccount: {{accountUrl}}\n",
    },
    contactsUntagged: {
      subject: "{{account}} has no tagged contacts {{days}} days after signature",
      text: "{{account}} closed on {{closedOn}} and none of its contacts has a role yet (Champion, Instance Admin, …). Tag them: {{accountUrl}}\n",
    },
    onboardingTargetMissed: {
      subject: "{{account}} missed its onboarding target",
      text: "{{account}} ends onboarding with MAU/seats at {{mauPerSeat}}, under the {{target}} target. Plan the next steps: {{accountUrl}}\n",
    },
    redAccountOpened: {
      subject: "{{account}} is red",
      text: "Hello {{name}},\n\n{{account}} turned red: {{reason}}\nRecord the current state, what you need from the business and an action plan in the red-accounts tracker: {{trackerUrl}}\n",
    },
    renewalAssessmentAssigned: {
      subject: "Renewal in {{days}} days: Health Assessment for {{account}}",
      text: "Hello {{name}},\n\n{{account}} renews on {{renewalDate}} (ARR {{arr}}). Complete the Health Assessment with {{aeName}} by {{dueOn}}, rate the account green, yellow or red, and review it with your manager: {{docUrl}}\nRenewal: {{renewalUrl}}\n",
    },
    renewalReviewRequested: {
      subject: "Review the renewal rating of {{account}}: {{rating}}",
      text: "Hello {{name}},\n\n{{rater}} rated {{account}}'s renewal ({{renewalDate}}) {{rating}}: {{note}}\nReview it: {{renewalUrl}}\n",
    },
    lighthouseEntered: {
      subject: "{{account}} entered Lighthouse",
      text: "Hello {{name}},\n\n{{account}} entered the Lighthouse save program: {{reason}}\nWrite the save plan and success criteria, name the exec sponsor, and post an update every week: {{programUrl}}\n",
    },
    churnRetroNeeded: {
      subject: "Churn retro needed: {{account}}",
      text: "Hello {{name}},\n\n{{account}} was processed as {{outcome}} ({{arrLost}} ARR lost). Churn over {{threshold}} needs a retro: write it, categorise it and share it: {{docUrl}}\n",
    },
    accountChurned: {
      subject: "{{account}} churned",
      text: "Hello {{name}},\n\n{{account}} churned (account type {{accountType}}; ARR {{arr}}). It has left the customer-success book. {{teardown}}The AE writes the post-mortem: {{accountUrl}}\n",
    },
    teardownRequested: {
      subject: "Teardown request: {{account}}",
      text: "{{account}} churned and runs on managed cloud. Tear down {{instances}} promptly (compliance).\nSLA: by {{dueOn}} ({{slaDays}} working days).\nAccount: {{accountUrl}}\n",
    },
    taskAssigned: {
      subject: "Task for you: {{title}}",
      text: "Hello {{name}},\n\n{{actor}} assigned you a task{{accountPart}}: {{title}}\nDue: {{dueOn}}\n{{taskUrl}}\n",
    },
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
