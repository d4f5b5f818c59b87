import { invalidField } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { addDays } from "../usage/days.js";

export interface KickoffInput {
  kickoffOn: string;
  /** A name of pack kickoff.checkInCadences. */
  checkInCadence: string;
  /** Default: every pack training (E4). A pack training's dueOn defaults to kickoff + its afterDays. */
  trainings?: readonly { name: string; dueOn?: string | undefined }[] | undefined;
  onboardingHelp?: string | undefined;
}

export interface PlannedTask {
  /** Unique within a plan; part of the task's sourceKey. */
  key: string;
  title: string;
  description: string;
  dueOn: string;
}

export interface KickoffPlan {
  checkInCadence: string;
  trainings: { name: string; dueOn: string }[];
  onboardingHelp: string;
  tasks: PlannedTask[];
}

/**
 * H6: the engagement plan and the TA's tasks it makes, from pack `kickoff`: a check-in every
 * cadence days after the kickoff up to min(kickoff + planHorizonDays, renewal), one task per
 * training, and one for onboarding help (due at the first check-in) when help was agreed.
 */
export function planKickoff(pack: Pick<ProcessPack, "kickoff">, input: KickoffInput, account: { name: string; contractEnd: string | null }): KickoffPlan {
  const k = pack.kickoff;
  const cadence = k.checkInCadences.find((c) => c.name === input.checkInCadence.trim());
  if (!cadence) throw invalidField("checkInCadence", `must be one of ${k.checkInCadences.map((c) => c.name).join(", ")}`);
  const asked: readonly { name: string; dueOn?: string | undefined }[] = input.trainings ?? k.trainings.map((t) => ({ name: t.name }));
  const trainings = asked.map((t) => {
    const name = t.name.trim();
    if (t.dueOn !== undefined) return { name, dueOn: t.dueOn };
    const known = k.trainings.find((p) => p.name === name);
    if (!known) throw invalidField("trainings", `"${name}" is not one of the pack's trainings (${k.trainings.map((p) => p.name).join(", ")}): give its dueOn`);
    return { name, dueOn: addDays(input.kickoffOn, known.afterDays) };
  });
  const onboardingHelp = input.onboardingHelp?.trim() ?? "";

  const horizon = addDays(input.kickoffOn, k.planHorizonDays);
  const until = account.contractEnd !== null && account.contractEnd < horizon ? account.contractEnd : horizon;
  const tasks: PlannedTask[] = [];
  for (let day = addDays(input.kickoffOn, cadence.days); day <= until; day = addDays(day, cadence.days)) {
    tasks.push({
      key: `check-in:${day}`,
      title: `Check-in with ${account.name}`,
      description: `${cadence.name} check-in (E5). Prepare: usage, version and upgrades, new features, open tickets and requests.`,
      dueOn: day,
    });
  }
  trainings.forEach((t, i) => {
    tasks.push({ key: `training:${i}`, title: `${t.name} for ${account.name}`, description: `Training from the engagement plan agreed at the kickoff on ${input.kickoffOn}; record attendance.`, dueOn: t.dueOn });
  });
  if (onboardingHelp !== "") {
    tasks.push({ key: "onboarding-help", title: `Onboarding help for ${account.name}`, description: onboardingHelp, dueOn: addDays(input.kickoffOn, cadence.days) });
  }
  return { checkInCadence: cadence.name, trainings, onboardingHelp, tasks };
}
