import { createRuleRegistry, type RuleRegistry } from "../platform/scheduler/scheduled-rule.js";
import { platformRules } from "../platform/scheduler/rules/index.js";
import { usageRules } from "../domains/usage/rules.js";
import { trialLifecycleRules } from "../domains/trials/rules/index.js";
import { handoffRules } from "../domains/handoff/rules/index.js";
import { lifecycleRules } from "../domains/lifecycle/rules.js";
import { healthRules } from "../domains/health/rules.js";
import { renewalRules } from "../domains/renewals/rules.js";

/** Every time-based rule the scheduler evaluates: platform rules, then each domain's. */
export function allRules(): RuleRegistry {
  return createRuleRegistry([...platformRules, ...usageRules, ...trialLifecycleRules, ...handoffRules, ...lifecycleRules, ...healthRules, ...renewalRules]);
}
