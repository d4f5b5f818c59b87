import type { ScheduledRule } from "../scheduled-rule.js";
import { expireSessionsRule } from "./expire-sessions.js";

/** The platform's own scheduled rules; domains register theirs next to these at boot. */
export const platformRules: readonly ScheduledRule[] = [expireSessionsRule];
