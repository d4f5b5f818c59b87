import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { contactsUntaggedRule } from "./contacts-untagged.js";
import { handoffPlaybookRule } from "./handoff-playbook.js";
import { supportLevelReminderRule } from "./support-level-reminder.js";
import { taAssignmentRule } from "./ta-assignment.js";

/** The pre- to post-sales hand-off (H1 reminder, H3 TA assignment and playbook, H5 contacts). */
export const handoffRules: readonly ScheduledRule[] = [supportLevelReminderRule, taAssignmentRule, handoffPlaybookRule, contactsUntaggedRule];
