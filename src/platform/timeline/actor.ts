import type { ActorType } from "../db/database.js";

/** Who or what caused a change: a person, an API token, a rule (with pack version), or the system. */
export type Actor =
  | { type: "user"; id: string; label: string; role: string }
  | { type: "api_token"; id: string; label: string; role: string }
  | { type: "rule"; ruleId: string; packVersion: string }
  | { type: "system"; label: string };

export interface ActorColumns {
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  rule_id: string | null;
  pack_version: string | null;
}

export function actorColumns(actor: Actor): ActorColumns {
  switch (actor.type) {
    case "user":
    case "api_token":
      return { actor_type: actor.type, actor_id: actor.id, actor_label: actor.label, rule_id: null, pack_version: null };
    case "rule":
      return {
        actor_type: "rule",
        actor_id: actor.ruleId,
        actor_label: `rule ${actor.ruleId}`,
        rule_id: actor.ruleId,
        pack_version: actor.packVersion,
      };
    case "system":
      return { actor_type: "system", actor_id: null, actor_label: actor.label, rule_id: null, pack_version: null };
    default: {
      const unreachable: never = actor;
      throw new Error(`unknown actor ${JSON.stringify(unreachable)}`);
    }
  }
}

export const systemActor = (label = "system"): Actor => ({ type: "system", label });
export const ruleActor = (ruleId: string, packVersion: string): Actor => ({ type: "rule", ruleId, packVersion });
