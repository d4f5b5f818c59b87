import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { decisionEscalationRule } from "./decision-escalation.js";
import { onboardingEmailRule } from "./onboarding-email.js";
import { trialEndRule } from "./trial-end.js";
import { unusedTerminateRule } from "./unused-terminate.js";
import { unusedWarningRule } from "./unused-warning.js";

/** The trial lifecycle after hand-off (T7 onboarding, T9 early termination, T10 trial end). */
export const trialLifecycleRules: readonly ScheduledRule[] = [
  onboardingEmailRule,
  unusedWarningRule,
  unusedTerminateRule,
  trialEndRule,
  decisionEscalationRule,
];
